// Case statuses and log events in the page's language (the workbench reads the same words in Chinese). Each label is
// named one by one so the bundler keeps only these messages.
import { m } from '$lib/paraglide/messages';

const STATUS: Record<string, () => string> = {
	active: m.status_active,
	closed: m.status_closed,
	rejected: m.status_rejected,
	denied: m.status_denied,
	withdrawn: m.status_withdrawn,
	terminated: m.status_terminated
};
const EVENTS: Record<string, () => string> = {
	ACCEPT: m.event_accept,
	REJECT: m.event_reject,
	REQUEST_CORRECTION: m.event_request_correction,
	RESUBMIT: m.event_resubmit,
	PASS: m.event_pass,
	RETURN: m.event_return,
	START_SPECIAL: m.event_start_special,
	INSPECT: m.event_inspect,
	EXPERT_REVIEW: m.event_expert_review,
	APPROVE: m.event_approve,
	DENY: m.event_deny,
	ISSUE: m.event_issue,
	SUPPLY: m.event_supply,
	WITHDRAW: m.event_withdraw,
	TERMINATE: m.event_terminate,
	VERIFY: m.event_verify,
	INTERMEDIARY: m.event_intermediary
};

export const statusLabel = (status: string) => STATUS[status]?.() ?? status;
/** A logged event's label; a 受理 the timer logged (payload.deemed) reads 视为受理. */
export const eventLabel = (type: string, payload?: Record<string, unknown>) =>
	type === 'ACCEPT' && payload?.deemed ? m.event_deemed_accept() : (EVENTS[type]?.() ?? type);
