import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toGraph, toMachine } from '../../studio/state/workflow-graph';
import {
	ON_DONE,
	addNode,
	addState,
	addTransition,
	ownGuard,
	removeState,
	removeTransition,
	settleBranches,
	updateState,
	updateTransition
} from '../../studio/state/workflow-ops';
import { WORKFLOW_TEMPLATES, parallelReview, regionKey, reviewRegion } from '../../studio/state/workflow-templates';
import { enumeratePaths, longestPath } from '../../runtime/core/workflow/paths';
import { checkWorkflow } from '../../runtime/core/workflow/check';
import { compose } from '../../runtime/core/compose';
import { Workflow } from '../../runtime/core/model';
import { parsedBundle, parsedItems, versioned } from './fixtures/catalog';

const catalogWorkflows = readdirSync('definitions/items').map((f) => JSON.parse(readFileSync(`definitions/items/${f}`, 'utf8')).workflow);
const ctx = {
	roles: new Set(['applicant', 'frontDesk', 'reviewer', 'inspector', 'decider', 'issuer']),
	departments: new Set(['qz-zwfw', 'qz-edu', 'qz-minzheng', 'qz-scjg'])
};

describe('workflow designer: graph ⇄ machine', () => {
	it('round-trips every catalog workflow and a composed bundle workflow without loss', () => {
		const composed = compose({ kind: 'bundle', bundle: versioned(parsedBundle()), items: parsedItems().map((i) => versioned(i)) }, { kind: 'both' }).workflow;
		for (const wf of [...catalogWorkflows, composed, WORKFLOW_TEMPLATES.joint.make('j', ['qz-minzheng', 'qz-scjg'])]) {
			const g = toGraph(wf);
			expect(toMachine(g)).toEqual(wf);
		}
		const g = toGraph(composed);
		expect(g.nodes.find((n) => n.id === 'review')?.kind).toBe('parallel');
		expect(g.nodes.filter((n) => n.parent === 'review').map((n) => n.key)).toEqual(['edu-confirm', 'ovs-confirm', 'eth-confirm']);
		// a transition inside a region points at its sibling
		expect(g.edges.find((e) => e.source === 'review.edu-confirm.review' && e.event === 'PASS')?.target).toBe('review.edu-confirm.decision');
	});

	it('edits states and transitions; removing a state drops the transitions into it', () => {
		let wf: any = WORKFLOW_TEMPLATES.promised.make('x');
		wf = addState(wf, undefined, 'inspection', { label: '现场踏勘', role: 'inspector', pausesClock: true, pauseKind: 'inspection', checklist: true });
		wf = addTransition(wf, 'inspection', 'INSPECT', { target: 'decision', guard: 'inspectionPassed' });
		wf = addTransition(wf, 'inspection', 'INSPECT', 'denied');
		wf = updateState(wf, 'review', { budgetDays: 2 });
		wf.states.review.on.PASS = 'inspection';
		expect(Workflow.safeParse(wf).success).toBe(true);
		expect(checkWorkflow(wf, ctx)).toEqual([]);
		expect(wf.states.inspection.on.INSPECT).toHaveLength(2);
		expect((removeTransition(wf, 'inspection', 'INSPECT', 1).states.inspection.on as any).INSPECT).toEqual({ target: 'decision', guard: 'inspectionPassed' });
		const without = removeState(wf, 'inspection');
		expect(without.states.review.on!.PASS).toBeUndefined();
		// the decision was only reachable through the inspection
		expect(checkWorkflow(without, ctx).map((p) => p.message)).toContain('状态「审批决定」(decision) 不可达');
	});

	it('edits where a parallel review goes when all branches finish (onDone), with a guard; removing the target drops it', () => {
		let wf: any = WORKFLOW_TEMPLATES.joint.make('x', ['qz-minzheng', 'qz-scjg'], {}, 'qz-edu');
		expect(wf.states.jointReview.onDone).toBe('decision');
		wf = updateTransition(wf, 'jointReview', ON_DONE, 0, { target: 'decision', guard: 'allBranchesApproved' });
		wf = addTransition(wf, 'jointReview', ON_DONE, 'denied');
		expect(wf.states.jointReview.onDone).toEqual([{ target: 'decision', guard: 'allBranchesApproved' }, 'denied']);
		expect(wf.states.jointReview.on).toBeUndefined();
		expect(Workflow.safeParse(wf).success).toBe(true);
		expect(checkWorkflow(wf, ctx)).toEqual([]);
		// the graph draws both exits of the parallel state
		expect(
			toGraph(wf)
				.edges.filter((e) => e.source === 'jointReview' && e.event === 'onDone')
				.map((e) => e.target)
		).toEqual(['decision', 'denied']);
		const noDenied = removeState(wf, 'denied');
		expect(noDenied.states.jointReview.onDone).toEqual([{ target: 'decision', guard: 'allBranchesApproved' }]);
		expect(removeTransition(wf, 'jointReview', ON_DONE, 1).states.jointReview.onDone).toEqual({ target: 'decision', guard: 'allBranchesApproved' });
	});

	it('adds a parallel review from scratch, a department joins it and another leaves; the machine stays sound and plays', async () => {
		const { startSimulation, simOffers, simStep } = await import('../../studio/state/simulate');
		let wf: any = WORKFLOW_TEMPLATES.promised.make('x');
		wf = addNode(wf, undefined, 'joint', parallelReview('部门会审', ['qz-minzheng'], { 'qz-minzheng': '市民政局' }, 'decision'));
		wf.states.review.on.PASS = 'joint';
		wf = addNode(wf, 'joint', regionKey('qz-scjg'), reviewRegion(regionKey('qz-scjg'), '市场监管局', 'qz-scjg'));
		wf = removeState(wf, 'joint.lead');
		expect(Object.keys(wf.states.joint.states)).toEqual(['dept_qz_minzheng', 'dept_qz_scjg']);
		expect(Workflow.safeParse(wf).success).toBe(true);
		expect(checkWorkflow(wf, ctx)).toEqual([]);
		let sim = startSimulation(wf);
		const play = (type: string, branch?: string) =>
			(sim = simStep(
				wf,
				sim,
				simOffers(wf, sim).find((o) => o.type === type && (!branch || o.branch === branch))!,
				[]
			));
		play('ACCEPT');
		play('PASS');
		expect(simOffers(wf, sim).map((o) => `${o.branch}:${o.type}`)).toEqual(['dept_qz_minzheng:PASS', 'dept_qz_scjg:PASS']);
		play('PASS', 'dept_qz_minzheng');
		play('PASS', 'dept_qz_scjg');
		expect(simOffers(wf, sim).map((o) => o.type)).toContain('APPROVE');
		expect(() => addNode(wf, 'joint', 'dept_qz_scjg', {})).toThrow('状态「dept_qz_scjg」已存在');
	});

	it('the checks name unreachable states, dead ends, missing roles, unknown guards and an over-budget total', () => {
		let wf: any = WORKFLOW_TEMPLATES.promised.make('x');
		wf = addState(wf, undefined, 'orphan', { label: '孤立环节', role: 'reviewer' });
		wf = addTransition(wf, 'orphan', 'PASS', 'orphan');
		wf = addState(wf, undefined, 'norole', { label: '无人环节' });
		wf = addTransition(wf, 'review', 'RETURN', { target: 'norole', guard: 'isFriday' });
		wf = updateState(wf, 'review', { budgetDays: 10 });
		const messages = checkWorkflow(wf, { ...ctx, promisedLimitDays: 5 }).map((p) => p.message);
		expect(messages).toEqual(
			expect.arrayContaining([
				'状态「孤立环节」(orphan) 不可达',
				'状态「无人环节」未指定办理角色',
				'状态「无人环节」没有任何可执行的操作',
				'未知的条件（guard）「isFriday」',
				'最长办理路径（综合受理 → 部门审查 → 审批决定 → 统一出件 → 办结）各环节时限合计 12 个工作日，超过承诺时限 5 个工作日'
			])
		);
		expect(messages.some((m) => m.includes('无人环节') && m.includes('死路'))).toBe(true);
	});
});

