import { describe, expect, it } from 'vitest';
import { compose } from '../../runtime/core/compose';
import { applyEvent, finalStatus, mayAct, offers, startSnapshot, TERMINATE } from '../../runtime/core/cases/engine';
import { checkWorkflow } from '../../runtime/core/workflow/check';
import { activeLeaves } from '../../runtime/core/workflow/graph';
import { parsedBundle, parsedItems, promisedWorkflow, versioned } from './fixtures/catalog';
import type { Workflow } from '../../runtime/core/model';

const items = parsedItems();
const service = compose({ kind: 'bundle', bundle: versioned(parsedBundle()), items: items.map((i) => versioned(i)) }, { kind: 'both' });
const wf = service.workflow;
const ctx = { answers: { kind: 'both' }, data: {}, commitments: [], pending: [], outcomes: {} };

function run(events: ({ type: string } & Record<string, unknown>)[]) {
	let snap = startSnapshot(wf, ctx);
	for (const e of events) snap = applyEvent(wf, snap, e).snapshot;
	return snap;
}

describe('composed bundle workflow (xstate, pure transition)', () => {
	it('the platform ends a case where it stands (容缺 past its deadline): no step is offered any more', () => {
		const running = run([{ type: 'ACCEPT' }]);
		const { snapshot } = applyEvent(wf, running, { type: TERMINATE, reason: '容缺材料「近期照片」未在承诺期限内补交，办件终止' });
		expect(snapshot.value).toEqual(running.value);
		expect(finalStatus(wf, running)).toBe('active');
		expect(finalStatus(wf, snapshot)).toBe('terminated');
		expect(snapshot.context.terminated).toContain('近期照片');
	});

	it('front desk accepts, departments review in parallel, one window issues', () => {
		let snap = run([{ type: 'ACCEPT' }]);
		expect(activeLeaves(snap.value).sort()).toEqual(['review.edu-confirm.review', 'review.eth-confirm.approved', 'review.ovs-confirm.review']);
		expect(snap.context.outcomes).toEqual({ 'eth-confirm': 'approved' });
		// APPROVE for one branch leaves the other untouched
		snap = applyEvent(wf, snap, { type: 'PASS', branch: 'edu-confirm' }).snapshot;
		snap = applyEvent(wf, snap, { type: 'APPROVE', branch: 'edu-confirm' }).snapshot;
		expect(activeLeaves(snap.value)).toContain('review.ovs-confirm.review');
		expect(activeLeaves(snap.value)).toContain('review.edu-confirm.approved');
		snap = applyEvent(wf, snap, { type: 'PASS', branch: 'ovs-confirm' }).snapshot;
		expect(activeLeaves(snap.value)).toContain('review.ovs-confirm.inspection');
		snap = applyEvent(wf, snap, { type: 'INSPECT', branch: 'ovs-confirm', checklist: [{ id: 'passport', passed: true }, { id: 'residence', passed: true }] }).snapshot;
		snap = applyEvent(wf, snap, { type: 'APPROVE', branch: 'ovs-confirm' }).snapshot;
		expect(snap.value).toBe('issuing');
		const { snapshot, effects } = applyEvent(wf, snap, { type: 'ISSUE' });
		expect(snapshot.value).toBe('closed');
		expect(effects.map((e) => e.type)).toEqual(['issueResult']);
		expect(finalStatus(wf, snapshot)).toBe('closed');
	});

	it('a failed inspection denies that branch only; the others still issue', () => {
		let snap = run([{ type: 'ACCEPT' }, { type: 'PASS', branch: 'ovs-confirm' }]);
		snap = applyEvent(wf, snap, { type: 'INSPECT', branch: 'ovs-confirm', checklist: [{ id: 'passport', passed: false, required: true }] }).snapshot;
		expect((snap.context.outcomes as Record<string, string>)['ovs-confirm']).toBe('denied');
		snap = applyEvent(wf, snap, { type: 'PASS', branch: 'edu-confirm' }).snapshot;
		snap = applyEvent(wf, snap, { type: 'APPROVE', branch: 'edu-confirm' }).snapshot;
		expect(snap.value).toBe('issuing');
	});

	it('a branch asks for corrections, the applicant resubmits, the branch resumes', () => {
		let snap = run([{ type: 'ACCEPT' }, { type: 'REQUEST_CORRECTION', branch: 'edu-confirm' }]);
		expect(activeLeaves(snap.value)).toContain('review.edu-confirm.reviewCorrecting');
		const applicantOffers = offers(wf, snap.value).filter((o) => o.role === 'applicant' && o.statePath);
		expect(applicantOffers.map((o) => `${o.type}@${o.statePath}`)).toEqual(['RESUBMIT@review.edu-confirm.reviewCorrecting', 'WITHDRAW@review']);
		snap = applyEvent(wf, snap, { type: 'RESUBMIT', branches: ['edu-confirm'] }).snapshot;
		expect(activeLeaves(snap.value)).toContain('review.edu-confirm.review');
	});

	it('rejection at the front desk ends the case', () => {
		const snap = run([{ type: 'REJECT', reason: '不属于受理范围' }]);
		expect(finalStatus(wf, snap)).toBe('rejected');
	});

	it('offers each action only to the role and department of the state', () => {
		const snap = run([{ type: 'ACCEPT' }]);
		const o = offers(wf, snap.value).filter((x) => x.type === 'PASS');
		expect(o.map((x) => [x.branch, x.role, x.department])).toEqual([['edu-confirm', 'reviewer', 'edu'], ['ovs-confirm', 'reviewer', 'ovs']]);
		const eduReviewer = { id: 'u1', name: 'r', roles: ['reviewer'], department: 'edu' };
		expect(o.filter((x) => mayAct(eduReviewer, x, 'citizen')).map((x) => x.branch)).toEqual(['edu-confirm']);
		expect(o.filter((x) => mayAct({ ...eduReviewer, roles: ['decider'] }, x, 'citizen'))).toEqual([]);
	});

	it('an unknown event or another branch’s event changes nothing', () => {
		const snap = run([{ type: 'ACCEPT' }]);
		expect(applyEvent(wf, snap, { type: 'APPROVE', branch: 'edu-confirm' }).snapshot).toEqual(snap);
		expect(applyEvent(wf, snap, { type: 'PASS', branch: 'nope' }).snapshot).toEqual(snap);
	});
});

