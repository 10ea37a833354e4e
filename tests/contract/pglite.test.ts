import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Store } from '../../runtime/core/store';
import { openStore } from '../../runtime/server/open-store';
import { storeContract } from './store.contract';
import { auditChainContract } from './audit-chain.contract';

const dirs = new Map<Store, string>();
const env = {};
const openIn = async (dir: string) => {
	const store = await openStore({ dataDir: dir, env });
	dirs.set(store, dir);
	return store;
};

const fresh = () => openIn(mkdtempSync(join(tmpdir(), 'contract-pglite-')));
const reopen = (closed: Store) => openIn(dirs.get(closed)!);
storeContract('pglite', fresh, { reopen });

auditChainContract(fresh, {
	reopen,
	// opens the closed store's database directly, as someone with access to the data folder would
	tamper: async (closed, seq, how) => {
		const { PGlite } = await import('@electric-sql/pglite');
		const db = await PGlite.create(join(dirs.get(closed)!, 'pg'));
		const r =
			how === 'delete'
				? await db.query('DELETE FROM audit WHERE chain_seq = $1', [seq])
				: await db.query(`UPDATE audit SET detail = '{"tampered": true}'::jsonb WHERE chain_seq = $1`, [seq]);
		await db.close();
		if (r.affectedRows !== 1) throw new Error(`no sealed entry ${seq}`);
	}
});

afterAll(() => {
	for (const dir of new Set(dirs.values())) rmSync(dir, { recursive: true, force: true });
});
