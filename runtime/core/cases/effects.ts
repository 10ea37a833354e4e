// Effects: what a transition asks for beyond the state, carried out in the same transaction by a registry of implementations.
import { randomUUID } from 'node:crypto';
import type { ComposedService } from '../compose';
import type { Bundle, Item, LicenceType } from '../model';
import type { WorkCalendar } from '../calendar';
import type { Account, CaseEvent, CaseRecord, StoreTx } from '../store';
import type { Effect } from './decide';
import { issueCombined } from './combined';
import { issueResults, numberTaker } from './results';
import { verificationsFor } from './verifications';
import { applicantMessage, officerMessage } from './messages';

export interface EffectEnv {
	tx: StoreTx;
	/** the case being written: effects record what they did in its state */
	next: CaseRecord;
	event: CaseEvent;
	service: ComposedService;
	items: Item[];
	applicant?: Account;
	calendar: WorkCalendar;
	now: Date;
	/** the licence-type dictionary: certificate templates and numbering rules */
	licenceTypes?: LicenceType[];
	/** the bundle a bundle case is pinned to (its combined result) */
	bundle?: Bundle;
}

type Implementation = (env: EffectEnv, params: Record<string, unknown>) => Promise<void>;

/** Every effect action of the workflow library (runtime/core/workflow/library.ts) has an implementation here. */
export const EFFECTS: Record<string, Implementation> = {
	async issueResult(env) {
		const now = env.now.toISOString();
		const types = env.licenceTypes ?? [];
		const take = numberTaker(
			types,
			(n) => env.tx.nextSequence(n),
			(id) => env.tx.licences.get(id),
			now
		);
		const results = await issueResults(env.next, env.items, env.applicant, now, types, take, env.service.names);
		const included = new Set(env.service.members.filter((m) => m.included).map((m) => m.item));
		const members = env.items.filter((i) => included.has(i.id));
		const combined = env.bundle && (await issueCombined(env.next, env.bundle, members, results, env.applicant, now, types, take));
		if (combined) results.push(combined);
		env.next.state.results = results;
		for (const r of results) if (r.licence && !(await env.tx.licences.get(r.licence.id))) await env.tx.licences.put(r.licence);
	},
	async notifyApplicant(env, params) {
		const at = env.now.toISOString();
		const message = applicantMessage(env.next, env.event, env.service, at);
		if (message) await env.tx.messages.append(message);
		await env.tx.outbox.append({
			id: randomUUID(),
			at,
			channel: 'notification',
			topic: String(params.template ?? `case.${env.event.type}`),
			caseId: env.next.id,
			recipientId: env.next.applicantId,
			payload: {
				receiptNumber: env.next.receiptNumber,
				service: env.next.service.name,
				event: env.event.type,
				status: env.next.status,
				...(message ? { title: message.title, lines: message.lines } : {})
			},
			status: 'pending',
			attempts: 0,
			nextAttemptAt: at
		});
	},
	/** the officer who asked for a 补正 learns it was answered (消息中心 only) */
	async notifyOfficer(env) {
		const message = officerMessage(env.next, env.event, env.now.toISOString());
		if (message) await env.tx.messages.append(message);
	},
	async scheduleVerification(env) {
		if (!env.next.state.verifications.length) env.next.state.verifications = verificationsFor(env.next, env.service, env.calendar, env.now);
	}
};

/** Events the applicant is told about whatever the workflow says (受理, 补正, decisions, 出件, 终止). */
const NOTIFIED = new Set(['ACCEPT', 'REJECT', 'REQUEST_CORRECTION', 'APPROVE', 'DENY', 'ISSUE', 'TERMINATE']);

/** The machine's effects plus the platform's own: notify on the events above, verify commitments once the case is closed. */
export function platformEffects(machine: Effect[], type: string, closed: boolean, commitments: number): Effect[] {
	const out = [...machine];
	if (NOTIFIED.has(type) && !out.some((e) => e.type === 'notifyApplicant')) out.push({ type: 'notifyApplicant' });
	if (type === 'RESUBMIT') out.push({ type: 'notifyOfficer' });
	if (closed && commitments && !out.some((e) => e.type === 'scheduleVerification')) out.push({ type: 'scheduleVerification' });
	return out;
}

export async function runEffects(effects: Effect[], env: EffectEnv) {
	for (const e of effects) {
		const run = EFFECTS[e.type];
		if (!run) throw new Error(`effect ${e.type} has no implementation`);
		await run(env, e.params ?? {});
	}
}
