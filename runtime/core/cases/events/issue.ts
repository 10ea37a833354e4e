// 出件办结: one window hands over the results, by the delivery the applicant and the item allow.
import { z } from 'zod';
import { text, type EventModule } from './common';
import { EVENT_LABELS } from './labels';

export const ISSUE: EventModule = {
	label: EVENT_LABELS.ISSUE,
	payload: z.strictObject({ delivery: z.enum(['window', 'post', 'online']).default('online'), trackingNumber: z.string().optional() }),
	fromForm: (f) => ({ delivery: text(f, 'delivery') || 'online', ...(text(f, 'trackingNumber') ? { trackingNumber: text(f, 'trackingNumber') } : {}) }),
	assign: (_ctx, ev) => ({
		delivery: { method: ev.delivery as 'window' | 'post' | 'online', ...(ev.trackingNumber ? { trackingNumber: String(ev.trackingNumber) } : {}) }
	})
};
