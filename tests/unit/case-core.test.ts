// The case core on the default store (PGlite), in-process: branch-scoped concurrency, bad input, and replay of random legal walks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { createApp, type App } from '../../runtime/server/app';
import type { Actor } from '../../runtime/core/store';
import { tempDir } from './helpers/server';
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

describe('replay: random legal event sequences through every catalog workflow', () => {
	it('replaying each log gives exactly the live state; tasks match the state; every event is audited', async () => {
		const r = rng(20261130);
		const services = [...app.catalog.items.keys()].map((id) => ['item', id] as const).concat([...app.catalog.bundles.keys()].map((id) => ['bundle', id] as const));
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
