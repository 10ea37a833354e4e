import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Store } from '../../runtime/core/store';
import { openStore } from '../../runtime/server/open-store';
import { storeContract } from './store.contract';
import { auditChainContract } from './audit-chain.contract';

const dirs = new Map<Store, string>();
const env = { STORE: 'lowdb' };
const openIn = async (dir: string) => {
	const store = await openStore({ dataDir: dir, env });
	dirs.set(store, dir);
	return store;
};

const fresh = () => openIn(mkdtempSync(join(tmpdir(), 'contract-lowdb-')));
const reopen = (closed: Store) => openIn(dirs.get(closed)!);
storeContract('lowdb', fresh, { reopen });

auditChainContract(fresh, {
	reopen,
	// edits store.json as someone with access to the disk would
	tamper: async (closed, seq, how) => {
		const file = join(dirs.get(closed)!, 'store.json');
		const data = JSON.parse(readFileSync(file, 'utf8'));
		const i = data.audit.findIndex((e: { chain?: { seq: number } }) => e.chain?.seq === seq);
		if (i < 0) throw new Error(`no sealed entry ${seq}`);
		if (how === 'delete') data.audit.splice(i, 1);
		else data.audit[i].detail = { tampered: true };
		writeFileSync(file, JSON.stringify(data));
	}
});

afterAll(() => {
	for (const dir of new Set(dirs.values())) rmSync(dir, { recursive: true, force: true });
});