describe('workflow designer: states and events inside a parallel branch', async () => {
	const { startSimulation, simOffers, simStep } = await import('../../studio/state/simulate');
	const names = { 'qz-minzheng': '市民政局', 'qz-scjg': '市场监管局' };
	const branch = (key: string) => ({ type: 'onBranch', params: { branch: key } });
	const civ = 'jointReview.dept_qz_minzheng';

	it('a 补正 added in one branch answers only to that branch, acts for its department, and leaves the other branch where it is', () => {
		let wf: any = WORKFLOW_TEMPLATES.joint.make('x', ['qz-minzheng', 'qz-scjg'], names, 'qz-edu');
		wf = addState(wf, civ, 'correcting', { label: '民政补正', role: 'applicant', pausesClock: true, pauseKind: 'correction' });
		wf = addState(wf, civ, 'check', { label: '民政复核', role: 'reviewer' });
		// an administrator's own choice of department stays
		wf = addState(wf, civ, 'joint', { label: '联合核查', role: 'inspector', department: 'qz-scjg' });
		wf = addTransition(wf, `${civ}.review`, 'REQUEST_CORRECTION', 'correcting');
		wf = addTransition(wf, `${civ}.correcting`, 'RESUBMIT', 'check');
		wf = addTransition(wf, `${civ}.check`, 'RETURN', { target: 'joint' });
		wf = addTransition(wf, `${civ}.check`, 'APPROVE', 'done');
		wf = addTransition(wf, `${civ}.joint`, 'INSPECT', { target: 'done', guard: 'inspectionPassed' });
		const region = wf.states.jointReview.states.dept_qz_minzheng.states;
		expect(region.review.on.REQUEST_CORRECTION).toEqual({ target: 'correcting', guard: branch('dept_qz_minzheng') });
		expect(region.correcting.on.RESUBMIT).toEqual({ target: 'check', guard: branch('dept_qz_minzheng') });
		expect(region.joint.on.INSPECT).toEqual({
			target: 'done',
			guard: { type: 'onBranch', params: { branch: 'dept_qz_minzheng', guard: { type: 'inspectionPassed' } } }
		});
		expect([region.correcting.meta.department, region.check.meta.department, region.joint.meta.department]).toEqual(['qz-minzheng', 'qz-minzheng', 'qz-scjg']);
		// outside a branch nothing is added
		expect(addTransition(wf, 'decision', 'RETURN', 'jointReview').states.decision.on!.RETURN).toBe('jointReview');
		expect(checkWorkflow(wf, ctx)).toEqual([]);

		let sim = startSimulation(wf);
		const play = (type: string, b?: string) =>
			(sim = simStep(
				wf,
				sim,
				simOffers(wf, sim).find((o) => o.type === type && (!b || o.branch === b))!,
				[]
			));
		play('ACCEPT');
		play('REQUEST_CORRECTION', 'dept_qz_minzheng');
		expect(sim.steps.at(-1)!.entered).toEqual(['民政补正']);
		// 市场监管局 and the lead are still reviewing: only 民政局's branch moved
		expect(
			simOffers(wf, sim)
				.filter((o) => o.type === 'PASS')
				.map((o) => o.branch)
		).toEqual(['lead', 'dept_qz_scjg']);
		const resubmit = simOffers(wf, sim).find((o) => o.type === 'RESUBMIT')!;
		expect(resubmit.branch).toBe('dept_qz_minzheng');
		const check = ((sim = simStep(wf, sim, resubmit, [])), simOffers(wf, sim).find((o) => o.type === 'APPROVE')!);
		// the 民政 check is routed to 民政局, not to the item's department
		expect(check.department).toBe('qz-minzheng');
	});

	it('editing a branch event’s condition keeps the branch guard around it; clearing it leaves the branch guard', () => {
		let wf: any = WORKFLOW_TEMPLATES.joint.make('x', ['qz-minzheng'], names, 'qz-edu');
		const pass = () => wf.states.jointReview.states.dept_qz_minzheng.states.review.on.PASS;
		wf = updateTransition(wf, `${civ}.review`, 'PASS', 0, { target: 'done', guard: { type: 'answerIs', params: { question: 'kind', value: 'new' } } });
		expect(pass()).toEqual({
			target: 'done',
			guard: { type: 'onBranch', params: { branch: 'dept_qz_minzheng', guard: { type: 'answerIs', params: { question: 'kind', value: 'new' } } } }
		});
		expect(ownGuard(pass())).toEqual({ type: 'answerIs', params: { question: 'kind', value: 'new' } });
		// what the designer's condition select posts: the transition as it was, with the inner guard replaced
		wf = updateTransition(wf, `${civ}.review`, 'PASS', 0, { ...pass(), guard: 'inspectionPassed' });
		expect(pass().guard).toEqual({ type: 'onBranch', params: { branch: 'dept_qz_minzheng', guard: { type: 'inspectionPassed' } } });
		wf = updateTransition(wf, `${civ}.review`, 'PASS', 0, 'done');
		expect(pass()).toEqual({ target: 'done', guard: branch('dept_qz_minzheng') });
		expect(ownGuard(pass())).toBeUndefined();
		// onDone of a compound state is internal: no branch guard
		expect(updateTransition(wf, 'jointReview', ON_DONE, 0, 'denied').states.jointReview.onDone).toBe('denied');
	});

	it('the department chosen for a branch passes to its steps that acted for no other department', () => {
		let wf: any = WORKFLOW_TEMPLATES.joint.make('x', ['qz-minzheng'], names);
		wf = addState(wf, 'jointReview.lead', 'extra', { label: '牵头复核', role: 'reviewer', department: 'qz-scjg' });
		wf = addTransition(wf, 'jointReview.lead.review', 'RETURN', 'extra');
		wf = addTransition(wf, 'jointReview.lead.extra', 'PASS', 'done');
		// no lead department given: the lead's review acts for no one in particular, and the check says so
		expect(checkWorkflow(wf, ctx).map((p) => `${p.severity} ${p.path.join('.')}`)).toEqual([
			'warning workflow.states.jointReview.states.lead.states.review.meta.department'
		]);
		wf = updateState(wf, 'jointReview.lead', { department: 'qz-edu' });
		const lead = wf.states.jointReview.states.lead;
		expect([lead.meta.department, lead.states.review.meta.department, lead.states.extra.meta.department]).toEqual(['qz-edu', 'qz-edu', 'qz-scjg']);
		wf = updateState(wf, 'jointReview.lead', { department: 'qz-minzheng' });
		expect(wf.states.jointReview.states.lead.states.review.meta.department).toBe('qz-minzheng');
		expect(checkWorkflow(wf, ctx)).toEqual([]);
		// a new parallel review from the designer: the lead branch acts for the given department
		expect(parallelReview('会审', [], names, 'decision', 'qz-edu').states.lead.states.review.meta).toMatchObject({ department: 'qz-edu' });
	});

	it('a hand-written or imported branch without its guards is refused by the check and settled in one go', () => {
		const wf: any = WORKFLOW_TEMPLATES.joint.make('x', ['qz-minzheng', 'qz-scjg'], names, 'qz-edu');
		const civRegion = wf.states.jointReview.states.dept_qz_minzheng;
		civRegion.states.review.on = { PASS: 'done', REQUEST_CORRECTION: 'correcting' };
		civRegion.states.correcting = { meta: { label: '民政补正', role: 'applicant' }, on: { RESUBMIT: 'review' } };
		expect(checkWorkflow(wf, ctx).map((p) => `${p.path.join('.')}: ${p.message}`)).toEqual([
			'workflow.states.jointReview.states.dept_qz_minzheng.states.review.on.PASS.guard: 并联分支「市民政局」中「市民政局意见」的「审查通过」事件缺少本分支条件，会同时推动其他分支',
			'workflow.states.jointReview.states.dept_qz_minzheng.states.review.on.REQUEST_CORRECTION.guard: 并联分支「市民政局」中「市民政局意见」的「一次性告知补正」事件缺少本分支条件，会同时推动其他分支',
			'workflow.states.jointReview.states.dept_qz_minzheng.states.correcting.on.RESUBMIT.guard: 并联分支「市民政局」中「民政补正」的「提交补正」事件缺少本分支条件，会同时推动其他分支'
		]);
		const settled: any = settleBranches(wf);
		expect(checkWorkflow(settled, ctx)).toEqual([]);
		expect(settled.states.jointReview.states.dept_qz_minzheng.states.correcting).toEqual({
			meta: { label: '民政补正', role: 'applicant', department: 'qz-minzheng' },
			on: { RESUBMIT: { target: 'review', guard: branch('dept_qz_minzheng') } }
		});
		// nothing outside the branches changes, and settling twice changes nothing
		expect(settled.states.intake).toEqual(wf.states.intake);
		expect(settleBranches(settled)).toEqual(settled);
		const template: any = WORKFLOW_TEMPLATES.joint.make('x', ['qz-minzheng'], names, 'qz-edu');
		expect(settleBranches(template)).toEqual(template);
	});
});

