// Picks the store from the environment: STORE=lowdb → one JSON file (small pilots); DATABASE_URL → a PostgreSQL server;
// otherwise the embedded PostgreSQL (PGlite) in DATA_DIR/pg, so `npm start` needs nothing else.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../core/store';
import { openLowdbStore } from './lowdb-store';
import { pgliteDriver, postgresDriver } from './sql/driver';
import { openSqlStore } from './sql/store';

export interface StoreOptions {
	dataDir: string;
	env?: Record<string, string | undefined>;
}

export type StoreKind = 'lowdb' | 'postgres' | 'pglite';

export function storeKind(env: Record<string, string | undefined> = process.env): StoreKind {
	const chosen = env.STORE?.trim();
	if (chosen === 'lowdb' || chosen === 'postgres' || chosen === 'pglite') return chosen;
	if (chosen) throw new Error(`STORE=${chosen}: expected lowdb, pglite or postgres`);
	return env.DATABASE_URL ? 'postgres' : 'pglite';
}

export async function openStore({ dataDir, env = process.env }: StoreOptions): Promise<Store> {
	const kind = storeKind(env);
	if (kind === 'lowdb') return openLowdbStore(dataDir, { restoreFromBackup: env.STORE_RESTORE_BACKUP === '1' });
	if (kind === 'postgres') {
		if (!env.DATABASE_URL) throw new Error('STORE=postgres needs DATABASE_URL');
		return openSqlStore(await postgresDriver(env.DATABASE_URL), dataDir);
	}
	mkdirSync(join(dataDir, 'pg'), { recursive: true });
	return openSqlStore(await pgliteDriver(join(dataDir, 'pg')), dataDir);
}
