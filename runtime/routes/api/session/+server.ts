import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { HttpError } from '$core/errors';
import { actorOf, clearSessionCookie, requestToken, setSessionCookie } from '$server/auth';
import { api, parseBody, readJson } from '$server/http';
import { login } from '$server/login';

const Credentials = z
	.strictObject({
		username: z.string().trim().max(200, '用户名不超过 200 个字符').optional(),
		password: z.string().max(1024, '密码不超过 1024 个字符').optional(),
		code: z.string().max(20, '动态验证码不超过 20 个字符').optional(),
		challenge: z.string().max(2000, 'challenge 不超过 2000 个字符').optional()
	})
	.superRefine((c, ctx) => {
		if (c.challenge) return; // the second step: the password was checked already
		if (!c.username) ctx.addIssue({ code: 'custom', path: ['username'], message: '请输入用户名' });
		if (!c.password) ctx.addIssue({ code: 'custom', path: ['password'], message: '请输入密码' });
	});

/**
 * Signs in: 401 for a wrong username or password; 429 with the wait (and Retry-After) while the username or address is
 * locked. An account with two-factor sign-in answers 401 with `needs: 'totp'` (send `code`, with the password again or
 * with the returned `challenge`) or `needs: 'totp-enrol'` (the new secret and otpauth URI: confirm with `challenge` and `code`).
 */
export const POST = api(
	async ({ app, event }) => {
		const creds = parseBody(Credentials, await readJson(event.request));
		const outcome = await login(app, creds, event.getClientAddress());
		if (!outcome.ok) {
			if (outcome.status === 429)
				return json(
					{ message: outcome.message, retryAfterSeconds: outcome.retryAfterSeconds },
					{ status: 429, headers: { 'retry-after': String(outcome.retryAfterSeconds) } }
				);
			const { needs, challenge, enrol } = outcome;
			throw new HttpError(outcome.status, outcome.message, undefined, needs ? { needs, challenge, ...(enrol ? { enrol } : {}) } : undefined);
		}
		const { account } = outcome;
		const { token, expiresAt } = await app.sessions.issue(account.id);
		setSessionCookie(event.cookies, event.url, token, expiresAt);
		return { token, expiresAt, actor: actorOf(account), profile: account.profile };
	},
	{ auth: false }
);

export const GET = api(async ({ actor }) => ({ actor }));

/** Signs out: the session (bearer or cookie) ends at once for every process. */
export const DELETE = api(
	async ({ app, event }) => {
		await app.sessions.end(requestToken(event.request, event.cookies));
		clearSessionCookie(event.cookies, event.url);
		return { ok: true };
	},
	{ auth: false }
);