describe('workflow designer: paths and the longest one', () => {
	it('enumerates every simple path with its working days; pauses do not count', () => {
		const wf: any = WORKFLOW_TEMPLATES.inspection.make('x');
		const paths = enumeratePaths(wf);
		const longest = paths[0];
		// 受理 0.5 + 审查 1 + 踏勘 (paused) 0 + 决定 1 + 出件 0.5
		expect(longest.days).toBe(3);
		expect(longest.states).toEqual(['综合受理', '部门审查', '现场踏勘', '审批决定', '统一出件', '办结']);
		expect(longest.outcome).toBe('closed');
		expect(paths.some((p) => p.outcome === 'rejected' && p.days === 0.5)).toBe(true);
		// no path visits a state twice, so 补正 loops and 退回 end
		for (const p of paths) expect(new Set(p.states).size).toBe(p.states.length);
	});

	it('a 1+N joint review costs as much as its slowest department', () => {
		let wf: any = WORKFLOW_TEMPLATES.joint.make('x', ['qz-minzheng', 'qz-scjg']);
		wf = structuredClone(wf);
		wf.states.jointReview.states.dept_qz_scjg.states.review.meta.budgetDays = 4;
		expect(longestPath(wf)!.days).toBe(0.5 + 4 + 1 + 0.5);
		expect(longestPath(wf)!.states).toEqual(['综合受理', '1+N 会商会审', '审批决定', '统一出件', '办结']);
		// the check counts the slowest department, not only the top-level steps
		expect(checkWorkflow(wf, { ...ctx, promisedLimitDays: 5 }).map((p) => p.message)).toContain(
			'最长办理路径（综合受理 → 1+N 会商会审 → 审批决定 → 统一出件 → 办结）各环节时限合计 6 个工作日，超过承诺时限 5 个工作日'
		);
	});
});

