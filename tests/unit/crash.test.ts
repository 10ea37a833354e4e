// kill -9 under a stream of submissions and reviewer actions, 20 times, then restart: nothing acknowledged is lost, nothing half-written.
import { afterAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { createApp } from '../../runtime/server/app';
import { Client, startServer, tempDir, type RunningServer } from './helpers/server';
import { TUIXIU, provideMaterials } from './helpers/catalog-data';
import { inconsistencies, rng } from './helpers/case-walk';

const running: RunningServer[] = [];
afterAll(async () => Promise.all(running.map((s) => s.stop('SIGKILL'))));

// the default embedded PostgreSQL, and the pilots' one-file lowdb store
const STORES = [
	{ name: 'PGlite (default)', env: {} as Record<string, string>, kills: 20 },
	{ name: 'lowdb', env: { STORE: 'lowdb' }, kills: 10 }
];

describe.each(STORES)('crash consistency: $name', ({ env, kills: KILLS }) => {
	it(`kill -9 during writes, again and again: 0 acknowledged writes lost, 0 tasks disagreeing with state, 0 events without audit`, async () => {
		const dataDir = tempDir('crash-');
		const r = rng(42);
		const acknowledgedCases = new Set<string>();
		const acknowledgedVersions = new Map<string, number>();
		for (let round = 0; round < KILLS; round++) {
			const s = await startServer({ dataDir, definitionsDir: resolve('definitions'), env });
			running.push(s);
			const citizen = new Client(s.url);
			await citizen.login('lisi').catch((e) => {
				throw new Error(`round ${round}: ${e.message}\n${s.output().slice(-3000)}`);
			});
			const desk = new Client(s.url);
			await desk.login('qz-zwfw-frontdesk');
			const svc = (await citizen.post('/api/compose', { service: { kind: 'bundle', id: 'tuixiu' }, answers: TUIXIU.answers })).body;
			const materials = await provideMaterials(s.url, citizen, svc.materials);
			let stop = false;
			const submitter = async () => {
				while (!stop) {
					const res = await citizen
						.post('/api/cases', {
							service: { kind: 'bundle', id: 'tuixiu' },
							answers: TUIXIU.answers,
							data: TUIXIU.data,
							materials,
							consents: { licenceFetch: true }
						})
						.catch(() => undefined);
					if (res?.status === 201) acknowledgedCases.add(res.body.id);
				}
			};
			const acceptor = async () => {
				while (!stop) {
					const open = [...acknowledgedCases].filter((id) => !acknowledgedVersions.has(id));
					if (!open.length) {
						await new Promise((ok) => setTimeout(ok, 5));
						continue;
					}
					const id = r.pick(open);
					const res = await desk.post(`/api/cases/${id}/events`, { type: 'ACCEPT', version: 0 }).catch(() => undefined);
					if (res?.status === 200) acknowledgedVersions.set(id, res.body.case.version);
				}
			};
			const workers = [submitter(), submitter(), acceptor()];
			await new Promise((ok) => setTimeout(ok, 300 + Math.floor(r.next() * 700)));
			await s.stop('SIGKILL');
			stop = true;
			await Promise.all(workers);
		}
		expect(acknowledgedCases.size).toBeGreaterThan(KILLS);

		Object.assign(process.env, env);
		const app = await createApp({ dataDir, definitionsDir: resolve('definitions') }).finally(() => delete process.env.STORE);
		const lost = [];
		for (const id of acknowledgedCases) {
			const c = await app.store.cases.get(id);
			if (!c) lost.push(`case ${id}`);
			else if (c.version < (acknowledgedVersions.get(id) ?? 0)) lost.push(`ACCEPT of ${id}`);
		}
		expect(lost).toEqual([]);
		const all = await app.store.cases.list({ limit: 1000 });
		const problems = (await Promise.all(all.map((c) => inconsistencies(app, c.id)))).flat();
		expect(problems).toEqual([]);
		await app.store.close();
	}, 600_000);
});
