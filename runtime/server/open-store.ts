// Picks the store from the environment: STORE=lowdb → one JSON file (small pilots); DATABASE_URL → a PostgreSQL server;
// otherwise the embedded PostgreSQL (PGlite) in DATA_DIR/pg, so `npm start` needs nothing else.
// Personal identifiers are sealed at the store's boundary with PII_KEY (pii.ts); a key that does not fit the stored data
// stops the start here with what to do, before anything is read.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../core/store';
import { openLowdbStore } from './lowdb-store';
import { PiiCipher, piiKeyConfig, piiKeyRecord, verifyKeyRecord, type PiiKeyRecord } from './pii';

export { piiKeyRecord };
import { PiiCodec, PiiFields, type ResealPii } from './pii-records';
import { pgliteDriver, postgresDriver } from './sql/driver';
import { openSqlStore } from './sql/store';

export interface StoreOptions {
	dataDir: string;
	env?: Record<string, string | undefined>;
	/** the form fields that hold personal identifiers (PiiFields.fromCatalog); ID and mobile numbers are sealed anywhere without it */
	piiFields?: PiiFields;
	/** progress of the one-off sealing of data written before encryption */
	log?: (line: string) => void;
}

export type StoreKind = 'lowdb' | 'postgres' | 'pglite';

/** A store plus its maintenance: resealing every personal identifier with the current key (npm run pii:rotate). */
export type OpenedStore = Store & { resealPii: ResealPii; pii: PiiCodec };

export function storeKind(env: Record<string, string | undefined> = process.env): StoreKind {
	const chosen = env.STORE?.trim();
	if (chosen === 'lowdb' || chosen === 'postgres' || chosen === 'pglite') return chosen;
	if (chosen) throw new Error(`STORE=${chosen}: expected lowdb, pglite or postgres`);
	return env.DATABASE_URL ? 'postgres' : 'pglite';
}

export async function openStore({ dataDir, env = process.env, piiFields, log = console.log }: StoreOptions): Promise<OpenedStore> {
	const kind = storeKind(env);
	mkdirSync(dataDir, { recursive: true });
	const keys = piiKeyConfig(env, dataDir);
	const pii = new PiiCodec(new PiiCipher(keys.keys, keys.suite), piiFields);
	let store: Store & { resealPii: ResealPii };
	if (kind === 'lowdb') store = await openLowdbStore(dataDir, pii, { restoreFromBackup: env.STORE_RESTORE_BACKUP === '1' });
	else if (kind === 'postgres') {
		if (!env.DATABASE_URL) throw new Error('STORE=postgres needs DATABASE_URL');
		store = await openSqlStore(await postgresDriver(env.DATABASE_URL), dataDir, pii);
	} else {
		mkdirSync(join(dataDir, 'pg'), { recursive: true });
		store = await openSqlStore(await pgliteDriver(join(dataDir, 'pg')), dataDir, pii);
	}
	try {
		await checkPiiKey(store, pii.cipher, log);
	} catch (e) {
		await store.close();
		throw e;
	}
	return Object.assign(store, { pii });
}

/**
 * Refuses a PII_KEY that cannot open the stored data; seals what a store written before encryption holds, once; remembers
 * a new current key (rotation: old keys stay needed until `npm run pii:rotate` has resealed everything).
 */
async function checkPiiKey(store: Store & { resealPii: ResealPii }, cipher: PiiCipher, log: (line: string) => void) {
	const rec = await store.meta.get<PiiKeyRecord>('pii');
	if (!rec) {
		const n = await store.resealPii(log);
		if (n) log(`已加密此前以明文保存的个人信息（${n} 条记录）`);
		await store.meta.set('pii', piiKeyRecord(cipher));
		return;
	}
	verifyKeyRecord(rec, cipher);
	if (!rec.keyIds.includes(cipher.keyId)) await store.meta.set('pii', { ...rec, keyIds: [cipher.keyId, ...rec.keyIds] });
}
