import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { HttpError } from '$core/errors';
import { actorOf, clearSessionCookie, requestToken, setSessionCookie } from '$server/auth';
import { api, parseBody, readJson } from '$server/http';
import { login } from '$server/login';

const Credentials = z.strictObject({
	username: z.string().trim().min(1, '请输入用户名').max(200, '用户名不超过 200 个字符'),
	password: z.string().min(1, '请输入密码').max(1024, '密码不超过 1024 个字符')
});

/** Signs in: 401 for a wrong username or password, 429 with the wait (and Retry-After) while the username or address is locked. */
export const POST = api(
	async ({ app, event }) => {
		const creds = parseBody(Credentials, await readJson(event.request));
		const outcome = await login(app, creds.username, creds.password, event.getClientAddress());
		if (!outcome.ok) {
			if (outcome.status === 429)
				return json(
					{ message: outcome.message, retryAfterSeconds: outcome.retryAfterSeconds },
					{ status: 429, headers: { 'retry-after': String(outcome.retryAfterSeconds) } }
				);
			throw new HttpError(outcome.status, outcome.message);
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
