// Two built servers on one PostgreSQL database, both running the deadline timer and the outbox worker: a 容缺 deadline
// ends its case once, and every outbox message is delivered once. Runs only with TEST_DATABASE_URL (an admin connection,
// e.g. the throwaway cluster .ci/postgres.sh starts); the test makes its own database and drops it at the end.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../runtime/core/store';
import { openStore } from '../../runtime/server/open-store';
import { adminQuery } from './helpers/postgres';
import { Client, moveClock, startServer, tempDir, writeFixtureCatalog, type RunningServer } from './helpers/server';
import { bonusSubmission } from './fixtures/catalog';

const admin = process.env.TEST_DATABASE_URL;

const submission = bonusSubmission;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const v = await probe();
		if (v) return v;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await sleep(100);
	}
}

/** How often each message id appears in the servers' delivery log lines. */
function deliveredLines(servers: RunningServer[]) {
	const seen = new Map<string, number[]>();
	servers.forEach((s, i) => {
		for (const m of s.output().matchAll(/\[通知\] (\S+) →/g)) (seen.get(m[1]) ?? seen.set(m[1], []).get(m[1])!).push(i);
	});
	return seen;
}

describe.skipIf(!admin)('two servers on one PostgreSQL database (TEST_DATABASE_URL)', () => {
	const name = `two_servers_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	const dataDir = tempDir('two-servers-');
	const servers: RunningServer[] = [];
	let store: Store | undefined;

	beforeAll(async () => {
		await adminQuery(admin!, `CREATE DATABASE ${name}`);
		const url = new URL(admin!);
		url.pathname = `/${name}`;
		const definitionsDir = writeFixtureCatalog();
		// one machine, one DATA_DIR (file bytes), one database; short periods so both timers and both workers keep running
		// every process on one database shares its PII_KEY (the probe has a DATA_DIR of its own, so no development key file)
		const PII_KEY = randomBytes(32).toString('base64');
		const env = { DATABASE_URL: url.toString(), DEADLINE_SWEEP_MS: '250', OUTBOX_POLL_MS: '150', PII_KEY };
		// both at once on the new database: one migrates and the other waits; both seed the catalog without failing
		servers.push(...(await Promise.all([0, 1].map(() => startServer({ dataDir, definitionsDir, testClock: true, env })))));
		store = await openStore({ dataDir: tempDir('two-servers-probe-'), env: { DATABASE_URL: url.toString(), PII_KEY } });
	}, 120_000);

	afterAll(async () => {
		await Promise.all(servers.map((s) => s.stop()));
		await store?.close();
		if (admin) await adminQuery(admin!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('a 容缺 deadline ends each case once and every notification is delivered once, with both timers and both workers running', async () => {
		const [a, b] = servers.map((s) => s.url);
		const login = async (base: string, user: string) => {
			const c = new Client(base);
			await c.login(user);
			return c;
		};
		// sessions are the database's: a token from one server works on the other
		const citizen = await login(a, 'zhangsan');
		const desk = await login(b, 'center-frontdesk');
		const onA = Object.assign(new Client(a), { token: citizen.token });
		const deskOnA = Object.assign(new Client(a), { token: desk.token });

		const ids: string[] = [];
		for (let i = 0; i < 8; i++) {
			const created = await (i % 2 ? citizen : onA).post('/api/cases', submission);
			expect(created.status, JSON.stringify(created.body)).toBe(201);
			ids.push(created.body.id);
		}
		// 受理 through both servers: each ACCEPT writes one notification
		await Promise.all(
			ids.map(async (id, i) => expect((await (i % 2 ? desk : deskOnA).post(`/api/cases/${id}/events`, { type: 'ACCEPT', version: 0 })).status).toBe(200))
		);
		await until(
			'the 受理 notifications',
			async () => (await store!.outbox.list({ status: 'pending' })).length === 0 && (await store!.outbox.list()).length >= ids.length
		);

		// past the 3 working days to supply the photo: both servers move and sweep at once, and their timers keep sweeping
		const moves = await Promise.all([moveClock(a, 11 * 24), moveClock(b, 0)]);
		for (let i = 0; i < 3; i++) moves.push(...(await Promise.all([a, b].map((u) => moveClock(u, 0)))));
		for (const m of moves) expect(m.status, JSON.stringify(m.body)).toBe(200);
		const cases = await until('every case terminated', async () => {
			const rows = await store!.cases.list({ ids });
			return rows.length === ids.length && rows.every((c) => c.status === 'terminated') && rows;
		});
		await sleep(1500); // a few more sweeps on both servers
		await until(
			'the termination notifications',
			async () => (await store!.outbox.list({ status: 'pending' })).length === 0 && (await store!.outbox.list()).length >= 2 * ids.length
		);

		// each case ended once: one TERMINATE event, one audit entry, named in at most one sweep's answer
		const ended = moves.flatMap((m) => m.body.ended as string[]);
		for (const c of await store!.cases.list({ ids })) {
			expect(
				c.events.filter((e) => e.type === 'TERMINATE'),
				c.id
			).toHaveLength(1);
			expect(c.events.at(-1)?.type).toBe('TERMINATE');
			expect(c.version).toBe(c.events.length);
			expect(
				(await store!.audit.list({ caseId: c.id, limit: 1000 })).filter((e) => e.action === 'case.TERMINATE'),
				c.id
			).toHaveLength(1);
			expect(ended.filter((x) => x === c.id).length).toBeLessThanOrEqual(1);
		}
		expect(cases).toHaveLength(ids.length);

		// every message delivered once: sent on the first attempt, one log line across both servers
		const messages = await store!.outbox.list({ limit: 1000 });
		const mine = messages.filter((m) => ids.includes(m.caseId ?? ''));
		expect(mine).toHaveLength(2 * ids.length);
		for (const id of ids)
			expect(
				mine
					.filter((m) => m.caseId === id)
					.map((m) => m.payload.event)
					.sort()
			).toEqual(['ACCEPT', 'TERMINATE']);
		const lines = deliveredLines(servers);
		for (const m of messages) {
			expect(m.status, m.id).toBe('sent');
			expect(m.attempts, m.id).toBe(1);
			expect(m.sentAt).toBeTruthy();
			expect(lines.get(m.id), m.id).toHaveLength(1);
		}
		expect([...lines.keys()].sort()).toEqual(messages.map((m) => m.id).sort());
		const byServer = [0, 1].map((i) => [...lines.values()].filter((v) => v[0] === i).length);
		console.log(`two-servers: ${ids.length} cases ended once; ${messages.length} messages delivered once (server A ${byServer[0]}, server B ${byServer[1]})`);
	}, 120_000);
});
