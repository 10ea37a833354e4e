// Enrolling a second factor while signed in (the account's own choice, or ahead of REQUIRE_2FA).
import { auditEntry } from '../core/audit';
import { HttpError, notFound } from '../core/errors';
import type { App } from './app';
import { accountFingerprint, CHALLENGE_MS, signChallenge, verifyChallenge } from './login-challenge';
import { checkTotp, newTotpSecret, otpauthUri, TOTP_MESSAGES, totpRequired } from './totp';

async function accountOf(app: App, id: string) {
	const account = await app.store.accounts.get(id);
	if (!account) throw notFound('账号');
	return account;
}

export async function enrolmentStatus(app: App, accountId: string) {
	const account = await accountOf(app, accountId);
	return { enrolled: !!account.totp, enrolledAt: account.totp?.enrolledAt, required: totpRequired(account, app.twoFactor), policy: app.twoFactor };
}

export async function startEnrolment(app: App, accountId: string) {
	const account = await accountOf(app, accountId);
	if (account.totp) throw new HttpError(409, '已启用双重验证；如需更换验证器，请联系管理员重置');
	const secret = newTotpSecret();
	const challenge = await signChallenge(app.store, {
		a: account.id,
		k: 'enrol',
		s: secret,
		f: accountFingerprint(account),
		e: app.time.now().getTime() + CHALLENGE_MS
	});
	return { secret, otpauthUri: otpauthUri(account.username, secret), challenge, expiresInSeconds: CHALLENGE_MS / 1000 };
}

/** The enrolment, or why it was refused (`path` names the field). */
export async function confirmEnrolment(
	app: App,
	accountId: string,
	token: string,
	code: string,
	address: string
): Promise<{ enrolled: true; enrolledAt: string } | { enrolled: false; path: string; message: string }> {
	const now = app.time.now();
	const c = await verifyChallenge(app.store, token, now.getTime());
	const account = await accountOf(app, accountId);
	if (!c || c.k !== 'enrol' || !c.s || c.a !== account.id || account.totp || accountFingerprint(account) !== c.f)
		return { enrolled: false, path: 'challenge', message: '启用请求已超时或已失效，请重新开始启用双重验证' };
	const result = checkTotp(c.s, code, now.getTime());
	if (!result.ok) return { enrolled: false, path: 'code', message: TOTP_MESSAGES[result.reason] };
	const enrolledAt = now.toISOString();
	await app.store.accounts.put({ ...account, totp: { secret: c.s, enrolledAt, lastStep: result.step } });
	await app.store.audit.append(auditEntry(enrolledAt, account.id, 'totp.enrol', undefined, { username: account.username, address }));
	return { enrolled: true, enrolledAt };
}
