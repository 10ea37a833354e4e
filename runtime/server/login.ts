// Signing in with a username and password: throttled per username and client address, failures and locks audited.
import { auditEntry } from '../core/audit';
import type { Account } from '../core/store';
import type { App } from './app';
import { lockMessage } from './login-throttle';

export type LoginOutcome = { ok: true; account: Account } | { ok: false; status: 401 | 429; message: string; retryAfterSeconds?: number };

export const WRONG_CREDENTIALS = '用户名或密码错误';

/** actor id of audit entries for sign-ins to a username no account has */
export const ANONYMOUS_ACTOR = 'anonymous';

export async function login(app: App, username: string, password: string, address: string): Promise<LoginOutcome> {
	const locked = (waitMs: number): LoginOutcome => ({ ok: false, status: 429, message: lockMessage(waitMs), retryAfterSeconds: Math.ceil(waitMs / 1000) });
	const attempt = await app.loginThrottle.begin(username, address);
	if ('waitMs' in attempt) return locked(attempt.waitMs);
	let account: Account | undefined;
	try {
		account = await app.identity.authenticate({ username, password });
	} catch (e) {
		attempt.release();
		throw e;
	}
	if (account) {
		attempt.succeed();
		return { ok: true, account };
	}
	const { locked: scopes, waitMs } = attempt.fail();
	const at = app.time.now().toISOString();
	// no password in the audit: who was tried, from where
	const actorId = (await app.store.accounts.byUsername(username))?.id ?? ANONYMOUS_ACTOR;
	const detail = { username: username.slice(0, 200), address };
	await app.store.audit.append(auditEntry(at, actorId, 'login.failure', undefined, detail));
	for (const scope of scopes)
		await app.store.audit.append(auditEntry(at, actorId, 'login.lockout', undefined, { ...detail, scope, minutes: Math.ceil(waitMs / 60e3) }));
	return scopes.length ? locked(waitMs) : { ok: false, status: 401, message: WRONG_CREDENTIALS };
}
