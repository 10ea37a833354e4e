// npx tsx tests/bench/audit-chain.ts [--entries N] [--clients N] [--seconds N] [--only pglite,postgres]
//
// The audit chain's cost, not a test: (1) appends per second from concurrent transactions (3 entries each, as an action
// writes) with no sealer and with a sealer looping every 100 ms beside them: the append path takes no chain lock, so the
// two should match; (2) sealing throughput; (3) a full verification walk. PostgreSQL needs TEST_DATABASE_URL (an admin
// connection; a fresh database is made and dropped).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { verifyChain } from '../../runtime/core/audit-chain';
import type { AuditEntry, Store } from '../../runtime/core/store';
import { sealPending } from '../../runtime/server/audit-sealer';
import { openStore } from '../../runtime/server/open-store';
import { adminQuery } from '../unit/helpers/postgres';

const arg = (name: string, fallback: number) => {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ENTRIES = arg('entries', 100_000);
const CLIENTS = arg('clients', 20);
const SECONDS = arg('seconds', 10);
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : ['pglite', 'postgres'];

let n = 0;
const entry = (): AuditEntry => ({
	id: `bench-${++n}`,
	at: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
	actorId: `u-${n % 50}`,
	action: 'case.PASS',
	caseId: `c-${n % 5000}`,
	detail: { branch: 'edu-confirm', comment: '材料齐全，同意' }
});

/** Transactions of 3 appends from CLIENTS concurrent loops for SECONDS; transactions per second. */
async function appendRate(store: Store, withSealer: boolean) {
	const end = performance.now() + SECONDS * 1000;
	let done = 0;
	let sealing = true;
	const sealer = (async () => {
		while (withSealer && sealing) {
			await sealPending(store, 'sha256');
			await new Promise((r) => setTimeout(r, 100));
		}
	})();
	await Promise.all(
		Array.from({ length: CLIENTS }, async () => {
			while (performance.now() < end) {
				await store.transaction(async (tx) => {
					for (let i = 0; i < 3; i++) await tx.audit.append(entry());
				});
				done++;
			}
		})
	);
	sealing = false;
	await sealer;
	return done / SECONDS;
}

async function measure(kind: string, store: Store) {
	const idle = await appendRate(store, false);
	await sealPending(store, 'sha256');
	const busy = await appendRate(store, true);
	await sealPending(store, 'sha256');
	for (let i = 0; i < ENTRIES; i += 1000)
		await store.transaction(async (tx) => {
			for (let j = 0; j < 1000; j++) await tx.audit.append(entry());
		});
	let t = performance.now();
	const sealed = await sealPending(store, 'sha256');
	const sealMs = performance.now() - t;
	t = performance.now();
	const report = await verifyChain(store);
	const verifyMs = performance.now() - t;
	console.log(
		`${kind}: appends (3 per tx, ${CLIENTS} clients) ${idle.toFixed(0)} tx/s without a sealer, ${busy.toFixed(0)} tx/s with one every 100 ms; ` +
			`sealed ${sealed} in ${(sealMs / 1000).toFixed(1)} s (${((sealed / sealMs) * 1000).toFixed(0)}/s); ` +
			`verified ${report.checked} (${report.ok ? '完整' : '断裂'}) in ${(verifyMs / 1000).toFixed(1)} s (${((report.checked / verifyMs) * 1000).toFixed(0)}/s)`
	);
}

if (only.includes('pglite')) {
	const dir = mkdtempSync(join(tmpdir(), 'bench-chain-'));
	const store = await openStore({ dataDir: dir, env: {} });
	await measure('PGlite', store);
	await store.close();
	rmSync(dir, { recursive: true, force: true });
}
const admin = process.env.TEST_DATABASE_URL;
if (only.includes('postgres') && admin) {
	const name = `bench_chain_${process.pid}`;
	await adminQuery(admin, `CREATE DATABASE ${name}`);
	const url = new URL(admin);
	url.pathname = `/${name}`;
	const dir = mkdtempSync(join(tmpdir(), 'bench-chain-'));
	const store = await openStore({ dataDir: dir, env: { DATABASE_URL: url.toString() } });
	await measure('PostgreSQL', store);
	await store.close();
	await adminQuery(admin, `DROP DATABASE ${name} WITH (FORCE)`);
	rmSync(dir, { recursive: true, force: true });
}
