// The registry of event types: adding an event is one module here.
import { z } from 'zod';
import type { EventType } from '../../model/workflow';
import { reason, text, withOpinion, withReason, type EventModule } from './common';
import { ACCEPT } from './accept';
import { REQUEST_CORRECTION } from './request-correction';
import { RESUBMIT } from './resubmit';
import { INSPECT } from './inspect';
import { ISSUE } from './issue';
import { SUPPLY } from './supply';
import { TERMINATE } from './terminate';

export * from './common';

export const EVENTS: Record<EventType | 'TERMINATE', EventModule> = {
	ACCEPT,
	REJECT: withReason('不予受理'),
	REQUEST_CORRECTION,
	RESUBMIT,
	PASS: withOpinion('审查通过'),
	RETURN: withReason('退回'),
	START_SPECIAL: {
		label: '启动特别程序',
		payload: z.strictObject({ kind: z.string().min(1), reason }),
		fromForm: (f) => ({ kind: text(f, 'kind'), reason: text(f, 'reason') })
	},
	INSPECT,
	EXPERT_REVIEW: {
		label: '提交专家评审意见',
		payload: z.strictObject({ conclusion: z.enum(['pass', 'fail']), opinion: reason }),
		fromForm: (f) => ({ conclusion: text(f, 'conclusion'), opinion: text(f, 'opinion') })
	},
	APPROVE: withOpinion('准予'),
	DENY: withReason('不予许可'),
	ISSUE,
	SUPPLY,
	WITHDRAW: {
		label: '撤回申请',
		sender: 'applicant',
		payload: z.strictObject({ reason: z.string().optional() }),
		fromForm: (f) => (text(f, 'reason') ? { reason: text(f, 'reason') } : {})
	},
	TERMINATE
};

export const EVENT_LABELS = Object.fromEntries(Object.entries(EVENTS).map(([k, m]) => [k, m.label])) as Record<EventType, string>;

/** Labels of every event in a case's log: the workflow's, plus 告知承诺核查 and the platform's termination. */
export const LOG_LABELS: Record<string, string> = { ...EVENT_LABELS, VERIFY: '告知承诺核查' };

/** Events only the applicant sends, whichever state offers them. */
export const APPLICANT_EVENTS = new Set(
	Object.entries(EVENTS)
		.filter(([, m]) => m.sender === 'applicant')
		.map(([k]) => k)
);
