// The case core on the default store (PGlite), in-process: branch-scoped concurrency, bad input, and replay of random legal walks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp, type App } from '../../runtime/server/app';
import type { Actor } from '../../runtime/core/store';
import { tempDir } from './helpers/server';
import { activeLeaves } from '../../runtime/core/workflow/graph';
import { actors, inconsistencies, randomAnswers, rng, seedCase, walk } from './helpers/case-walk';

let app: App;
let people: Actor[];
const person = (username: string) => people.find((p) => p.id === `u-${username}` || p.name === username || (p as any).username === username)!;
const staff = async (username: string) => {
	const a = (await app.store.accounts.byUsername(username))!;
	return { id: a.id, name: a.name, roles: a.roles, department: a.department } as Actor;
};

beforeAll(async () => {
	app = await createApp({ dataDir: tempDir('core-'), definitionsDir: resolve('definitions'), testClock: true });
	people = await actors(app);
}, 120_000);
afterAll(async () => app?.store.close());

const SHELI = 'minban-xuexiao-sheli';
const YINGLI = 'yingli-xuexiao-dengji';

async function schoolCase(n: number) {
	const answers = { stage: 'establish', nature: 'profit', [`${SHELI}.prepared`]: 'yes', [`${SHELI}.services`]: ['none'] };
	const source = await app.defs.source('bundle', 'minban-xuexiao');
	const { compose } = await import('../../runtime/core/compose');
	return seedCase(app, compose(source, answers), answers, person('lisi'), n);
}

describe('departments in parallel', () => {
	it('act on their own branches without refusing each other; a stale version on one’s own branch is still refused', async () => {
		const id = await schoolCase(1);
		let c = await app.cases.act(await staff('qz-zwfw-frontdesk'), id, { type: 'ACCEPT', version: 0 });
		expect(c.case.version).toBe(1);
		// 市场监管局 and 教育局 both opened the case at version 1
		c = await app.cases.act(await staff('qz-scjg-reviewer'), id, { type: 'PASS', version: 1 });
		expect(c.case.version).toBe(2);
		c = await app.cases.act(await staff('qz-edu-reviewer'), id, { type: 'PASS', version: 1 });
		expect(c.case.version).toBe(3);
		// the 市场监管局 decider saw version 1, but its own branch moved at version 2: refused, with the current case
		const stale = await app.cases.act(await staff('qz-scjg-decider'), id, { type: 'APPROVE', version: 1 }).catch((e) => e);
		expect(stale.name).toBe('ConflictError');
		expect(stale.current.version).toBe(3);
		c = await app.cases.act(await staff('qz-scjg-decider'), id, { type: 'APPROVE', version: 2 });
		expect(c.case.state.machine.context.outcomes).toEqual({ [YINGLI]: 'approved' });
		expect(c.case.events.map((e) => e.branch)).toEqual([undefined, YINGLI, SHELI, YINGLI]);
	});

	it('tells the applicant in the same transaction: acceptance is in the outbox', async () => {
		const id = await schoolCase(3);
		await app.cases.act(await staff('qz-zwfw-frontdesk'), id, { type: 'ACCEPT', version: 0 });
		const messages = await app.store.outbox.list({ caseId: id });
		expect(messages.map((m) => [m.topic, m.recipientId])).toEqual([['case.ACCEPT', person('lisi').id]]);
	});
});

