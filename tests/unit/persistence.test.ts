import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../runtime/server/app';
import { Client, startServer, tempDir, writeFixtureCatalog, type RunningServer } from './helpers/server';
import { itemEdu } from './fixtures/catalog';

const catalogDir = writeFixtureCatalog();
const dataDir = tempDir('persist-');
const running: RunningServer[] = [];
afterAll(async () => Promise.all(running.map((s) => s.stop('SIGKILL'))));

async function boot() {
	const s = await startServer({ dataDir, definitionsDir: catalogDir });
	running.push(s);
	return s;
}
async function login(s: RunningServer, user: string) {
	const c = new Client(s.url);
	await c.login(user);
	return c;
}
const submission = (id: string) => ({
	service: { kind: 'item', id },
	answers: { grade: 'current' },
	data: { applicant_name: '张三', applicant_idNumber: '350502198506122344', school: '泉州第五中学' },
	materials: { licence_ID_CARD: { source: 'licence', licenceId: 'lic-demo-zhangsan-id_card' } },
	consents: { licenceFetch: true }
});

describe('persistence, versions and replay', () => {
	it('keeps acknowledged cases across a kill -9 restart; running cases stay on their version; logs replay exactly', async () => {
		let s = await boot();
		let citizen = await login(s, 'zhangsan');
		const first = await citizen.post('/api/cases', submission('edu-confirm'));
		expect(first.status).toBe(201);
		const desk = await login(s, 'center-frontdesk');
		expect((await desk.post(`/api/cases/${first.body.id}/events`, { type: 'ACCEPT', version: 0 })).status).toBe(200);
		const before = (await citizen.get(`/api/cases/${first.body.id}`)).body.case;

		// publish version 2 of the item: a new field, shorter promised limit
		const admin = await login(s, 'admin');
		const v2 = structuredClone(itemEdu) as any;
		v2.promisedLimitDays = 3;
		v2.form.schema.properties.guardian = { type: 'string', title: '监护人' };
		v2.form.schema.required.push('guardian');
		expect((await admin.call('PUT', '/api/items/edu-confirm', v2)).status).toBe(200);
		const listed = (await admin.get('/api/items')).body.items.find((i: any) => i.id === 'edu-confirm');
		expect(listed.status).toBe('changed');
		const noNote = await admin.post('/api/items/edu-confirm/publish', {});
		expect(noNote.status).toBe(422);
		const pub = await admin.post('/api/items/edu-confirm/publish', { note: '增加监护人字段，承诺时限压缩为 3 天' });
		expect(pub.body.version).toBe(2);

		await s.stop('SIGKILL');
		s = await boot();
		citizen = await login(s, 'zhangsan');
		const after = (await citizen.get(`/api/cases/${first.body.id}`)).body.case;
		expect(after).toEqual(before);
		expect(after.pins).toEqual([expect.objectContaining({ id: 'edu-confirm', version: 1 })]);

		// the old case runs on version 1 (no guardian needed); new cases need version 2's field
		const reviewer = await login(s, 'edu-reviewer');
		expect((await reviewer.post(`/api/cases/${first.body.id}/events`, { type: 'PASS', version: 1 })).status).toBe(200);
		const missing = await citizen.post('/api/cases', submission('edu-confirm'));
		expect(missing.status).toBe(422);
		expect(missing.body.errors.map((e: any) => e.path)).toContain('data.guardian');
		const second = await citizen.post('/api/cases', { ...submission('edu-confirm'), data: { ...submission('edu-confirm').data, guardian: '张大' } });
		expect(second.status).toBe(201);
		expect(second.body.case.pins[0].version).toBe(2);

		// published versions are immutable: version 1 still reads back as it was
		expect((await citizen.get('/api/items/edu-confirm?version=1')).body.definition.promisedLimitDays).toBe(5);
		await s.stop();

		// replay every case's event log from the start: the stored snapshot comes back exactly
		const app = await createApp({ dataDir, definitionsDir: catalogDir });
		const cases = await app.store.cases.list();
		expect(cases.length).toBe(2);
		for (const c of cases) expect(await app.cases.replay(c.id)).toEqual(c.state.machine);
		await app.store.close();
	}, 120_000);
});

describe('replay with 容缺 and 补正', () => {
	it('a case whose 容缺 clock starts at 受理 and whose material is supplied replays to the same snapshot', async () => {
		const app = await createApp({ dataDir: tempDir('replay-'), definitionsDir: catalogDir, testClock: true });
		const actor = async (username: string) => {
			const a = (await app.store.accounts.byUsername(username))!;
			return { id: a.id, name: a.name, roles: a.roles, department: a.department };
		};
		const citizen = await actor('zhangsan');
		const photo = await app.store.files
			.put(
				{ id: 'fphoto', ownerId: citizen.id, name: 'photo.jpg', mime: 'image/jpeg', size: 3, sha256: '', createdAt: new Date().toISOString() },
				new Uint8Array([1, 2, 3])
			)
			.then(() => 'fphoto');
		const created = await app.cases.submit(citizen, {
			service: { kind: 'bundle', id: 'bonus-bundle' },
			answers: { kind: 'overseas', 'edu-confirm.grade': 'current' },
			data: {
				applicant_name: '张三',
				applicant_idNumber: '350502198506122344',
				contact_phone: '13905951234',
				'edu-confirm__school': '泉州第五中学',
				'ovs-confirm__country': '菲律宾'
			},
			materials: {
				licence_ID_CARD: { source: 'licence', licenceId: 'lic-demo-zhangsan-id_card' },
				'ovs-confirm__residence': { source: 'commitment', signed: true },
				'ovs-confirm__photo': { source: 'deferred' }
			},
			consents: { licenceFetch: true }
		});
		const id = created.case.id;
		const submittedDue = created.case.state.machine.context.pending[0].dueAt;
		app.testClock!.advance(4 * 24 * 3600e3); // the front desk takes its time
		let c = (await app.cases.act(await actor('center-frontdesk'), id, { type: 'ACCEPT', version: 0 })).case;
		expect(c.state.machine.context.pending[0].dueAt > submittedDue).toBe(true);
		expect(await app.cases.replay(id)).toEqual((await app.store.cases.get(id))!.state.machine);
		c = (await app.cases
			.act(citizen, id, { type: 'SUPPLY', version: 1, material: 'ovs-confirm__photo', provided: { source: 'deferred' } })
			.catch((e) => e)) as any;
		expect(c.status).toBe(422);
		c = (await app.cases.act(citizen, id, { type: 'SUPPLY', version: 1, material: 'ovs-confirm__photo', provided: { source: 'upload', files: [photo] } })).case;
		expect(c.state.machine.context.pending).toEqual([]);
		expect(await app.cases.replay(id)).toEqual((await app.store.cases.get(id))!.state.machine);
		await app.store.close();
	});
});
