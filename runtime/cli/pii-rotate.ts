// npm run pii:rotate — reseals every stored personal identifier with PII_KEY and records it as the only key the data needs.
// Rotation: generate a new key (openssl rand -base64 32), restart every server with PII_KEY=<new> and PII_OLD_KEYS=<old>
// (they read both and write with the new one), run this (PGlite and lowdb: with the server stopped, they are one process's),
// then remove the old key from PII_OLD_KEYS. Also after CRYPTO_SUITE changes, to bring old values to the new suite.
import { resolve } from 'node:path';
import { openStore, piiKeyRecord, type OpenedStore } from '../server/open-store';
import { runMain } from './run-main';

/** Reseals everything with the current key and records it as the only one the data needs; returns the rows rewritten. */
export async function rotatePii(store: OpenedStore, log: (line: string) => void = () => {}): Promise<number> {
	const cipher = store.pii.cipher;
	log(`用密钥 ${cipher.keyId}（${cipher.suite === 'gm' ? '国密 SM4' : 'AES-256-GCM'}）重新加密个人信息…`);
	const n = await store.resealPii(log);
	await store.meta.set('pii', piiKeyRecord(cipher));
	const old = cipher.keyIds.slice(1);
	log(`完成：${n} 条记录已重新加密。${old.length ? `数据不再需要旧密钥 ${old.join('、')}，可以从 PII_OLD_KEYS 中移除。` : ''}`);
	return n;
}

async function main() {
	const store = await openStore({ dataDir: resolve(process.env.DATA_DIR ?? 'data') });
	try {
		await rotatePii(store, (line) => console.log(line));
		return 0;
	} finally {
		await store.close();
	}
}

runMain(import.meta.url, main, '', 1);
