import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Cookies } from '@sveltejs/kit';
import type { Account, Actor, Store } from '../core/store';
import { sessionLimits, type SessionLimits } from './security-config';

const scryptAsync = promisify(scrypt) as (password: string, salt: string, keylen: number) => Promise<Buffer>;
const KEY_LENGTH = 32;

/** Synchronous: only for seeding and scripts, never on the request path. */
export function hashPassword(password: string): string {
	const salt = randomBytes(16).toString('hex');
	return `scrypt$${salt}$${scryptSync(password, salt, KEY_LENGTH).toString('hex')}`;
}

/** The same hash as hashPassword, computed on libuv's thread pool (for any password change at run time). */
export async function hashPasswordAsync(password: string): Promise<string> {
	const salt = randomBytes(16).toString('hex');
	return `scrypt$${salt}$${(await scryptAsync(password, salt, KEY_LENGTH)).toString('hex')}`;
}

const parseHash = (stored: string | undefined) => {
	const [scheme, salt, hash] = (stored ?? '').split('$');
	return scheme === 'scrypt' && salt && hash && /^[0-9a-f]{64}$/.test(hash) ? { salt, hash: Buffer.from(hash, 'hex') } : undefined;
};

// a hash no password matches: unknown users and unusable hashes cost the same scrypt work as real ones
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPasswordAsync(randomBytes(32).toString('hex')));

/** Checks a password without blocking the event loop; an unusable stored hash costs the same work and fails. */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
	const parsed = parseHash(stored);
	const { salt, hash } = parsed ?? parseHash(await dummyHash())!;
	const actual = await scryptAsync(password, salt, KEY_LENGTH);
	return !!parsed && timingSafeEqual(hash, actual);
}

/** Pluggable identity: the local provider now; an OIDC provider (unified government identity) implements the same. */
export interface IdentityProvider {
	readonly id: string;
	authenticate(credentials: { username: string; password: string }): Promise<Account | undefined>;
}

/**
 * A redirect-based provider (OpenID Connect authorization code flow) for a unified government identity service:
 * the login page sends the browser to `authorizationUrl`, the callback route calls `signIn` with the returned code.
 * The local provider below serves the demo; an OIDC implementation plugs in here without touching the core.
 */
export interface RedirectIdentityProvider {
	readonly id: string;
	readonly label: string;
	authorizationUrl(state: string, redirectUri: string): Promise<string>;
	/** exchanges the code, verifies the ID token, and finds or creates the local account for its subject */
	signIn(code: string, redirectUri: string): Promise<Account>;
}

export class LocalIdentityProvider implements IdentityProvider {
	readonly id = 'local';
	constructor(private store: Store) {
		void dummyHash(); // ready before the first sign-in, so that one is not slower for an unknown user
	}
	async authenticate({ username, password }: { username: string; password: string }) {
		const account = await this.store.accounts.byUsername(username);
		// the same scrypt work whether or not the user exists: response time does not tell
		const ok = await verifyPassword(password, account?.passwordHash);
		return account && ok ? account : undefined;
	}
}

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Sessions kept in the store: every app process sees them, and signing out, an administrator's revoke or a password
 * change ends them at once. A session ends at its absolute expiry or after `idleMs` without a request; its last-seen
 * time is written at most once per `touchMs` (a minute by default), not on every request.
 */
export class Sessions {
	readonly limits: SessionLimits;
	constructor(
		private store: Store,
		private now: () => Date,
		limits: Partial<SessionLimits> = {}
	) {
		this.limits = { ...sessionLimits(), ...limits };
	}
	async issue(accountId: string): Promise<{ token: string; expiresAt: string }> {
		const token = randomBytes(32).toString('base64url');
		const now = this.now();
		const at = now.toISOString();
		const expiresAt = new Date(now.getTime() + this.limits.absoluteMs).toISOString();
		await this.store.sessions.create({ id: tokenId(token), accountId, createdAt: at, lastSeenAt: at, expiresAt });
		return { token, expiresAt };
	}
	/** the account id of a live session; an idle one is ended */
	async verify(token: string | undefined | null): Promise<string | undefined> {
		return (await this.live(token))?.session.accountId;
	}
	/** the account of a live session (one read); an idle session is ended */
	async signedIn(token: string | undefined | null): Promise<Account | undefined> {
		return (await this.live(token))?.account;
	}
	private async live(token: string | undefined | null) {
		if (!token || token.length > 200) return undefined;
		const id = tokenId(token);
		const now = this.now();
		const found = await this.store.sessions.withAccount(id, now.toISOString());
		if (!found) return undefined;
		const { session } = found;
		const idle = now.getTime() - Date.parse(session.lastSeenAt);
		if (idle > this.limits.idleMs) {
			await this.store.sessions.delete(id);
			return undefined;
		}
		if (idle >= Math.min(this.limits.touchMs, this.limits.idleMs / 2)) await this.store.sessions.touch(id, now.toISOString());
		return found;
	}
	async end(token: string | undefined | null): Promise<void> {
		if (token) await this.store.sessions.delete(tokenId(token));
	}
	/** ends every session of an account (administrator's revoke, password change); returns how many */
	endAll(accountId: string): Promise<number> {
		return this.store.sessions.deleteForAccount(accountId);
	}
}

/** The session cookie: HttpOnly, SameSite=Lax, Secure when the request came over HTTPS (ORIGIN or PROTOCOL_HEADER). */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: string) {
	cookies.set('session', token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', expires: new Date(expiresAt) });
}

export function clearSessionCookie(cookies: Cookies, url: URL) {
	cookies.delete('session', { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
}

/** The token a request carries: a bearer header first, else the session cookie. */
export function requestToken(request: Request, cookies: Cookies): string | undefined {
	return request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') || cookies.get('session');
}

export function actorOf(a: Account): Actor {
	return { id: a.id, name: a.name, roles: a.roles, department: a.department };
}
