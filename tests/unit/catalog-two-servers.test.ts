// Two built servers on one PostgreSQL database, each with its own DATA_DIR (and catalog cache): a definition saved or
// published through one is listed and found by the other within a moment, and by a restarted one at once.
// Runs only with TEST_DATABASE_URL (an admin connection); the test makes its own database and drops it at the end.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery } from './helpers/postgres';
import { Client, startServer, tempDir, type RunningServer } from './helpers/server';
import { writeLargeCatalog } from '../bench/catalog-gen';

const admin = process.env.TEST_DATABASE_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** polls until probe is true; the time it took */
async function within(ms: number, probe: () => Promise<boolean>): Promise<number> {
	const started = Date.now();
	while (!(await probe())) {
		if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
		await sleep(50);
	}
	return Date.now() - started;
}

describe.skipIf(!admin)('the catalog on two servers sharing one PostgreSQL database (TEST_DATABASE_URL)', () => {
	const name = `catalog_two_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	const definitionsDir = writeLargeCatalog(60);
	const dataDirs = [tempDir('catalog-a-'), tempDir('catalog-b-')];
	let env: Record<string, string>;
	const servers: RunningServer[] = [];

	beforeAll(async () => {
		await adminQuery(admin!, `CREATE DATABASE ${name}`);
		const url = new URL(admin!);
		url.pathname = `/${name}`;
		env = { DATABASE_URL: url.toString(), PII_KEY: randomBytes(32).toString('base64') };
		for (const dataDir of dataDirs) servers.push(await startServer({ dataDir, definitionsDir, env }));
	}, 180_000);

	afterAll(async () => {
		await Promise.all(servers.map((s) => s.stop()));
		if (admin) await adminQuery(admin!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
	});

	it('a draft and a publication through one server show on the other; a restarted server starts from the new catalog', { timeout: 180_000 }, async () => {
		const [a, b] = servers;
		const adminA = new Client(a.url);
		await adminA.login('admin');
		const listed = async (s: RunningServer, q: string) => (await (await fetch(`${s.url}/api/items?q=${encodeURIComponent(q)}`)).json()).items;
		const found = async (s: RunningServer, q: string) => (await (await fetch(`${s.url}/?q=${encodeURIComponent(q)}`)).text()).includes('href="/items/gen-7"');
		// the 60 generated items and the shipped ones
		expect((await (await fetch(`${b.url}/api/items`)).json()).total).toBe(60 + readdirSync('definitions/items').filter((f) => f.endsWith('.json')).length);

		const item = (await adminA.get('/api/items/gen-7')).body.definition;
		expect((await adminA.call('PUT', '/api/items/gen-7', { ...item, name: '跨进程改名的测试事项' })).status).toBe(200);
		// the server that wrote knows at once; the other once it reads the store's stamp (at most a second later)
		expect((await listed(a, 'gen-7')).find((i: { id: string }) => i.id === 'gen-7').status).toBe('changed');
		await within(3000, async () => (await listed(b, 'gen-7')).find((i: { id: string }) => i.id === 'gen-7')?.status === 'changed');

		expect((await adminA.post('/api/items/gen-7/publish', { note: '改名' })).body.version).toBe(2);
		expect(await found(a, '跨进程改名')).toBe(true);
		await within(3000, () => found(b, '跨进程改名'));
		expect(await found(b, item.name)).toBe(false);

		// B restarts with its cache from before the publication: the store's stamp differs, so it loads what changed
		await b.stop();
		servers[1] = await startServer({ dataDir: dataDirs[1], definitionsDir, env });
		expect(await found(servers[1], '跨进程改名')).toBe(true);
		expect((await listed(servers[1], '跨进程改名'))[0]).toMatchObject({ id: 'gen-7', status: 'published', latestVersion: 2 });
	});
});
