// The second step of a sign-in without keeping the password: after the password is right the client gets a signed,
// short-lived challenge naming the account (and, for enrolment, the new secret); it comes back with the code.
// HMAC-SHA256 with a key kept in the store's meta (signed-token.ts), so every app process accepts every other's challenges.
import { createHash } from 'node:crypto';
import type { Account, Store } from '../core/store';
import { tokenSigner } from './signed-token';

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

const signer = tokenSigner<Challenge>(KEY);

export const signChallenge = (store: Store, c: Challenge): Promise<string> => signer.sign(store, c);

/** The challenge when its signature is ours and it has not expired at `nowMs`; undefined otherwise. */
export async function verifyChallenge(store: Store, token: string, nowMs: number): Promise<Challenge | undefined> {
	if (token.length > 2000) return undefined;
	const c = await signer.verify(store, token, nowMs);
	return c && typeof c.a === 'string' ? c : undefined;
}
