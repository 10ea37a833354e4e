import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Account, Actor, Store } from '../core/store';

export function hashPassword(password: string): string {
	const salt = randomBytes(16).toString('hex');
	return `scrypt$${salt}$${scryptSync(password, salt, 32).toString('hex')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
	const [scheme, salt, hash] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !hash) return false;
	const a = Buffer.from(hash, 'hex');
	const b = scryptSync(password, salt, 32);
	return a.length === b.length && timingSafeEqual(a, b);
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
	constructor(private store: Store) {}
	async authenticate({ username, password }: { username: string; password: string }) {
		const account = await this.store.accounts.byUsername(username);
		return account && verifyPassword(password, account.passwordHash) ? account : undefined;
	}
}

const SESSION_HOURS = 12;
const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

/** Sessions kept in the store: every app process sees them, and signing out ends one at once. */
export class Sessions {
	constructor(
		private store: Store,
		private now: () => Date
	) {}
	async issue(accountId: string): Promise<{ token: string; expiresAt: string }> {
		const token = randomBytes(32).toString('base64url');
		const now = this.now();
		const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600e3).toISOString();
		await this.store.sessions.create({ id: tokenId(token), accountId, createdAt: now.toISOString(), expiresAt });
		return { token, expiresAt };
	}
	/** the account id of a live session */
	async verify(token: string | undefined | null): Promise<string | undefined> {
		if (!token || token.length > 200) return undefined;
		return (await this.store.sessions.get(tokenId(token), this.now().toISOString()))?.accountId;
	}
	async end(token: string | undefined | null): Promise<void> {
		if (token) await this.store.sessions.delete(tokenId(token));
	}
}

export function actorOf(a: Account): Actor {
	return { id: a.id, name: a.name, roles: a.roles, department: a.department };
}
