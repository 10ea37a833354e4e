// 补交容缺材料: a deferred material now provided leaves the 容缺 list.
import { z } from 'zod';
import { ProvidedMaterial, type EventModule } from './common';
import { settleProvided } from './settle';
import { EVENT_LABELS } from './labels';

export const SUPPLY: EventModule = {
	label: EVENT_LABELS.SUPPLY,
	sender: 'applicant',
	payload: z.strictObject({ material: z.string().min(1), provided: ProvidedMaterial, licenceConsent: z.boolean().default(false) }),
	assign: (ctx, ev) => {
		const given = { [String(ev.material)]: ev.provided as ProvidedMaterial };
		return { materials: { ...ctx.materials, ...given }, ...settleProvided(ctx, given) };
	}
};
