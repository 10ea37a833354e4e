// Signing in: a username and password, then a TOTP code where the account enrolled one or the policy (REQUIRE_2FA) asks
// for it. Throttled per username and client address (wrong codes count as failures); failures and locks audited.
import { auditEntry } from '../core/audit';
import type { Account } from '../core/store';
import type { App } from './app';
import { accountFingerprint, CHALLENGE_MS, signChallenge, verifyChallenge, type Challenge } from './login-challenge';
import { lockMessage, type Attempt } from './login-throttle';
import { checkTotp, newTotpSecret, otpauthUri, TOTP_MESSAGES, totpRequired } from './totp';

/** What the client is asked for next: the enrolled code, or to enrol (the secret shown once, before enrolment). */
export interface SecondStep {
	needs: 'totp' | 'totp-enrol';
	/** send back with `code` (the password need not be sent again) */
	challenge: string;
	enrol?: { secret: string; otpauthUri: string };
}

export type LoginOutcome =
	{ ok: true; account: Account } | ({ ok: false; status: 401 | 429; message: string; retryAfterSeconds?: number } & Partial<SecondStep>);

export interface LoginInput {
	username?: string;
	password?: string;
	code?: string;
	challenge?: string;
}

export const WRONG_CREDENTIALS = '用户名或密码错误';
export const NEEDS_TOTP = '请输入身份验证器应用上显示的 6 位动态验证码';
export const NEEDS_ENROL = '您的账号须启用双重验证：请在身份验证器应用中添加下列密钥，然后输入应用显示的 6 位动态验证码';
export const CHALLENGE_EXPIRED = '验证已超时或已失效，请重新输入用户名和密码';

/** actor id of audit entries for sign-ins to a username no account has */
export const ANONYMOUS_ACTOR = 'anonymous';

const locked = (waitMs: number): LoginOutcome => ({ ok: false, status: 429, message: lockMessage(waitMs), retryAfterSeconds: Math.ceil(waitMs / 1000) });

export async function login(app: App, input: LoginInput, address: string): Promise<LoginOutcome> {
	if (input.challenge) return answerChallenge(app, input.challenge, input.code, address);
	const username = input.username ?? '';
	const attempt = await app.loginThrottle.begin(username, address);
	if ('waitMs' in attempt) return locked(attempt.waitMs);
	let account: Account | undefined;
	try {
		account = await app.identity.authenticate({ username, password: input.password ?? '' });
	} catch (e) {
		attempt.release();
		throw e;
	}
	if (!account) {
		// no password in the audit: who was tried, from where
		const actorId = (await app.store.accounts.byUsername(username))?.id ?? ANONYMOUS_ACTOR;
		return recordFailure(
			app,
			attempt,
			actorId,
			'login.failure',
			{ username: username.slice(0, 200), address },
			{ ok: false, status: 401, message: WRONG_CREDENTIALS }
		);
	}
	if (account.totp) {
		if (input.code) return checkCode(app, account, { a: account.id, k: 'totp' }, input.code, attempt, address);
		attempt.release();
		return secondStep(app, account, NEEDS_TOTP, { a: account.id, k: 'totp' });
	}
	if (totpRequired(account, app.twoFactor)) {
		attempt.release();
		const secret = newTotpSecret();
		return secondStep(app, account, NEEDS_ENROL, { a: account.id, k: 'enrol', s: secret });
	}
	attempt.succeed();
	return { ok: true, account };
}

async function secondStep(app: App, account: Account, message: string, c: Pick<Challenge, 'a' | 'k' | 's'>): Promise<LoginOutcome> {
	const challenge = await signChallenge(app.store, { ...c, f: accountFingerprint(account), e: app.time.now().getTime() + CHALLENGE_MS });
	return {
		ok: false,
		status: 401,
		message,
		needs: c.k === 'enrol' ? 'totp-enrol' : 'totp',
		challenge,
		...(c.s ? { enrol: { secret: c.s, otpauthUri: otpauthUri(account.username, c.s) } } : {})
	};
}

