// The second step of a sign-in without keeping the password: after the password is right the client gets a signed,
// short-lived challenge naming the account (and, for enrolment, the new secret); it comes back with the code.
// HMAC-SHA256 with a key kept in the store's meta, so every app process accepts every other's challenges.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Account, Store } from '../core/store';

/** how long a challenge can be answered */
export const CHALLENGE_MS = 5 * 60e3;
const KEY = 'loginChallengeKey';

export interface Challenge {
	/** account id */
	a: string;
	/** totp: the enrolled code is asked; enrol: a new secret is being confirmed */
	k: 'totp' | 'enrol';
	/** the secret being enrolled (enrol only) */
	s?: string;
	/** the account's password and second factor when issued: a change since makes the challenge void */
	f: string;
	/** expiry, ms since the epoch */
	e: number;
}

/** What a challenge is bound to: the password hash and the enrolment (reset or a new enrolment voids older challenges). */
export const accountFingerprint = (a: Account) =>
	createHash('sha256')
		.update(`${a.passwordHash}\u0000${a.totp?.enrolledAt ?? ''}`)
		.digest('base64url')
		.slice(0, 22);

const keys = new WeakMap<Store, Promise<Buffer>>();
const reloadedAt = new WeakMap<Store, number>();

async function loadKey(store: Store): Promise<Buffer> {
	let hex = await store.meta.get<string>(KEY);
	if (!hex) {
		await store.meta.set(KEY, randomBytes(32).toString('hex'));
		// two processes starting together: whichever wrote last is the key (verify() reloads once on a mismatch)
		hex = (await store.meta.get<string>(KEY))!;
	}
	return Buffer.from(hex, 'hex');
}

/** the cached key; `reload` reads it again, at most once a minute (so forged challenges cannot make every request read) */
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

export async function signChallenge(store: Store, c: Challenge): Promise<string> {
	const body = Buffer.from(JSON.stringify(c)).toString('base64url');
	return `${body}.${mac(await keyOf(store), body).toString('base64url')}`;
}

/** The challenge when its signature is ours and it has not expired at `nowMs`; undefined otherwise. */
export async function verifyChallenge(store: Store, token: string, nowMs: number): Promise<Challenge | undefined> {
	const [body, sig, extra] = token.split('.');
	if (!body || !sig || extra !== undefined || token.length > 2000) return undefined;
	const given = Buffer.from(sig, 'base64url');
	const matches = (key: Buffer) => {
		const expected = mac(key, body);
		return given.length === expected.length && timingSafeEqual(given, expected);
	};
	if (!matches(await keyOf(store)) && !matches(await keyOf(store, true))) return undefined;
	try {
		const c = JSON.parse(Buffer.from(body, 'base64url').toString()) as Challenge;
		return typeof c.e === 'number' && c.e > nowMs && typeof c.a === 'string' ? c : undefined;
	} catch {
		return undefined;
	}
}