describe('联合踏勘 (进一次门、查多项事)', () => {
	it('one visit records two departments’ checklists once; each branch is judged on its own', async () => {
		// 营利性学校登记 gets an inspection of its own (published as a new version), so two departments inspect the same school
		const yingli = structuredClone((await app.defs.published('item', YINGLI)).definition) as any;
		yingli.inspectionChecklist = [{ id: 'premises', standard: '经营场所与申报一致', required: true }];
		yingli.workflow.states.review.on.PASS = 'inspection';
		yingli.workflow.states.inspection = {
			meta: { label: '现场核查', role: 'inspector', pausesClock: true, pauseKind: 'inspection', checklist: true },
			on: { INSPECT: [{ target: 'decision', guard: 'inspectionPassed' }, { target: 'denied' }] }
		};
		await app.defs.saveDraft('item', YINGLI, yingli, 'u-admin');
		await app.defs.publish('item', YINGLI, '增加现场核查', 'u-admin');
		const id = await schoolCase(4);
		await app.cases.act(await staff('qz-zwfw-frontdesk'), id, { type: 'ACCEPT', version: 0 });
		await app.cases.act(await staff('qz-edu-reviewer'), id, { type: 'PASS', version: 1 });
		await app.cases.act(await staff('qz-scjg-reviewer'), id, { type: 'PASS', version: 1 });
		const inspector = await staff('qz-edu-inspector');
		const offered = (await app.cases.view(id, inspector)).actions.find((a) => a.type === 'INSPECT')!;
		expect(offered.jointWith!.map((j) => j.branch)).toEqual([YINGLI]);
		const school = offered.checklist!.map((x) => ({ id: x.id, passed: true }));
		// the 市场监管局 standard is missing: refused with its path
		const incomplete = await app.cases.act(inspector, id, { type: 'INSPECT', version: 3, joint: [YINGLI], checklist: school }).catch((e) => e);
		expect(incomplete.errors.map((e: any) => e.path)).toEqual([`checklist.${YINGLI}.premises`]);
		const view = await app.cases.act(inspector, id, {
			type: 'INSPECT',
			version: 3,
			joint: [YINGLI],
			checklist: [...school, { id: 'premises', branch: YINGLI, passed: false }]
		});
		expect(activeLeaves(view.case.state.machine.value).sort()).toEqual([`review.${SHELI}.decision`, `review.${YINGLI}.denied`]);
		expect(view.case.events.filter((e) => e.type === 'INSPECT')).toHaveLength(1);
		expect(view.case.state.branchVersions).toMatchObject({ [SHELI]: 4, [YINGLI]: 4 });
	});
});

describe('effects', () => {
	it('every effect the designer’s action library offers has an implementation', async () => {
		const { ACTIONS } = await import('../../runtime/core/workflow/library');
		const { EFFECTS } = await import('../../runtime/core/cases/effects');
		const offered = Object.entries(ACTIONS)
			.filter(([, a]) => a.kind === 'effect')
			.map(([k]) => k);
		expect(offered.length).toBeGreaterThan(0);
		expect(offered.filter((k) => !EFFECTS[k])).toEqual([]);
	});
});

describe('bad input is refused with the path, never stored', () => {
	const body = { service: { kind: 'item' as const, id: 'jiaoshi-zige-buban' }, data: {}, materials: {} };
	it('situation answers outside the options, or to questions that do not exist', async () => {
		const citizen = person('zhangsan');
		const out = await app.cases.submit(citizen, { ...body, answers: { reason: 'stolen' }, consents: { licenceFetch: false } }).catch((e) => e);
		expect(out.status).toBe(422);
		expect(out.errors.find((e: any) => e.path === 'answers.reason').message).toContain('没有选项「stolen」');
		const unknown = await app.cases.submit(citizen, { ...body, answers: { reason: 'lost', hacked: 'yes' }, consents: { licenceFetch: false } }).catch((e) => e);
		expect(unknown.errors.map((e: any) => e.path)).toContain('answers.hacked');
		expect((await app.store.cases.list({ applicantId: citizen.id })).length).toBe(0);
	});
});

