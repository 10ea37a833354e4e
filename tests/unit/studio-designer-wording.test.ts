// The designer's second round: decision words by item type from one dictionary, the 1+N template refusing 1+0,
// and the simulation's paths with correction loops and its verdict against the promised limit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WorkflowWording } from '../../runtime/core/model/dictionaries';
import { DEFAULT_WORDING, eventLabelIn, outcomeLabelIn, wordingFor } from '../../runtime/core/workflow/vocabulary';
import { ITEM_TYPES } from '../../runtime/core/model/item-labels';
import { WORKFLOW_TEMPLATES, jointProblem } from '../../studio/state/workflow-templates';
import { newItem } from '../../studio/state/templates';
import { needsReword, reword } from '../../studio/state/workflow-wording';
import { pathReport } from '../../studio/state/simulate';

const vocabulary = z.array(WorkflowWording).parse(JSON.parse(readFileSync('definitions/dictionaries/workflow-vocabulary.json', 'utf8')));

describe('workflow vocabulary by item type', () => {
	it('the dictionary words every item type, and the lookup follows it', () => {
		expect(vocabulary.map((w) => w.itemType).sort()).toEqual(Object.keys(ITEM_TYPES).sort());
		const pairs = Object.fromEntries(vocabulary.map((w) => [w.itemType, `${w.approve}/${w.deny}`]));
		expect(pairs).toMatchObject({
			licensing: '准予许可/不予许可',
			confirmation: '予以确认/不予确认',
			payment: '准予给付/不予给付',
			publicService: '办结/不予办理'
		});
		const confirm = wordingFor(vocabulary, 'confirmation');
		expect([eventLabelIn(confirm, 'APPROVE'), eventLabelIn(confirm, 'DENY'), eventLabelIn(confirm, 'ACCEPT')]).toEqual(['予以确认', '不予确认', '受理']);
		expect(outcomeLabelIn(wordingFor(vocabulary, 'publicService'), 'denied')).toBe('不予办理');
		// a type the dictionary does not list keeps the events' own labels
		expect(wordingFor(vocabulary, 'unknown')).toEqual(DEFAULT_WORDING);
	});

	it('templates and new items are worded by type; a workflow worded for another type is reworded, labels written by hand stay', () => {
		const payment = wordingFor(vocabulary, 'payment');
		const wf: any = WORKFLOW_TEMPLATES.inspection.make('x', [], {}, undefined, payment);
		expect([wf.states.decision.meta.label, wf.states.denied.meta.label]).toEqual(['给付决定', '不予给付']);
		const item = newItem({ id: 'n', name: '新事项', department: 'qz-edu', caseType: 'promised', vocabulary });
		expect(item.type).toBe('publicService');
		expect(item.workflow.states.denied.meta.label).toBe('不予办理');
		const licensing = wordingFor(vocabulary, 'licensing');
		expect(needsReword(wf, vocabulary, licensing)).toBe(true);
		wf.states.review.meta.label = '资格审查';
		const back: any = reword(wf, vocabulary, licensing);
		expect([back.states.decision.meta.label, back.states.denied.meta.label, back.states.review.meta.label]).toEqual(['审批决定', '不予许可', '资格审查']);
		expect(needsReword(back, vocabulary, licensing)).toBe(false);
	});

	it('1+N with no department (1+0) is refused with a message that says why', () => {
		expect(jointProblem([])).toContain('至少要勾选 1 个会审部门');
		expect(() => WORKFLOW_TEMPLATES.joint.make('x', [])).toThrow('1+0');
		expect(jointProblem(['qz-minzheng'])).toBeUndefined();
	});
});

describe('simulation paths', () => {
	it('lists each correction and return loop once, and every path again going round it once', () => {
		const wf: any = WORKFLOW_TEMPLATES.inspection.make('x');
		const r = pathReport(wf, 6);
		const loops = r.loops.map((l) => `${l.correction ? '补正' : '退回'}:${l.states.join('>')}:${l.days}`);
		expect(loops.sort()).toEqual(
			['补正:综合受理>申请人补正>综合受理:0.5', '补正:部门审查>审查补正>部门审查:1', '退回:部门审查>现场踏勘>审批决定>部门审查:2'].sort()
		);
		// the simple longest path (3 days) and the same path with the return loop (5 days)
		expect(r.paths.some((p) => !p.loop && p.days === 3 && p.outcome === 'closed')).toBe(true);
		expect(r.paths[0]).toMatchObject({ days: 5, outcome: 'closed' });
		expect(r.paths[0].states).toEqual(['综合受理', '部门审查', '现场踏勘', '审批决定', '部门审查', '现场踏勘', '审批决定', '统一出件', '办结']);
		// a loop is gone round once: a step is done at most twice on any path
		for (const p of r.paths) for (const s of p.states) expect(p.states.filter((x) => x === s).length).toBeLessThanOrEqual(2);
		expect(r.verdict).toBe('ok');
	});

	it('warns when the longest path is under half the promise (it can be cut) and when it is over it', () => {
		const wf: any = WORKFLOW_TEMPLATES.promised.make('x');
		const under = pathReport(wf, 15);
		expect(under.verdict).toBe('under');
		expect(under.message).toBe(
			`最长路径只需 ${under.longest} 个工作日，不到承诺时限 15 个工作日的一半：承诺时限可以缩短（例如缩短到 ${Math.ceil(under.longest)} 个工作日）`
		);
		const over = pathReport(wf, 2);
		expect(over.verdict).toBe('over');
		expect(over.message).toContain('超过承诺时限 2 个工作日');
	});

	it('finds loops inside the branches of a parallel review', () => {
		const wf: any = structuredClone(WORKFLOW_TEMPLATES.joint.make('x', ['qz-minzheng'], { 'qz-minzheng': '市民政局' }));
		const region = wf.states.jointReview.states.dept_qz_minzheng.states;
		region.review.on.REQUEST_CORRECTION = 'fix';
		region.fix = { meta: { label: '民政补正', role: 'applicant', pausesClock: true, pauseKind: 'correction' }, on: { RESUBMIT: 'review' } };
		const loop = pathReport(wf, 10).loops.find((l) => l.within === '市民政局');
		expect(loop).toMatchObject({ states: ['市民政局意见', '民政补正', '市民政局意见'], correction: true, days: 2 });
	});
});