describe('workflow designer: simulation', async () => {
	const { startSimulation, simOffers, simStep } = await import('../../studio/state/simulate');
	it('plays a case to the end as each role, counting working days; a failed inspection denies', () => {
		const wf: any = WORKFLOW_TEMPLATES.inspection.make('x');
		let sim = startSimulation(wf);
		const play = (type: string, fail = false) => {
			const offer = simOffers(wf, sim).find((o) => o.type === type)!;
			expect(offer, type).toBeTruthy();
			sim = simStep(wf, sim, offer, ['fire', 'area'], fail);
		};
		expect(simOffers(wf, sim).map((o) => `${o.role}:${o.type}`)).toEqual([
			'frontDesk:ACCEPT',
			'frontDesk:REJECT',
			'frontDesk:REQUEST_CORRECTION',
			'applicant:WITHDRAW'
		]);
		play('ACCEPT');
		play('PASS');
		play('INSPECT');
		play('APPROVE');
		play('ISSUE');
		expect(sim.done).toBe(true);
		expect(sim.days).toBe(3);
		expect(sim.steps.map((s) => s.entered.join())).toEqual(['部门审查', '现场踏勘', '审批决定', '统一出件', '办结']);
		sim = startSimulation(wf);
		play('ACCEPT');
		play('PASS');
		play('INSPECT', true);
		expect(sim.steps.at(-1)!.entered).toEqual(['不予许可']);
	});
});

