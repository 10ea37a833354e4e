import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Store } from '../../runtime/core/store';
import { openStore } from '../../runtime/server/open-store';
import { storeContract } from './store.contract';

const dirs = new Map<Store, string>();
const env = {};
const openIn = async (dir: string) => {
	const store = await openStore({ dataDir: dir, env });
	dirs.set(store, dir);
	return store;
};

storeContract('pglite', () => openIn(mkdtempSync(join(tmpdir(), 'contract-pglite-'))), { reopen: (closed) => openIn(dirs.get(closed)!) });

afterAll(() => {
	for (const dir of new Set(dirs.values())) rmSync(dir, { recursive: true, force: true });
});
