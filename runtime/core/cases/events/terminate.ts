// 办件终止: the platform ends a case where it stands (容缺材料逾期未补交); a real transition to the final state `terminated`.
import { z } from 'zod';
import type { EventModule } from './common';
import { EVENT_LABELS } from './labels';

export const TERMINATE: EventModule = {
	label: EVENT_LABELS.TERMINATE,
	sender: 'system',
	payload: z.strictObject({ reason: z.string().min(1), materials: z.array(z.string()).default([]) }),
	assign: (_ctx, ev) => ({ terminated: String(ev.reason) })
};