describe('files reach staff only through typed file fields and uploaded materials', () => {
	it('a file id typed into a text field grants nothing', async () => {
		const lisi = person('lisi');
		await app.store.files.put(
			{ id: 'fother', ownerId: 'u-zhangsan', name: 'id.pdf', mime: 'application/pdf', size: 4, sha256: '', createdAt: new Date().toISOString() },
			new Uint8Array([1, 2, 3, 4])
		);
		await app.store.files.put(
			{ id: 'fmine', ownerId: lisi.id, name: 'scan.pdf', mime: 'application/pdf', size: 4, sha256: '', createdAt: new Date().toISOString() },
			new Uint8Array([1, 2, 3, 4])
		);
		const id = await schoolCase(2);
		await app.store.transaction(async (tx) => {
			const c = (await tx.cases.get(id))!;
			const context = {
				...c.state.machine.context,
				data: { school_name: 'fother' },
				materials: { sheli_report: { source: 'upload' as const, files: ['fmine'] } }
			};
			await tx.cases.update({ ...c, state: { ...c.state, machine: { ...c.state.machine, context } } }, c.version, []);
		});
		const c = (await app.store.cases.get(id))!;
		expect(await app.cases.holdsFile(c, 'fother')).toBe(false);
		expect(await app.cases.holdsFile(c, 'fmine')).toBe(true);
	});
});

describe('replay: random legal event sequences through every catalog workflow', () => {
	it('replaying each log gives exactly the live state; tasks match the state; every event is audited', async () => {
		// seeded: a catalog change (a new question) shifts the stream; 20261130 left exactly half the walks at one step
		const r = rng(20261201);
		const services: ['item' | 'bundle', string][] = [
			...app.catalog.current.list('item').map((e) => ['item', e.id] as ['item', string]),
			...app.catalog.current.list('bundle').map((e) => ['bundle', e.id] as ['bundle', string])
		];
		const applicants = people.filter((p) => p.roles.includes('applicant'));
		const ids: string[] = [];
		let n = 100;
		for (const [kind, id] of services)
			for (let k = 0; k < 3; k++) {
				const { answers, service } = await randomAnswers(app, kind, id, r);
				const caseId = await seedCase(app, service, answers, r.pick(applicants), n++);
				await walk(app, caseId, r, people, 20);
				ids.push(caseId);
			}
		const problems = (await Promise.all(ids.map((id) => inconsistencies(app, id)))).flat();
		expect(problems).toEqual([]);
		const moved = await Promise.all(ids.map(async (id) => (await app.store.cases.get(id))!.events.length));
		// the walks went somewhere: most cases took several steps, some ended
		expect(moved.filter((m) => m >= 2).length).toBeGreaterThan(ids.length / 2);
	}, 180_000);
});

describe('deadlines past the loaded calendar', () => {
	it('are provisional until the official calendar is loaded; loading it recomputes the open cases’ deadlines', async () => {
		const dataDir = tempDir('cal-');
		const first = await createApp({ dataDir, definitionsDir: resolve('definitions'), testClock: true });
		first.testClock!.advance(Date.parse('2026-12-21T09:00:00+08:00') - first.time.now().getTime());
		const lisi = (await actors(first)).find((p) => p.id === 'u-lisi')!;
		const { compose } = await import('../../runtime/core/compose');
		const answers = { stage: 'establish', nature: 'profit', [`${SHELI}.prepared`]: 'yes', [`${SHELI}.services`]: ['none'] };
		const id = await seedCase(first, compose(await first.defs.source('bundle', 'minban-xuexiao'), answers), answers, lisi, 9);
		const view = await first.cases.view(id, lisi);
		expect(view.clock.case.dueAt > '2027-01-01').toBe(true);
		expect(view.clock.case.provisional).toBe(true);
		const before = (await first.store.tasks.query({ caseId: id }))[0].limitDueAt!;
		await first.store.close();

		// the State Council publishes 2027: here with 4 January off as well (made up for the test)
		const defs = tempDir('defs-');
		cpSync(resolve('definitions'), defs, { recursive: true });
		const cal2027 = { year: 2027, source: '测试', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04' }], workdays: [] };
		writeFileSync(join(defs, 'dictionaries', 'calendar-2027.json'), JSON.stringify(cal2027));
		const second = await createApp({ dataDir, definitionsDir: defs, testClock: true });
		const after = (await second.store.tasks.query({ caseId: id }))[0].limitDueAt!;
		expect(after > before).toBe(true);
		expect((await second.cases.view(id, lisi)).clock.case.provisional).toBe(false);
		await second.store.close();
	}, 120_000);
});
