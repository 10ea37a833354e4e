// 开卷式审批, 自由裁量 routes and 中介服务 (issue 19 items 3 and 4): the route rule per tier, what publishing checks, the
// reviewer's ticks (a required standard not met refuses PASS/APPROVE by name), and intermediary time left off the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp, type App } from '../../runtime/server/app';
import type { Actor } from '../../runtime/core/store';
import type { ShiftedTime } from '../../runtime/core/time';
import { Item, type ItemInput } from '../../runtime/core/model';
import { compose } from '../../runtime/core/compose';
import { itemWorkflow } from '../../runtime/core/compose/workflow';
import { discretionProblems, routeByDiscretion, standardsBySteps } from '../../runtime/core/workflow/discretion';
import { checkStandards } from '../../runtime/core/cases/standards';
import { mergePauses } from '../../runtime/core/cases/intermediary';
import { intermediaryTracker } from '../../runtime/server/intermediary';
import { figuresOf, type MetricCase } from '../../runtime/core/metrics/figures';
import { HttpError } from '../../runtime/core/errors';
import { tempDir } from './helpers/server';
import { actors, seedCase } from './helpers/case-walk';

const SHIYE = 'shiye-danwei-dengji';
const raw = (id: string): ItemInput => JSON.parse(readFileSync(`definitions/items/${id}.json`, 'utf8'));
const shiye = (patch: Partial<ItemInput> = {}) => Item.parse({ ...raw(SHIYE), ...patch });
const IDS = new Set(['capital-verification', 'school-building-safety', 'teacher-health-check']);

describe('自由裁量 route rule', () => {
	it('鼓励类 skip the 领导签批 step: the review passes straight to the decision', () => {
		const wf = itemWorkflow(shiye());
		expect(Object.keys(wf.states)).not.toContain('signOff');
		expect(wf.states.review.on?.PASS).toBe('decision');
		// the decision's RETURN still goes back to the review
		expect(wf.states.decision.on?.RETURN).toBe('review');
	});

	it('限制类 keep it: the review passes to 领导签批, which passes to the decision', () => {
		const wf = itemWorkflow(shiye({ discretion: 'restricted' }));
		expect(wf.states.review.on?.PASS).toBe('signOff');
		expect(wf.states.signOff.on?.PASS).toBe('decision');
	});

	it('skips chains of leadership steps and a leadership initial state', () => {
		const item = shiye();
		const wf = structuredClone(item.workflow);
		wf.states.signOff2 = { meta: { label: '主要领导签批', role: 'decider', leadership: true }, on: { PASS: 'decision' } };
		wf.states.signOff.on = { PASS: 'signOff2', RETURN: 'review' };
		expect(routeByDiscretion(wf, 'encouraged').states.review.on?.PASS).toBe('decision');
		expect(routeByDiscretion({ ...wf, initial: 'signOff' }, 'encouraged').initial).toBe('decision');
		expect(routeByDiscretion(wf, 'restricted')).toBe(wf);
	});

	it('publishing: 禁止类 may not approve and must have a leadership step; 限制类 without one is warned about', () => {
		const prohibited = discretionProblems(shiye({ discretion: 'prohibited' }), IDS);
		expect(prohibited).toContainEqual(expect.objectContaining({ path: ['workflow', 'states', 'decision', 'on', 'APPROVE'] }));
		expect(prohibited.find((p) => p.path.at(-1) === 'APPROVE')?.message).toContain('不能有准予操作');
		const item = shiye({ discretion: 'restricted' });
		delete item.workflow.states.signOff;
		item.workflow.states.review.on!.PASS = 'decision';
		const restricted = discretionProblems(item, IDS);
		expect(restricted).toEqual([expect.objectContaining({ path: ['workflow', 'states'], severity: 'warning' })]);
		expect(discretionProblems(shiye(), IDS)).toEqual([]);
	});

	it('publishing: standards only on staff steps with a PASS/APPROVE/DENY, ids unique; 中介服务 from the dictionary', () => {
		const item = shiye({ intermediaryServices: ['capital-verification', 'fire-assessment'] });
		item.workflow.states.correcting.meta!.standards = [{ id: 'a', standard: '申请人自查' }];
		const s = item.workflow.states.review.meta!.standards!;
		s.push({ ...s[0] });
		const problems = discretionProblems(item, IDS);
		expect(problems.map((p) => p.path.join('.'))).toEqual([
			'workflow.states.correcting.meta.standards',
			`workflow.states.review.meta.standards.4.id`,
			'intermediaryServices.1'
		]);
		expect(problems[2].message).toBe('中介服务「fire-assessment」不在中介服务字典（intermediary-services.json）中');
	});

	it('the guide lists the standards by step, in workflow order', () => {
		const steps = standardsBySteps(routeByDiscretion(shiye().workflow, 'encouraged'));
		expect(steps.map((x) => x.label)).toEqual(['部门审查']);
		expect(steps[0].standards.map((x) => x.id)).toEqual(['publicPurpose', 'nameAndOrganisation', 'staffAndFunds', 'approvalDocument']);
	});
});

