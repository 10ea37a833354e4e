// Runs only with TEST_DATABASE_URL (or DATABASE_URL): an admin connection, e.g. to the throwaway cluster .ci/run starts.
// Each store gets a fresh, uniquely named database, dropped at the end; nothing else on the server is touched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../runtime/core/store';
import { openStore } from '../../runtime/server/open-store';
import { adminQuery } from '../unit/helpers/postgres';
import { MIGRATIONS } from '../../runtime/server/sql/migrations';
import { storeContract } from './store.contract';
import { auditChainContract } from './audit-chain.contract';

const admin = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
const made: { name: string; url: string; dir: string }[] = [];
const stores = new Map<Store, (typeof made)[number]>();

const openOn = async (db: (typeof made)[number]) => {
	const store = await openStore({ dataDir: db.dir, env: { DATABASE_URL: db.url } });
	stores.set(store, db);
	return store;
};

async function fresh(): Promise<Store> {
	const name = `contract_${process.pid}_${made.length}_${Math.random().toString(36).slice(2, 8)}`;
	await adminQuery(admin!, `CREATE DATABASE ${name}`);
	const url = new URL(admin!);
	url.pathname = `/${name}`;
	const db = { name, url: url.toString(), dir: mkdtempSync(join(tmpdir(), 'contract-pg-')) };
	made.push(db);
	return openOn(db);
}

describe.skipIf(!admin)('postgres (TEST_DATABASE_URL)', () => {
	const reopen = (closed: Store) => openOn(stores.get(closed)!);
	storeContract('postgres', fresh, { reopen });

	auditChainContract(fresh, {
		reopen,
		another: reopen,
		tamper: async (closed, seq, how) => {
			const { default: pg } = await import('pg');
			const client = new pg.Client({ connectionString: stores.get(closed)!.url });
			await client.connect();
			const r =
				how === 'delete'
					? await client.query('DELETE FROM audit WHERE chain_seq = $1', [seq])
					: await client.query(`UPDATE audit SET detail = '{"tampered": true}'::jsonb WHERE chain_seq = $1`, [seq]);
			await client.end();
			if (r.rowCount !== 1) throw new Error(`no sealed entry ${seq}`);
		}
	});

	it('migrates once when two processes open one new database together', async () => {
		const first = await fresh();
		const db = stores.get(first)!;
		await first.close();
		await adminQuery(admin!, `DROP DATABASE ${db.name} WITH (FORCE)`);
		await adminQuery(admin!, `CREATE DATABASE ${db.name}`);
		const both = await Promise.all([openOn(db), openOn(db), openOn(db)]);
		const { default: pg } = await import('pg');
		const client = new pg.Client({ connectionString: db.url });
		await client.connect();
		const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
		await client.end();
		expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
		await Promise.all(both.map((s) => s.close()));
	});
});

afterAll(async () => {
	for (const db of made) {
		await adminQuery(admin!, `DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`);
		rmSync(db.dir, { recursive: true, force: true });
	}
});
