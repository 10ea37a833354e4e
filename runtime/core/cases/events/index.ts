// The registry of event types: adding an event is one module here, and its label in labels.ts.
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
import { EVENT_LABELS } from './labels';
import { withStandards } from '../standards';

export * from './common';
export * from './labels';

export const EVENTS: Record<EventType | 'TERMINATE', EventModule> = {
	ACCEPT,
	REJECT: withReason(EVENT_LABELS.REJECT),
	REQUEST_CORRECTION,
	RESUBMIT,
	PASS: withStandards(withOpinion(EVENT_LABELS.PASS)),
	RETURN: withReason(EVENT_LABELS.RETURN),
	START_SPECIAL: {
		label: EVENT_LABELS.START_SPECIAL,
		payload: z.strictObject({ kind: z.string().min(1), reason }),
		fromForm: (f) => ({ kind: text(f, 'kind'), reason: text(f, 'reason') })
	},
	INSPECT,
	EXPERT_REVIEW: {
		label: EVENT_LABELS.EXPERT_REVIEW,
		payload: z.strictObject({ conclusion: z.enum(['pass', 'fail']), opinion: reason }),
		fromForm: (f) => ({ conclusion: text(f, 'conclusion'), opinion: text(f, 'opinion') })
	},
	APPROVE: withStandards(withOpinion(EVENT_LABELS.APPROVE)),
	DENY: withStandards(withReason(EVENT_LABELS.DENY)),
	ISSUE,
	SUPPLY,
	WITHDRAW: {
		label: EVENT_LABELS.WITHDRAW,
		sender: 'applicant',
		payload: z.strictObject({ reason: z.string().optional() }),
		fromForm: (f) => (text(f, 'reason') ? { reason: text(f, 'reason') } : {})
	},
	TERMINATE
};

/** Events only the applicant sends, whichever state offers them. */
export const APPLICANT_EVENTS = new Set(
	Object.entries(EVENTS)
		.filter(([, m]) => m.sender === 'applicant')
		.map(([k]) => k)
);