describe('ticking review standards', () => {
	const standards = [
		{ id: 'a', standard: '名称符合规定' },
		{ id: 'b', standard: '场所已核实', required: false }
	];
	it('APPROVE with a required standard not met is refused, naming it; the optional one may stay unticked', () => {
		const e = (() => {
			try {
				checkStandards(standards, 'APPROVE', [{ id: 'b', met: true }], '准予');
			} catch (x) {
				return x as HttpError;
			}
		})();
		expect(e?.status).toBe(422);
		expect(e?.message).toContain('不能「准予」');
		expect(e?.errors).toEqual([{ path: 'standards.a', message: '未勾选符合必备审查标准「名称符合规定」' }]);
		expect(checkStandards(standards, 'APPROVE', [{ id: 'a', met: true }], '准予')).toEqual([
			{ id: 'a', standard: '名称符合规定', required: true, met: true },
			{ id: 'b', standard: '场所已核实', required: false, met: false }
		]);
	});

	it('DENY records unmet standards; an unknown id is refused', () => {
		expect(checkStandards(standards, 'DENY', [], '不予许可').map((r) => r.met)).toEqual([false, false]);
		expect(() => checkStandards(standards, 'DENY', [{ id: 'zzz', met: true }], '不予许可')).toThrow('审查标准勾选有误');
	});
});

