import { describe, expect, it } from 'vitest';
import { compose } from '../../runtime/core/compose';
import { applyEvent, finalStatus, mayAct, offers, startSnapshot } from '../../runtime/core/cases/engine';
import { emptyContext } from '../../runtime/core/cases/decide';
import { checkWorkflow } from '../../runtime/core/workflow/check';
import { activeLeaves } from '../../runtime/core/workflow/graph';
import { buildMachine } from '../../runtime/core/workflow/machine';
import { initialTransition, transition } from 'xstate';
import { parsedBundle, parsedItems, promisedWorkflow, versioned } from './fixtures/catalog';
import type { Workflow } from '../../runtime/core/model';

const items = parsedItems();
const service = compose({ kind: 'bundle', bundle: versioned(parsedBundle()), items: items.map((i) => versioned(i)) }, { kind: 'both' });
const wf = service.workflow;
const ctx = { answers: { kind: 'both' } };

function run(events: ({ type: string } & Record<string, unknown>)[]) {
	let snap = startSnapshot(wf, ctx);
	for (const e of events) snap = applyEvent(wf, snap, e).snapshot;
	return snap;
}

describe('composed bundle workflow (xstate, pure transition)', () => {
	it('the platform ends a case (容缺 past its deadline) with a real transition to a final state: no step is offered any more', () => {
		const running = run([{ type: 'ACCEPT' }]);
		const { snapshot } = applyEvent(wf, running, { type: 'TERMINATE', reason: '容缺材料「近期照片」未在承诺期限内补交，办件终止' });
		expect(snapshot.value).toBe('terminated');
		expect(offers(wf, snapshot.value)).toEqual([]);
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
		snap = applyEvent(wf, snap, {
			type: 'INSPECT',
			branch: 'ovs-confirm',
			checklist: [
				{ id: 'passport', passed: true },
				{ id: 'residence', passed: true }
			]
		}).snapshot;
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
		expect(o.map((x) => [x.branch, x.role, x.department])).toEqual([
			['edu-confirm', 'reviewer', 'edu'],
			['ovs-confirm', 'reviewer', 'ovs']
		]);
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

/** 教育局 and 民政局 review side by side; each branch can ask for a 补正. `guarded`: every branch event carries its onBranch guard. */
function branchWorkflow(guarded: boolean): Workflow {
	const g = (branch: string) => (guarded ? { guard: { type: 'onBranch', params: { branch } } } : {});
	const region = (key: string, label: string, department: string) => ({
		initial: 'check',
		meta: { label, department },
		states: {
			check: {
				meta: { label: `${label}审查`, role: 'reviewer' },
				on: { PASS: { target: 'done', ...g(key) }, REQUEST_CORRECTION: { target: 'correcting', ...g(key) } }
			},
			correcting: {
				meta: { label: `${label}补正`, role: 'applicant', pausesClock: true, pauseKind: 'correction' },
				on: { RESUBMIT: { target: 'check', ...g(key) } }
			},
			done: { type: 'final', meta: { label: '已出具意见' } }
		}
	});
	return {
		id: 'branches',
		initial: 'intake',
		states: {
			intake: { meta: { label: '综合受理', role: 'frontDesk', department: 'center' }, on: { ACCEPT: 'review', WITHDRAW: 'withdrawn' } },
			// withdrawing on the parallel state ends the whole case: no branch guard there
			review: {
				type: 'parallel',
				meta: { label: '并联审查' },
				states: { edu: region('edu', '教育局', 'edu'), civ: region('civ', '民政局', 'civ') },
				on: { WITHDRAW: 'withdrawn' },
				onDone: 'closed'
			},
			closed: { type: 'final', meta: { label: '办结', outcome: 'closed' } },
			withdrawn: { type: 'final', meta: { label: '已撤回', outcome: 'withdrawn' } }
		}
	} as Workflow;
}

describe('parallel branches: an event moves only its own branch', () => {
	const ctxCheck = { roles: new Set(['applicant', 'frontDesk', 'reviewer']), departments: new Set(['center', 'edu', 'civ']) };
	const msgs = (w: Workflow) => checkWorkflow(w, ctxCheck).map((p) => `${p.severity ?? 'error'} ${p.path.join('.')}: ${p.message}`);

	it('a branch 补正 leaves the other branch where it is; without the branch guard it drags the other branch along', () => {
		const run = (w: Workflow) => {
			const machine = buildMachine(w);
			const send = (type: string, branch?: string) => ({ type, seq: 1, at: '2026-03-02T01:00:00.000Z', by: 'u1', branch, branches: branch ? [branch] : [] });
			let [snap] = initialTransition(machine, emptyContext(ctx));
			[snap] = transition(machine, snap, send('ACCEPT'));
			expect(activeLeaves(snap.value).sort()).toEqual(['review.civ.check', 'review.edu.check']);
			[snap] = transition(machine, snap, {
				...send('REQUEST_CORRECTION', 'civ'),
				problems: [{ target: { kind: 'field', id: 'name' }, message: '名称与章程不一致' }]
			});
			return activeLeaves(snap.value).sort();
		};
		expect(run(branchWorkflow(true))).toEqual(['review.civ.correcting', 'review.edu.check']);
		// the bug of issue 10: 教育局 is moved into 补正 by 民政局's request
		expect(run(branchWorkflow(false))).toEqual(['review.civ.correcting', 'review.edu.correcting']);
	});

	it('passes branch events that carry their branch guard; refuses those without it, with the path', () => {
		expect(msgs(branchWorkflow(true))).toEqual([]);
		const m = msgs(branchWorkflow(false));
		expect(m).toHaveLength(6);
		expect(m).toContain(
			'error workflow.states.review.states.edu.states.check.on.REQUEST_CORRECTION.guard: 并联分支「教育局」中「教育局审查」的「一次性告知补正」事件缺少本分支条件，会同时推动其他分支'
		);
		expect(m).toContain(
			'error workflow.states.review.states.civ.states.correcting.on.RESUBMIT.guard: 并联分支「民政局」中「民政局补正」的「提交补正」事件缺少本分支条件，会同时推动其他分支'
		);
	});

	it('refuses a guard of the wrong branch and a wrapped guard without the branch; accepts a wrapped inner guard', () => {
		const w = branchWorkflow(true) as any;
		w.states.review.states.edu.states.check.on.REQUEST_CORRECTION = [{ target: 'correcting', guard: { type: 'onBranch', params: { branch: 'civ' } } }];
		w.states.review.states.edu.states.check.on.PASS = { target: 'done', guard: 'inspectionPassed' };
		const inner = { type: 'inspectionPassed' };
		w.states.review.states.civ.states.check.on.PASS = { target: 'done', guard: { type: 'onBranch', params: { branch: 'civ', guard: inner } } };
		expect(msgs(w)).toEqual([
			'error workflow.states.review.states.edu.states.check.on.PASS.guard: 并联分支「教育局」中「教育局审查」的「审查通过」事件缺少本分支条件，会同时推动其他分支',
			'error workflow.states.review.states.edu.states.check.on.REQUEST_CORRECTION.0.guard: 并联分支「教育局」中「教育局审查」的「一次性告知补正」事件的分支条件指向「民政局」而不是本分支，会被其他分支的操作推动'
		]);
	});

	it('refuses a parallel state with no branches, warns about one branch and about a staff step acting for no department', () => {
		const none = branchWorkflow(true) as any;
		none.states.review.states = {};
		expect(msgs(none)).toContain('error workflow.states.review.states: 并联环节「并联审查」没有任何分支，请至少加入两个部门的分支');
		const bare = branchWorkflow(true) as any;
		delete bare.states.review.states;
		expect(msgs(bare)).toContain('error workflow.states.review.states: 并联环节「并联审查」没有任何分支，请至少加入两个部门的分支');
		// a parallel state is a container: no role or own operations asked of it
		expect(msgs(bare).some((x) => x.includes('办理角色'))).toBe(false);
		const one = branchWorkflow(true) as any;
		delete one.states.review.states.civ;
		delete one.states.review.states.edu.meta.department;
		expect(msgs(one)).toEqual([
			'warning workflow.states.review.states: 并联环节「并联审查」只有一个分支，不构成并联审查：请再加入部门，或改为普通环节',
			'warning workflow.states.review.states.edu.states.check.meta.department: 并联分支「教育局」中的环节「教育局审查」未指定办理部门，分支也未指定部门，将由事项实施主体办理'
		]);
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
		const event = (type: string, when: string, stateAfter: unknown) => ({
			seq: 0,
			at: at(when),
			actor: { id: 'x', name: 'x', roles: [] },
			type,
			payload: {},
			stateAfter
		});
		const c = {
			createdAt: at('2026-03-02T09:00:00'),
			status: 'active' as const,
			state: { initial: { value: 'intake' } } as never,
			events: [event('REQUEST_CORRECTION', '2026-03-03T09:00:00', 'correcting'), event('RESUBMIT', '2026-03-16T09:00:00', 'intake')]
		};
		const flag = (now: string) => clocks({ workflow: wf, c, limitDays: 20, branchLimits: {}, calendar, now: new Date(at(now)) }).intakeOverdue;
		// resubmitted on Mon 16 Mar: two weeks after the first submission, but only one day at intake since
		expect(flag('2026-03-17T09:00:00')).toBe(false);
		expect(flag('2026-03-20T18:00:00')).toBe(false);
		expect(flag('2026-03-24T18:00:00')).toBe(true);
		// never corrected: counted from the submission
		expect(
			clocks({ workflow: wf, c: { ...c, events: [] }, limitDays: 20, branchLimits: {}, calendar, now: new Date(at('2026-03-10T09:00:00')) }).intakeOverdue
		).toBe(true);
	});
});
