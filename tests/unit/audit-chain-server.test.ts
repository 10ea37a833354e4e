// The audit chain on the built app: officers act, the sealer links their entries (SM3 under CRYPTO_SUITE=gm), the
// administrator sees 完整; then someone edits (lowdb's store.json) or deletes (PGlite's table) an entry behind the app's
// back, and after a restart the admin API, the admin page and `npm run audit:verify` all name the broken seq and entry.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Client, startServer, writeFixtureCatalog, type RunningServer } from './helpers/server';
import { bonusSubmission } from './fixtures/catalog';

const catalog = writeFixtureCatalog();

async function signIn(url: string, user: string) {
	const c = new Client(url);
	await c.login(user);
	return c;
}

/** Submits the bundle as zhangsan, accepts it at the front desk, opens it as the administrator; returns the case id. */
async function actOnCase(server: RunningServer) {
	const created = await (await signIn(server.url, 'zhangsan')).post('/api/cases', bonusSubmission);
	expect(created.status, JSON.stringify(created.body)).toBe(201);
	const accepted = await (await signIn(server.url, 'center-frontdesk')).post(`/api/cases/${created.body.id}/events`, { type: 'ACCEPT', version: 0 });
	expect(accepted.status).toBe(200);
	expect((await (await signIn(server.url, 'admin')).get(`/api/cases/${created.body.id}`)).status).toBe(200);
	return created.body.id as string;
}

/** Polls the admin API until nothing waits for the sealer. */
async function sealed(admin: Client) {
	for (let i = 0; ; i++) {
		const r = await admin.get('/api/audit/chain');
		expect(r.status).toBe(200);
		if (r.body.pending.count === 0 && r.body.checked > 0) return r.body;
		if (i > 100) throw new Error(`not sealed: ${JSON.stringify(r.body)}`);
		await new Promise((ok) => setTimeout(ok, 100));
	}
}

const page = async (server: RunningServer, admin: Client) =>
	(await fetch(`${server.url}/workbench/audit/chain`, { headers: { authorization: `Bearer ${admin.token}`, accept: 'text/html' } })).text();

const cli = (env: Record<string, string>) =>
	spawnSync(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), 'runtime/cli/audit-verify.ts'], {
		encoding: 'utf8',
		env: { ...process.env, DATABASE_URL: '', ...env }
	});

describe('audit chain on the running app', () => {
	it('lowdb, 国密: sealed with SM3, 完整; an entry edited in store.json is reported at its seq by the API, the page and the CLI', async () => {
		const env = { STORE: 'lowdb', CRYPTO_SUITE: 'gm', AUDIT_SEAL_MS: '100' };
		let server = await startServer({ definitionsDir: catalog, env });
		const caseId = await actOnCase(server);
		let admin = await signIn(server.url, 'admin');
		const whole = await sealed(admin);
		expect(whole).toMatchObject({ ok: true, status: '完整', suite: 'gm', sealingWith: 'sm3', retentionDays: 180 });
		expect(Object.keys(whole.algorithms)).toEqual(['sm3']);
		expect(await page(server, admin)).toContain('完整');
		// no API edits or deletes audit entries
		for (const path of ['/api/audit', '/api/audit/chain'])
			for (const method of ['DELETE', 'PUT', 'PATCH', 'POST']) expect((await admin.call(method, path, {})).status, `${method} ${path}`).toBe(405);
		await server.stop();

		const file = join(server.dataDir, 'store.json');
		const data = JSON.parse(readFileSync(file, 'utf8'));
		const accept = data.audit.find((e: { action: string; caseId?: string }) => e.action === 'case.ACCEPT' && e.caseId === caseId);
		expect(accept.chain.alg).toBe('sm3');
		accept.actorId = 'u-zhangsan';
		writeFileSync(file, JSON.stringify(data));

		const offline = cli({ ...env, DATA_DIR: server.dataDir });
		expect(offline.status, offline.stderr).toBe(1);
		expect(offline.stdout).toContain(`审计链断裂：第 ${accept.chain.seq} 条`);
		expect(offline.stdout).toContain(`记录 ID：${accept.id}`);
		expect(offline.stdout).toContain(`时间：${accept.at}`);

		server = await startServer({ definitionsDir: catalog, dataDir: server.dataDir, env });
		try {
			admin = await signIn(server.url, 'admin');
			const broken = (await admin.get('/api/audit/chain')).body;
			expect(broken).toMatchObject({
				ok: false,
				status: '断裂',
				break: { seq: accept.chain.seq, reason: 'altered', entryId: accept.id, at: accept.at, caseId }
			});
			const html = await page(server, admin);
			expect(html).toContain('断裂');
			expect(html).toContain(`第 ${accept.chain.seq} 条`);
			expect(html).toContain(accept.id);
		} finally {
			await server.stop();
		}
	}, 180_000);

	it('PGlite: an entry deleted from the database is reported as missing at its seq after a restart', async () => {
		const env = { AUDIT_SEAL_MS: '100' };
		let server = await startServer({ definitionsDir: catalog, env });
		const caseId = await actOnCase(server);
		let admin = await signIn(server.url, 'admin');
		const whole = await sealed(admin);
		expect(whole).toMatchObject({ ok: true, suite: 'intl', algorithms: { sha256: whole.checked } });
		await server.stop();

		const { PGlite } = await import('@electric-sql/pglite');
		const db = await PGlite.create(join(server.dataDir, 'pg'));
		const { rows } = await db.query<{ chain_seq: number; id: string }>(`SELECT chain_seq, id FROM audit WHERE action = 'case.SUBMIT' AND case_id = $1`, [
			caseId
		]);
		const seq = Number(rows[0].chain_seq);
		await db.query('DELETE FROM audit WHERE chain_seq = $1', [seq]);
		await db.close();

		const offline = cli({ DATA_DIR: server.dataDir });
		expect(offline.status, offline.stderr).toBe(1);
		expect(offline.stdout).toContain(`审计链断裂：第 ${seq} 条。第 ${seq} 条缺失`);

		server = await startServer({ definitionsDir: catalog, dataDir: server.dataDir, env });
		try {
			admin = await signIn(server.url, 'admin');
			const broken = (await admin.get('/api/audit/chain')).body;
			expect(broken).toMatchObject({ ok: false, status: '断裂', break: { seq, reason: 'missing' } });
			expect(broken.checked).toBe(seq - 1);
		} finally {
			await server.stop();
		}
	}, 180_000);
});