describe('on a case', () => {
	let app: App;
	let people: Actor[];
	const staff = async (username: string) => {
		const a = (await app.store.accounts.byUsername(username))!;
		return { id: a.id, name: a.name, roles: a.roles, department: a.department } as Actor;
	};
	beforeAll(async () => {
		app = await createApp({ dataDir: tempDir('standards-'), definitionsDir: resolve('definitions'), testClock: true });
		people = await actors(app);
	}, 120_000);
	afterAll(async () => app?.store.close());
	const lisi = () => people.find((p) => p.roles.includes('applicant'))!;

	it('a reviewer must tick every required standard to pass; the ticks are logged; 鼓励类 go straight to the decision', async () => {
		const id = await seedCase(app, compose(await app.defs.source('item', SHIYE), {}), {}, lisi(), 1);
		await app.cases.act(await staff('qz-zwfw-frontdesk'), id, { type: 'ACCEPT', version: 0 });
		const reviewer = await staff('qz-bianban-reviewer');
		const view = await app.cases.view(id, reviewer);
		expect(view.actions.find((a) => a.type === 'PASS')?.standards?.map((s) => s.id)).toEqual([
			'publicPurpose',
			'nameAndOrganisation',
			'staffAndFunds',
			'approvalDocument'
		]);
		const refused = await app.cases.act(reviewer, id, { type: 'PASS', version: 1, standards: [{ id: 'publicPurpose', met: true }] }).catch((e: HttpError) => e);
		expect(refused).toBeInstanceOf(HttpError);
		expect((refused as HttpError).errors?.map((d) => d.path)).toEqual([
			'standards.nameAndOrganisation',
			'standards.staffAndFunds',
			'standards.approvalDocument'
		]);
		const all = ['publicPurpose', 'nameAndOrganisation', 'staffAndFunds', 'approvalDocument'].map((x) => ({ id: x, met: true }));
		const passed = await app.cases.act(reviewer, id, { type: 'PASS', version: 1, standards: all, opinion: '符合登记条件' });
		expect(passed.case.state.machine.value).toBe('decision');
		const logged = passed.case.events.at(-1)!.payload;
		expect(logged.standards).toHaveLength(4);
		expect(logged.leadership).toBeUndefined();
	});

	it('限制类 go through 领导签批: the sign-off is logged as an escalation', async () => {
		const json = { ...raw(SHIYE), id: 'shiye-xianzhi', discretion: 'restricted', implementationCode: '11350500003580305W400011600100099' };
		await app.defs.saveDraft('item', 'shiye-xianzhi', json, 'admin');
		await app.defs.publish('item', 'shiye-xianzhi', '限制类测试', 'admin');
		const id = await seedCase(app, compose(await app.defs.source('item', 'shiye-xianzhi'), {}), {}, lisi(), 3);
		await app.cases.act(await staff('qz-zwfw-frontdesk'), id, { type: 'ACCEPT', version: 0 });
		const all = ['publicPurpose', 'nameAndOrganisation', 'staffAndFunds', 'approvalDocument'].map((x) => ({ id: x, met: true }));
		const c = await app.cases.act(await staff('qz-bianban-reviewer'), id, { type: 'PASS', version: 1, standards: all });
		expect(c.case.state.machine.value).toBe('signOff');
		const signed = await app.cases.act(await staff('qz-bianban-decider'), id, { type: 'PASS', version: 2 });
		expect(signed.case.state.machine.value).toBe('decision');
		expect(signed.case.events.at(-1)!.payload.leadership).toBe(true);
	});

	it('中介服务: recorded by the item department, its time left off the promise clock and the tasks', async () => {
		const id = await seedCase(app, compose(await app.defs.source('item', 'jiaoshi-zige-rending'), { status: 'graduate' }), { status: 'graduate' }, lisi(), 2);
		const tracker = intermediaryTracker(app);
		const edu = await staff('qz-edu-reviewer');
		const before = app.cases.clockOf((await app.cases.get(id))!, await app.cases.composeFor(await app.cases.get(id)));
		await expect(tracker.record(lisi(), id, { service: 'teacher-health-check', action: 'start', version: 0 })).rejects.toMatchObject({ status: 403 });
		await expect(
			tracker.record(await staff('qz-bianban-reviewer'), id, { service: 'teacher-health-check', action: 'start', version: 0 })
		).rejects.toMatchObject({
			status: 403
		});
		await expect(tracker.record(edu, id, { service: 'capital-verification', action: 'start', version: 0 })).rejects.toMatchObject({
			status: 422,
			errors: [{ path: 'service', message: '办件的事项未列出中介服务「capital-verification」' }]
		});
		await expect(tracker.record(edu, id, { service: 'teacher-health-check', action: 'finish', version: 0 })).rejects.toMatchObject({ status: 422 });
		await tracker.record(edu, id, { service: 'teacher-health-check', action: 'start', version: 0, note: '市第一医院' });
		await expect(tracker.record(edu, id, { service: 'teacher-health-check', action: 'start', version: 1 })).rejects.toMatchObject({ status: 409 });
		(app.time as ShiftedTime).advance(14 * 86_400_000);
		const c = await tracker.record(edu, id, { service: 'teacher-health-check', action: 'finish', version: 1 });
		const after = app.cases.clockOf(c, await app.cases.composeFor(c));
		expect(after.case.pausedDays).toBeGreaterThanOrEqual(9);
		expect(after.case.dueAt > before.case.dueAt).toBe(true);
		const task = (await app.store.tasks.query({ caseId: id }))[0];
		expect(task.limitDueAt).toBe(after.case.dueAt);
		expect(c.events.map((e) => e.type)).toEqual(['INTERMEDIARY', 'INTERMEDIARY']);
		// the machine did not move, and replay skips the side events
		expect(await app.cases.replay(id)).toEqual(c.state.machine);
	});
});

describe('intermediary pauses and the escalation figure', () => {
	it('overlapping pauses count once; an open pause swallows the rest', () => {
		expect(
			mergePauses([
				{ from: '2026-03-02', to: '2026-03-05' },
				{ from: '2026-03-04', to: '2026-03-09' },
				{ from: '2026-03-20', to: '2026-03-21' }
			])
		).toEqual([
			{ from: '2026-03-02', to: '2026-03-09' },
			{ from: '2026-03-20', to: '2026-03-21' }
		]);
		expect(mergePauses([{ from: '2026-03-02' }, { from: '2026-03-04', to: '2026-03-09' }])).toEqual([{ from: '2026-03-02' }]);
	});

	it('报领导签批比例: escalated 办结 cases over all 办结', () => {
		const base: MetricCase = {
			id: 'c',
			receiptNumber: 'R',
			service: { kind: 'item', id: 'x', name: 'X' },
			departments: ['d1'],
			regions: ['350500'],
			createdAt: '2026-11-02T02:00:00.000Z',
			status: 'closed',
			accepted: true,
			completed: true,
			dueAt: '2026-11-10T16:00:00.000Z',
			overdue: false,
			usedDays: 1,
			promisedDays: 5,
			corrected: false,
			deferred: 0,
			commitments: 0,
			verifications: { confirmed: 0, false: 0, open: 0 },
			online: true,
			materialsSaved: 0,
			visitsSaved: 0
		};
		const cases = [{ ...base, escalated: true }, base, base, { ...base, completed: false, escalated: true }];
		expect(figuresOf(cases, []).find((f) => f.key === 'escalatedShare')?.value).toBe(33.3);
	});
});
