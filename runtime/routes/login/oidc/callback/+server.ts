import { error, redirect } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { setSessionCookie } from '$server/auth';
import { finishOidc, OIDC_COOKIE } from '$server/oidc';
import { oidcConfig } from '$server/oidc-config';
import { homeOf } from '$server/login-home';
import type { RequestHandler } from './$types';

/** The provider's answer: a session and on to `next` (or the account's home); a refusal back to /login with its reason. */
export const GET: RequestHandler = async ({ url, cookies }) => {
	const cfg = oidcConfig();
	if (!cfg) error(404, '未配置统一身份认证');
	const app = await getApp();
	const outcome = await finishOidc(app, cfg, url, cookies.get(OIDC_COOKIE), url.origin);
	cookies.delete(OIDC_COOKIE, { path: '/login/oidc', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
	if (!outcome.ok) {
		// the detail stays in the log: a link cannot put the provider's words on our page
		if (outcome.detail) console.warn(`统一身份认证登录被拒（${outcome.reason}）：${outcome.detail}`);
		redirect(303, `/login?oidc=${outcome.reason}`);
	}
	const { token, expiresAt } = await app.sessions.issue(outcome.account.id);
	setSessionCookie(cookies, url, token, expiresAt);
	redirect(303, outcome.next || homeOf(outcome.account));
};