describe('workflow checks', () => {
	const ctxCheck = { roles: new Set(['applicant', 'frontDesk', 'reviewer', 'decider', 'issuer', 'inspector']), departments: new Set(['center', 'edu']) };
	it('passes a sound workflow and the composed bundle', () => {
		expect(checkWorkflow(promisedWorkflow() as Workflow, ctxCheck)).toEqual([]);
		expect(checkWorkflow(wf, { ...ctxCheck, departments: new Set(['center', 'edu', 'ovs', 'eth']) })).toEqual([]);
	});
	it('names unreachable states, dead ends, missing roles, unknown targets, guards and actions', () => {
		const w = promisedWorkflow() as any;
		w.states.orphan = { meta: { label: '孤立环节', role: 'reviewer' }, on: { PASS: 'decision' } };
		w.states.decision.on.APPROVE = { target: 'issuing', guard: 'magic', actions: ['sendFax'] };
		w.states.review.on.PASS = 'nowhere';
		w.states.loop = { meta: { label: '死循环' }, on: { PASS: 'loop2' } };
		w.states.loop2 = { meta: { label: '死循环2', role: 'reviewer' }, on: { PASS: 'loop' } };
		w.states.review.on.RETURN = 'loop';
		const msgs = checkWorkflow(w, ctxCheck).map((p) => `${p.path.join('.')}: ${p.message}`);
		expect(msgs).toContain('workflow.states.orphan: 状态「孤立环节」(orphan) 不可达');
		expect(msgs).toContain('workflow.states.review.on.PASS: 目标状态「nowhere」不存在（只能指向同级状态）');
		expect(msgs).toContain('workflow.states.decision.on.APPROVE.guard: 未知的条件（guard）「magic」');
		expect(msgs).toContain('workflow.states.decision.on.APPROVE.actions.0: 未知的动作（action）「sendFax」');
		expect(msgs).toContain('workflow.states.loop.meta.role: 状态「死循环」未指定办理角色');
		expect(msgs).toContain('workflow.states.loop: 状态「死循环」(loop) 无法到达任何终止状态（死路）');
	});
});

describe('intake clock (行政许可法 art. 32)', () => {
	it('flags a case left unanswered at intake for more than 5 working days, counted from the latest resubmission', async () => {
		const { clocks } = await import('../../runtime/core/cases/engine');
		const { makeCalendar } = await import('../../runtime/core/calendar');
		const { Calendar } = await import('../../runtime/core/model/dictionaries');
		const cal2026 = (await import('../../definitions/dictionaries/calendar-2026.json')).default;
		const calendar = makeCalendar([Calendar.parse(cal2026)]);
		const at = (local: string) => new Date(`${local}+08:00`).toISOString();
		const event = (type: string, when: string, stateAfter: unknown) => ({ seq: 0, at: at(when), actor: { id: 'x', name: 'x', roles: [] }, type, payload: {}, stateAfter });
		const c = {
			createdAt: at('2026-03-02T09:00:00'),
			status: 'active' as const,
			events: [event('REQUEST_CORRECTION', '2026-03-03T09:00:00', 'correcting'), event('RESUBMIT', '2026-03-16T09:00:00', 'intake')]
		};
		const flag = (now: string) => clocks({ workflow: wf, c, initialValue: 'intake', limitDays: 20, branchLimits: {}, calendar, now: new Date(at(now)) }).intakeOverdue;
		// resubmitted on Mon 16 Mar: two weeks after the first submission, but only one day at intake since
		expect(flag('2026-03-17T09:00:00')).toBe(false);
		expect(flag('2026-03-20T18:00:00')).toBe(false);
		expect(flag('2026-03-24T18:00:00')).toBe(true);
		// never corrected: counted from the submission
		expect(clocks({ workflow: wf, c: { ...c, events: [] }, initialValue: 'intake', limitDays: 20, branchLimits: {}, calendar, now: new Date(at('2026-03-10T09:00:00')) }).intakeOverdue).toBe(true);
	});
});