async function answerChallenge(app: App, token: string, code: string | undefined, address: string): Promise<LoginOutcome> {
	const c = await verifyChallenge(app.store, token, app.time.now().getTime());
	const account = c && (await app.store.accounts.get(c.a));
	// a password change, a reset or another enrolment since the challenge was issued voids it
	const usable = c && account && accountFingerprint(account) === c.f && (c.k === 'totp' ? !!account.totp : !account.totp && !!c.s);
	if (!usable) return { ok: false, status: 401, message: CHALLENGE_EXPIRED };
	const attempt = await app.loginThrottle.begin(account.username, address);
	if ('waitMs' in attempt) return locked(attempt.waitMs);
	if (!code) {
		attempt.release();
		return secondStep(app, account, c.k === 'enrol' ? NEEDS_ENROL : NEEDS_TOTP, c);
	}
	return checkCode(app, account, c, code, attempt, address);
}

// one code check per account at a time in this process: two requests with the same code cannot both pass
const checking = new Map<string, Promise<unknown>>();

function serially<T>(accountId: string, fn: () => Promise<T>): Promise<T> {
	const run = (checking.get(accountId) ?? Promise.resolve()).then(fn, fn);
	const tail = run.catch(() => undefined);
	checking.set(accountId, tail);
	void tail.then(() => checking.get(accountId) === tail && checking.delete(accountId));
	return run;
}

function checkCode(app: App, stale: Account, c: Pick<Challenge, 'a' | 'k' | 's'>, code: string, attempt: Attempt, address: string): Promise<LoginOutcome> {
	return serially(stale.id, async () => {
		let result;
		try {
			const account = (await app.store.accounts.get(stale.id)) ?? stale;
			// enrolled (or reset) by another request meanwhile
			if (c.k === 'enrol' ? account.totp : !account.totp) {
				attempt.release();
				return { ok: false, status: 401, message: CHALLENGE_EXPIRED } as LoginOutcome;
			}
			const secret = c.k === 'enrol' ? c.s! : account.totp?.secret;
			const now = app.time.now();
			result = secret ? checkTotp(secret, code, now.getTime(), c.k === 'enrol' ? undefined : account.totp?.lastStep) : undefined;
			if (result?.ok) {
				const enrolledAt = c.k === 'enrol' ? now.toISOString() : account.totp!.enrolledAt;
				await app.store.accounts.put({ ...account, totp: { secret: secret!, enrolledAt, lastStep: result.step } });
				if (c.k === 'enrol')
					await app.store.audit.append(auditEntry(now.toISOString(), account.id, 'totp.enrol', undefined, { username: account.username, address }));
				attempt.succeed();
				return { ok: true, account } as LoginOutcome;
			}
		} catch (e) {
			attempt.release();
			throw e;
		}
		const reason = result?.reason ?? 'wrong';
		const refused = await secondStep(app, stale, TOTP_MESSAGES[reason], c);
		return recordFailure(app, attempt, stale.id, 'login.totp_failure', { username: stale.username, address, reason }, refused);
	});
}

/** Counts a failure on the throttle and audits it (and any lock it caused); a lock answers 429 instead of `refused`. */
async function recordFailure(
	app: App,
	attempt: Attempt,
	actorId: string,
	action: string,
	detail: Record<string, unknown>,
	refused: LoginOutcome
): Promise<LoginOutcome> {
	const { locked: scopes, waitMs } = attempt.fail();
	const at = app.time.now().toISOString();
	await app.store.audit.append(auditEntry(at, actorId, action, undefined, detail));
	for (const scope of scopes)
		await app.store.audit.append(auditEntry(at, actorId, 'login.lockout', undefined, { ...detail, scope, minutes: Math.ceil(waitMs / 60e3) }));
	return scopes.length ? locked(waitMs) : refused;
}
