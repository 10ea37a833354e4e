// 受理: the front desk accepts; the 容缺 clock starts now (its due dates travel in the event, computed at acceptance).
import { z } from 'zod';
import { opinion, text, type EventModule } from './common';
import { EVENT_LABELS } from './labels';

export const ACCEPT: EventModule = {
	label: EVENT_LABELS.ACCEPT,
	payload: z.strictObject({ opinion, deferredDue: z.record(z.string(), z.string()).optional() }),
	fromForm: (f) => (text(f, 'opinion') ? { opinion: text(f, 'opinion') } : {}),
	assign: (ctx, ev) => {
		const due = (ev.deferredDue ?? {}) as Record<string, string>;
		return { pending: ctx.pending.map((p) => (due[p.material] ? { ...p, dueAt: due[p.material] } : p)) };
	}
};
