// 提交补正: the applicant changes exactly what the open notices listed (fields, materials, situation answers); every open
// notice is then answered. A changed answer re-composes the form: what it newly asks is given in the same resubmission.
import { z } from 'zod';
import { ProvidedMaterial, type EventModule } from './common';
import type { Answers } from '../state';
import { settleProvided } from './settle';
import { EVENT_LABELS } from './labels';

export const RESUBMIT: EventModule = {
	label: EVENT_LABELS.RESUBMIT,
	sender: 'applicant',
	payload: z.strictObject({
		data: z.record(z.string(), z.unknown()).default({}),
		materials: z.record(z.string(), ProvidedMaterial).default({}),
		/** changed situation answers, by composed question key */
		answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
		licenceConsent: z.boolean().default(false),
		/** the whole form after the change, as validated (logged so replay needs no validator) */
		merged: z.record(z.string(), z.unknown()).optional()
	}),
	assign: (ctx, ev) => {
		const materials = (ev.materials ?? {}) as Record<string, ProvidedMaterial>;
		return {
			// every answer after the change, as checked (logged: absent in logs from before answers could be corrected)
			answers: (ev.answersAfter as Answers | undefined) ?? ctx.answers,
			data: (ev.merged as Record<string, unknown>) ?? { ...ctx.data, ...(ev.data as Record<string, unknown>) },
			materials: { ...ctx.materials, ...materials },
			...settleProvided(ctx, materials),
			corrections: ctx.corrections.map((c) => (c.resolvedAt ? c : { ...c, resolvedAt: ev.at }))
		};
	}
};
