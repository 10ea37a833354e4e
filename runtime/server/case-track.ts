// 办件查询 without signing in: a 受理编号 plus an ID or mobile number the application holds (matched by its keyed hash)
// shows the status, the service, the dates and the steps — no names, no form data, no materials, no reasons. A wrong
// pair gets one message whether or not the 受理编号 exists; failures are throttled per 受理编号 and per client address
// (the sign-in throttle, TRACK_* limits); every lookup is audited with the number masked.
import { z } from 'zod';
import { auditEntry } from '../core/audit';
import { progressOf } from '../core/cases/progress';
import { isChineseIdNumber } from '../core/formats';
import type { CaseRecord } from '../core/store';
import type { App } from './app';
import { ANONYMOUS_ACTOR } from './login';
import { maskIdentifier, normaliseIdentifier } from './pii';
import { m } from '../paraglide/messages.js';
import { eventLabel, statusLabel } from '../components/case/status-labels';
import { acceptanceOf } from '../core/cases/acceptance';

export const TrackQuery = z.strictObject({
	receiptNumber: z
		.string({ error: () => m.track_enter_receipt() })
		.transform((s) => s.trim().toUpperCase())
		.refine((s) => /^[A-Z]{2}\d{14}$/.test(s), { error: () => m.track_receipt_format() }),
	identifier: z
		.string({ error: () => m.track_enter_identifier() })
		.transform(normaliseIdentifier)
		.refine((s) => isChineseIdNumber(s) || /^1[3-9]\d{9}$/.test(s), { error: () => m.track_identifier_format() })
});
export type TrackQuery = z.infer<typeof TrackQuery>;

/** The one answer to a pair that matches nothing: it never tells whether the 受理编号 exists. */
export const notFound = () => m.track_not_found();

export const tooMany = (waitMs: number) => m.track_too_many({ minutes: Math.max(1, Math.ceil(waitMs / 60e3)) });

export type TrackOutcome = { ok: true; result: TrackResult } | { ok: false; status: 404 | 429; message: string; retryAfterSeconds?: number };

/** Looks the case up for `actorId` (the signed-in account, or anonymous) from `address`. */
export async function trackCase(app: App, q: TrackQuery, address: string, actorId = ANONYMOUS_ACTOR): Promise<TrackOutcome> {
	const audit = (action: string, caseId: string | undefined, detail: Record<string, unknown>) =>
		app.store.audit.append(auditEntry(app.time.now().toISOString(), actorId, action, caseId, { identifier: maskIdentifier(q.identifier), address, ...detail }));
	const attempt = await app.trackThrottle.begin(q.receiptNumber, address);
	if ('waitMs' in attempt) return { ok: false, status: 429, message: tooMany(attempt.waitMs), retryAfterSeconds: Math.ceil(attempt.waitMs / 1000) };
	let c: CaseRecord | undefined;
	try {
		c = (await app.store.cases.list({ receiptNumber: q.receiptNumber, identifier: q.identifier, limit: 1 }))[0];
	} catch (e) {
		attempt.release();
		throw e;
	}
	if (!c) {
		const { locked, waitMs } = attempt.fail();
		await audit('case.track', undefined, { receiptNumber: q.receiptNumber, found: false });
		if (locked.length) {
			await audit('case.track_lockout', undefined, { receiptNumber: q.receiptNumber, scope: locked, minutes: Math.ceil(waitMs / 60e3) });
			return { ok: false, status: 429, message: tooMany(waitMs), retryAfterSeconds: Math.ceil(waitMs / 1000) };
		}
		return { ok: false, status: 404, message: notFound() };
	}
	attempt.succeed();
	await audit('case.track', c.id, { receiptNumber: q.receiptNumber, found: true });
	return { ok: true, result: await publicView(app, c) };
}

const DECISIONS = new Set(['APPROVE', 'DENY', 'REJECT']);

/** What anyone holding the pair may see of a case: no names, no personal data, no form data or materials, no reasons. */
async function publicView(app: App, c: CaseRecord) {
	const service = await app.cases.composeFor(c);
	const clock = app.cases.clockOf(c, service);
	const departments = new Map(app.catalog.dictionaries.departments.map((d) => [d.id, d.name]));
	const dept = (id?: string) => (id ? (departments.get(id) ?? id) : undefined);
	const member = (branch?: string) => (branch ? service.members.find((m) => m.item === branch)?.name : undefined);
	const intake = c.state.intake;
	const progress = progressOf(service.workflow, c.state.machine.value);
	const current =
		c.status === 'active'
			? [...progress.steps, ...progress.branches]
					.filter((s) => !s.final)
					.map((s) => ({ label: s.label, department: dept(s.department), item: member(s.branch) }))
			: [];
	const decided = c.events.filter((e) => DECISIONS.has(e.type)).at(-1)?.at ?? clock.case.finishedAt;
	const steps: { at: string; label: string; department?: string; item?: string; note?: string }[] = [
		{ at: c.createdAt, label: intake ? m.track_window_intake() : m.track_submitted(), department: intake?.receiving.name },
		...c.events.map((e) => {
			const returnTo = (e.payload.returnTo as { name?: string } | undefined)?.name;
			return {
				at: e.at,
				label: eventLabel(e.type, e.payload),
				department: dept(e.actor.department),
				item: member(e.branch),
				...(returnTo ? { note: m.track_result_to({ place: returnTo }) } : {})
			};
		})
	];
	return {
		receiptNumber: c.receiptNumber,
		service: { kind: c.service.kind, name: c.service.name },
		status: c.status,
		statusLabel: statusLabel(c.status),
		receivedAt: c.createdAt,
		acceptedAt: acceptanceOf(c)?.at,
		/** 受理编号, once accepted; deemed: accepted by the 5-working-day timer (视为受理) */
		acceptance: acceptanceOf(c),
		dueAt: clock.case.dueAt,
		paused: c.status === 'active' && clock.case.paused,
		decidedAt: c.status === 'active' ? undefined : decided,
		closedAt: clock.case.finishedAt,
		/** a step waiting for the applicant (补正, 容缺): what it asks is shown after signing in */
		waitsForApplicant: current.length > 0 && [...progress.steps, ...progress.branches].some((s) => !s.final && s.role === 'applicant'),
		current,
		steps,
		...(intake
			? {
					window: {
						receiving: m.track_centre({ name: intake.receiving.name, region: intake.receiving.regionName }),
						deciding: intake.deciding.map((p) => m.track_centre({ name: p.name, region: p.regionName })),
						crossRegion: intake.crossRegion
					}
				}
			: {})
	};
}
export type TrackResult = Awaited<ReturnType<typeof publicView>>;
