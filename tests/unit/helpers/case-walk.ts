import { isDeepStrictEqual } from 'node:util';
// Random legal walks through live cases (seeded, so a failure reproduces) and the consistency every case must keep.
import { compose, type ComposedService } from '../../../runtime/core/compose';
import { offers, mayAct, deriveTasks } from '../../../runtime/core/cases/engine';
import { emptyContext, start } from '../../../runtime/core/cases/decide';
import { HttpError } from '../../../runtime/core/errors';
import { ConflictError, type Actor } from '../../../runtime/core/store';
import { newCase } from '../../../runtime/core/cases/record';
import { stepStandards } from '../../../runtime/core/cases/standards';
import type { App } from '../../../runtime/server/app';

/** mulberry32: a small seeded PRNG. */
export function rng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return { next, pick: <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)] };
}

/** Answers every situation question with a random option, as asked (follow-up questions appear as earlier ones are answered). */
export async function randomAnswers(app: App, kind: 'item' | 'bundle', id: string, r: ReturnType<typeof rng>) {
	const source = await app.defs.source(kind, id);
	let answers: Record<string, string | string[]> = {};
	for (let i = 0; i < 10; i++) {
		const open = compose(source, answers).questions.filter((q) => answers[q.key] === undefined);
		if (!open.length) break;
		for (const q of open) answers = { ...answers, [q.key]: q.multiple ? [r.pick(q.options).value] : r.pick(q.options).value };
	}
	return { answers, service: compose(source, answers) };
}

/** A case inserted as the store would hold it after a submission (the form is not validated: the walk is about the workflow). */
export async function seedCase(app: App, service: ComposedService, answers: Record<string, string | string[]>, applicant: Actor, n: number): Promise<string> {
	const machine = start(service.workflow, emptyContext({ answers }));
	const at = app.time.now().toISOString();
	const c = newCase({
		id: `walk${n}x${Date.now().toString(36)}`,
		receiptNumber: `WALK${String(n).padStart(8, '0')}${Date.now().toString(36)}`,
		service,
		applicantId: applicant.id,
		machine,
		at
	});
	const clock = app.cases.clockOf(c, service);
	await app.store.transaction(async (tx) => {
		await tx.cases.insert(c);
		await tx.tasks.replaceForCase(c.id, deriveTasks({ workflow: service.workflow, c, clock, calendar: app.cases.calendar, previous: [] }));
	});
	return c.id;
}

export async function actors(app: App): Promise<Actor[]> {
	return (await app.store.accounts.list()).map((a) => ({ id: a.id, name: a.name, roles: a.roles, department: a.department }));
}

function payloadFor(type: string, service: ComposedService, r: ReturnType<typeof rng>): Record<string, unknown> {
	const field = Object.keys(service.form.schema.properties)[0];
	switch (type) {
		case 'REJECT':
		case 'DENY':
		case 'RETURN':
			return { reason: '随机测试理由' };
		case 'REQUEST_CORRECTION':
			return { problems: [{ target: { kind: 'field', id: field }, message: '请核对该项内容' }] };
		case 'START_SPECIAL':
			return { kind: 'hearing', reason: '随机测试理由' };
		case 'INSPECT':
			return { checklist: [] };
		case 'EXPERT_REVIEW':
			return { conclusion: r.next() < 0.7 ? 'pass' : 'fail', opinion: '专家意见' };
		case 'ISSUE':
			return {};
		case 'RESUBMIT':
			return { data: {}, materials: {} };
		default:
			return {};
	}
}

const FORWARD = new Set(['ACCEPT', 'PASS', 'APPROVE', 'ISSUE', 'INSPECT', 'EXPERT_REVIEW', 'RESUBMIT']);

/** Sends up to `steps` random offered events as whoever may send them; refusals (conditions, checks) are skipped, not failures. */
export async function walk(app: App, caseId: string, r: ReturnType<typeof rng>, people: Actor[], steps = 25) {
	for (let i = 0; i < steps; i++) {
		const c = (await app.store.cases.get(caseId))!;
		if (c.status !== 'active') return;
		const service = await app.cases.composeFor(c);
		// withdrawing is legal but ends the walk at once: send it rarely
		const all = offers(service.workflow, c.state.machine.value).filter((o) => o.type !== 'SUPPLY' && (o.type !== 'WITHDRAW' || r.next() < 0.05));
		if (!all.length) return;
		// forward steps more often than endings, so walks reach the later states
		const weighted = all.flatMap((o) => (FORWARD.has(o.type) ? [o, o, o, o] : [o]));
		const offer = r.pick(weighted);
		const who = people.filter((p) => mayAct(p, offer, c.applicantId));
		if (!who.length) continue;
		const checklist = offer.type === 'INSPECT' ? (app.cases as any).checklistOf(service, offer) : [];
		const payload = payloadFor(offer.type, service, r);
		if (offer.type === 'INSPECT') payload.checklist = checklist.map((x: { id: string }) => ({ id: x.id, passed: r.next() < 0.8 }));
		// 开卷式审批: the step's review standards, mostly met
		const standards = stepStandards(service.workflow, offer.statePath, offer.type);
		if (standards.length) payload.standards = standards.map((x) => ({ id: x.id, met: r.next() < 0.9 }));
		try {
			await app.cases.act(r.pick(who), caseId, { type: offer.type, version: c.version, ...(offer.branch ? { branch: offer.branch } : {}), ...payload });
		} catch (e) {
			if (!(e instanceof HttpError) && !(e instanceof ConflictError)) throw e;
		}
	}
}

/** What must hold for every stored case: the log replays to the state, tasks match the state, every event is audited. */
export async function inconsistencies(app: App, caseId: string): Promise<string[]> {
	const out: string[] = [];
	const c = (await app.store.cases.get(caseId))!;
	const replayed = await app.cases.replay(caseId);
	if (!isDeepStrictEqual(replayed, c.state.machine))
		out.push(`${caseId}: replay ${JSON.stringify(replayed)} differs from the live state ${JSON.stringify(c.state.machine)}`);
	if (c.events.some((e, i) => e.seq !== i + 1) || c.version !== c.events.length) out.push(`${caseId}: log and version disagree`);
	const service = await app.cases.composeFor(c);
	const expected = deriveTasks({ workflow: service.workflow, c, clock: app.cases.clockOf(c, service), calendar: app.cases.calendar, previous: [] }).map(
		(t) => t.statePath
	);
	const stored = (await app.store.tasks.query({ caseId, verification: false })).map((t) => t.statePath);
	if (JSON.stringify(stored.sort()) !== JSON.stringify(expected.sort()))
		out.push(`${caseId}: tasks ${stored.join(',')} but state offers ${expected.join(',')}`);
	if (stored.length && c.status !== 'active') out.push(`${caseId}: closed case with open tasks`);
	const audited = (await app.store.audit.list({ caseId, limit: 10_000 })).filter(
		(a) => a.action.startsWith('case.') && a.action !== 'case.view' && a.action !== 'case.SUBMIT'
	);
	for (const e of c.events)
		if (!audited.some((a) => a.action === `case.${e.type}` && a.at === e.at)) out.push(`${caseId}: event ${e.seq} ${e.type} without audit`);
	return out;
}
