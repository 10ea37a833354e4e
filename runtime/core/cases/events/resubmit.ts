// 提交补正: the applicant changes exactly what the open notices listed; every open notice is then answered.
import { z } from 'zod';
import { ProvidedMaterial, type EventModule } from './common';
import { settleProvided } from './settle';
import { EVENT_LABELS } from './labels';

export const RESUBMIT: EventModule = {
	label: EVENT_LABELS.RESUBMIT,
	sender: 'applicant',
	payload: z.strictObject({
		data: z.record(z.string(), z.unknown()).default({}),
		materials: z.record(z.string(), ProvidedMaterial).default({}),
		licenceConsent: z.boolean().default(false),
		/** the whole form after the change, as validated (logged so replay needs no validator) */
		merged: z.record(z.string(), z.unknown()).optional()
	}),
	assign: (ctx, ev) => {
		const materials = (ev.materials ?? {}) as Record<string, ProvidedMaterial>;
		return {
			data: (ev.merged as Record<string, unknown>) ?? { ...ctx.data, ...(ev.data as Record<string, unknown>) },
			materials: { ...ctx.materials, ...materials },
			...settleProvided(ctx, materials),
			corrections: ctx.corrections.map((c) => (c.resolvedAt ? c : { ...c, resolvedAt: ev.at }))
		};
	}
};
