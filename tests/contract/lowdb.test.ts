import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Store } from '../../runtime/core/store';
import { openStore } from '../../runtime/server/open-store';
import { storeContract } from './store.contract';

const dirs = new Map<Store, string>();
const env = { STORE: 'lowdb' };
const openIn = async (dir: string) => {
	const store = await openStore({ dataDir: dir, env });
	dirs.set(store, dir);
	return store;
};

storeContract('lowdb', () => openIn(mkdtempSync(join(tmpdir(), 'contract-lowdb-'))), { reopen: (closed) => openIn(dirs.get(closed)!) });

afterAll(() => {
	for (const dir of new Set(dirs.values())) rmSync(dir, { recursive: true, force: true });
});
