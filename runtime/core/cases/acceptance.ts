// 收件 → 受理 (行政许可法 art. 32): submission gives the 收件编号 (the case's receiptNumber); the front desk's 受理 gives the
// 受理编号. An application the front desk has not accepted, rejected or sent back for 补正 within 5 working days of its
// latest (re)submission counts as accepted (视为受理): the deadline timer logs that acceptance for the system.
import type { Workflow } from '../model/workflow';
import { activeLeaves, nodeAt } from '../workflow/graph';
import { addWorkingDays, localDate, type WorkCalendar } from '../calendar';
import type { CaseEvent, CaseRecord } from '../store';
import type { Acceptance } from './state';

/** Working days the front desk has to decide on an application (行政许可法 art. 32). */
export const INTAKE_DAYS = 5;

/** 收件编号: QZ + local date + the day's sequence (the format every existing receiptNumber has). */
export const receiptNumberOf = (at: Date, seq: number) => `QZ${localDate(at).replace(/-/g, '')}${String(seq).padStart(6, '0')}`;

/** 受理编号: QZSL + local date + the day's own sequence, apart from the 收件 one (Quanzhou counts 收件 and 受理 apart). */
export const acceptanceNumberOf = (at: Date, seq: number) => `QZSL${localDate(at).replace(/-/g, '')}${String(seq).padStart(6, '0')}`;

/** The counter a day's 收件编号 or 受理编号 are taken from. */
export const numberCounter = (kind: 'receipt' | 'acceptance', at: Date) => `${kind}:${localDate(at).replace(/-/g, '')}`;

/**
 * The case's 受理: as recorded; for a case stored before 收件 and 受理 were numbered apart, its first 受理 in the log with
 * its receiptNumber as the 受理编号; undefined while not accepted (and for a case refused at intake).
 */
export function acceptanceOf(c: Pick<CaseRecord, 'receiptNumber' | 'events'> & { state: { acceptance?: Acceptance } }): Acceptance | undefined {
	if (c.state.acceptance) return c.state.acceptance;
	const accepted = c.events.find((e) => e.type === 'ACCEPT');
	return accepted && { number: c.receiptNumber, at: accepted.at };
}

/** The active front-desk intake step (not the applicant's 补正 step), if the case stands at it. */
export function intakeLeaf(workflow: Workflow, value: unknown): string | undefined {
	return activeLeaves(value).find((l) => {
		const meta = nodeAt(workflow, l)?.meta;
		return meta?.phase === 'intake' && meta.role !== 'applicant';
	});
}

/** When the application was last (re)submitted: the case's creation or its latest 补正. */
export function latestSubmission(c: Pick<CaseRecord, 'createdAt' | 'events'>): string {
	return c.events.findLast((e: CaseEvent) => e.type === 'RESUBMIT')?.at ?? c.createdAt;
}

/**
 * When an active case at the front desk, never accepted, counts as accepted: the end of the 5th working day after its
 * latest (re)submission (the day of submission is not counted); undefined when no such clock runs.
 */
export function deemedAcceptanceAt(
	workflow: Workflow,
	c: Pick<CaseRecord, 'createdAt' | 'events' | 'status' | 'receiptNumber'> & { state: CaseRecord['state'] },
	calendar: WorkCalendar
): string | undefined {
	if (c.status !== 'active' || acceptanceOf(c) || !intakeLeaf(workflow, c.state.machine.value)) return undefined;
	return addWorkingDays(calendar, latestSubmission(c), INTAKE_DAYS);
}

/** The earlier of two optional instants (the deadline timer's index key takes the earliest of its clocks). */
export const earliest = (...at: (string | undefined)[]) => at.filter((x): x is string => !!x).sort()[0];

/**
 * The event the timer logs for a deemed acceptance: a 受理 by the system, marked as deemed, with its reason. By law the case
 * counts as accepted from the day the (corrected) application was received: `from`, where the promised limit starts.
 */
export function deemedAcceptancePayload(dueAt: string, since: string): Record<string, unknown> {
	// dueAt is the end of the last working day: the instant before it names that day
	const last = localDate(new Date(Date.parse(dueAt) - 1));
	return {
		deemed: true,
		from: since,
		reason: `自 ${localDate(since)} 收件（或补正）起 ${INTAKE_DAYS} 个工作日内（至 ${last}）未作出受理决定，依法视为自收件之日起受理`
	};
}

/** When the promised limit starts: at 受理 (a deemed one: from the day the application was received), else at submission. */
export function promiseStart(c: Pick<CaseRecord, 'createdAt' | 'events'>): string {
	const accept = c.events.find((e) => e.type === 'ACCEPT');
	return accept ? String(accept.payload?.from ?? accept.at) : c.createdAt;
}

/**
 * The first 受理 of a case (the front desk's or the timer's) takes the day's next 受理编号 inside the event's transaction, so
 * no number is lost; the number is logged with the event and recorded in the case state.
 */
export async function recordAcceptance(
	prev: Pick<CaseRecord, 'receiptNumber' | 'events' | 'state'>,
	next: CaseRecord,
	record: CaseEvent,
	nextSequence: (name: string) => Promise<number>
): Promise<void> {
	if (record.type !== 'ACCEPT' || acceptanceOf(prev)) return;
	const at = new Date(record.at);
	const number = acceptanceNumberOf(at, await nextSequence(numberCounter('acceptance', at)));
	record.payload.acceptanceNumber = number;
	// a deemed 受理 counts from the day the application was received (its number is still the day it was recorded)
	const acceptedAt = String(record.payload.from ?? record.at);
	next.state = { ...next.state, acceptance: { number, at: acceptedAt, ...(record.payload.deemed ? { deemed: true as const } : {}) } };
}
