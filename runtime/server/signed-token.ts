// Short-lived signed tokens (HMAC-SHA256) with a key kept in the store's meta, so every app process accepts every other's:
// the sign-in challenge (login-challenge.ts) and the front desk's filing for a citizen (on-behalf.ts), each with its own key.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../core/store';

/** Signs and checks tokens whose payload carries its expiry `e` (ms since the epoch), under the meta key `keyName`. */
export function tokenSigner<T extends { e: number }>(keyName: string) {
	const keys = new WeakMap<Store, Promise<Buffer>>();
	const reloadedAt = new WeakMap<Store, number>();

	async function loadKey(store: Store): Promise<Buffer> {
		let hex = await store.meta.get<string>(keyName);
		if (!hex) {
			await store.meta.set(keyName, randomBytes(32).toString('hex'));
			// two processes starting together: whichever wrote last is the key (verify() reloads once on a mismatch)
			hex = (await store.meta.get<string>(keyName))!;
		}
		return Buffer.from(hex, 'hex');
	}

	/** the cached key; `reload` reads it again, at most once a minute (so forged tokens cannot make every request read) */
	const keyOf = (store: Store, reload = false) => {
		let key = keys.get(store);
		if (reload && Date.now() - (reloadedAt.get(store) ?? 0) < 60e3) return key!;
		if (!key || reload) {
			if (reload) reloadedAt.set(store, Date.now());
			keys.set(store, (key = loadKey(store)));
		}
		return key;
	};

	const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest();

	return {
		async sign(store: Store, payload: T): Promise<string> {
			const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
			return `${body}.${mac(await keyOf(store), body).toString('base64url')}`;
		},
		/** the payload when the signature is ours and it has not expired at `nowMs`; undefined otherwise */
		async verify(store: Store, token: string, nowMs: number): Promise<T | undefined> {
			const [body, sig, extra] = token.split('.');
			if (!body || !sig || extra !== undefined || token.length > 4000) return undefined;
			const given = Buffer.from(sig, 'base64url');
			const matches = (key: Buffer) => {
				const expected = mac(key, body);
				return given.length === expected.length && timingSafeEqual(given, expected);
			};
			if (!matches(await keyOf(store)) && !matches(await keyOf(store, true))) return undefined;
			try {
				const p = JSON.parse(Buffer.from(body, 'base64url').toString()) as T;
				return typeof p.e === 'number' && p.e > nowMs ? p : undefined;
			} catch {
				return undefined;
			}
		}
	};
}
