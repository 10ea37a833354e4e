// 出件办结: one window hands over the results, by the delivery the applicant and the item allow. A case received at
// another region's centre (异地代收) logs `returnTo`, that centre (checks.ts), so the results go back to it.
import { z } from 'zod';
import { text, type EventModule } from './common';
import { EVENT_LABELS } from './labels';

export const ISSUE: EventModule = {
	label: EVENT_LABELS.ISSUE,
	// the method may be left out: the check takes the applicant's choice or the first allowed one (checks.ts)
	payload: z.strictObject({
		delivery: z.enum(['window', 'post', 'online']).optional(),
		trackingNumber: z.string().trim().max(40, '快递单号最多 40 个字符').optional()
	}),
	fromForm: (f) => ({
		...(text(f, 'delivery') ? { delivery: text(f, 'delivery') } : {}),
		...(text(f, 'trackingNumber') ? { trackingNumber: text(f, 'trackingNumber') } : {})
	}),
	assign: (ctx, ev) => ({
		delivery: {
			...(ctx.delivery?.address ? { address: ctx.delivery.address } : {}),
			method: (ev.delivery ?? 'online') as 'window' | 'post' | 'online',
			...(ev.trackingNumber ? { trackingNumber: String(ev.trackingNumber) } : {}),
			...(ev.returnTo ? { returnTo: ev.returnTo as { department: string; name: string } } : {})
		}
	})
};