describe('workflow designer: 1+N joint review simulation', async () => {
	const { startSimulation, simOffers, simStep } = await import('../../studio/state/simulate');
	it('each department passes its own region; the decision waits for all; the clock counts the slowest branch, not the sum', () => {
		const wf: any = WORKFLOW_TEMPLATES.joint.make('x', ['qz-minzheng', 'qz-scjg'], {}, 'qz-edu');
		wf.states.jointReview.states.dept_qz_scjg.states.review.meta.budgetDays = 4;
		expect(checkWorkflow(wf, ctx)).toEqual([]);
		let sim = startSimulation(wf);
		const play = (type: string, branch?: string) =>
			(sim = simStep(
				wf,
				sim,
				simOffers(wf, sim).find((o) => o.type === type && (!branch || o.branch === branch))!,
				[]
			));
		play('ACCEPT');
		play('PASS', 'lead');
		expect(simOffers(wf, sim).map((o) => `${o.branch}:${o.type}`)).toEqual(['dept_qz_minzheng:PASS', 'dept_qz_scjg:PASS']);
		play('PASS', 'dept_qz_scjg');
		play('PASS', 'dept_qz_minzheng');
		expect(simOffers(wf, sim).map((o) => o.type)).toEqual(['APPROVE', 'DENY']);
		expect(sim.days).toBe(0.5 + 4);
		play('APPROVE');
		play('ISSUE');
		expect(sim.done).toBe(true);
		expect(sim.days).toBe(longestPath(wf)!.days);
		expect(sim.steps.map((s) => s.days)).toEqual([0.5, 2, 2, 0, 1, 0.5]);
	});
});
