import { z } from 'zod';
import { HttpError } from '$core/errors';
import { actorOf } from '$server/auth';
import { api, parseBody, readJson } from '$server/http';

const Credentials = z.strictObject({ username: z.string().min(1, '请输入用户名'), password: z.string().min(1, '请输入密码') });

export const POST = api(
	async ({ app, event }) => {
		const creds = parseBody(Credentials, await readJson(event.request));
		const account = await app.identity.authenticate(creds);
		if (!account) throw new HttpError(401, '用户名或密码错误');
		const { token, expiresAt } = await app.sessions.issue(account.id);
		event.cookies.set('session', token, { path: '/', httpOnly: true, sameSite: 'lax', secure: false, expires: new Date(expiresAt) });
		return { token, expiresAt, actor: actorOf(account), profile: account.profile };
	},
	{ auth: false }
);

export const GET = api(async ({ actor }) => ({ actor }));

export const DELETE = api(
	async ({ app, event }) => {
		await app.sessions.end(event.request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') || event.cookies.get('session'));
		event.cookies.delete('session', { path: '/' });
		return { ok: true };
	},
	{ auth: false }
);
