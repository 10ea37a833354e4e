import { fail, redirect } from '@sveltejs/kit';
import { safeRedirectPath } from '$core/safe-redirect';
import { getApp } from '$server/app';
import { setSessionCookie } from '$server/auth';
import { guardActions } from '$server/body-limits';
import { login, type SecondStep } from '$server/login';
import type { Actions } from './$types';

/** what a refused post shows: the message, and the second step when the password was right */
type LoginForm = { username: string; message: string } & Partial<SecondStep>;
const refuse = (status: number, data: LoginForm) => fail(status, data);

export const actions: Actions = guardActions({
	/** step 1: username and password; step 2 (two-factor accounts): the challenge it returned and the code */
	default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const challenge = String(form.get('challenge') ?? '');
		const code = String(form.get('code') ?? '').trim();
		if (challenge) {
			if (challenge.length > 2000 || code.length > 20) return refuse(400, { username: '', message: '动态验证码应为 6 位数字' });
		} else {
			if (!username || !password) return refuse(400, { username, message: '请输入用户名和密码' });
			if (username.length > 200 || password.length > 1024) return refuse(400, { username: '', message: '用户名不超过 200 个字符，密码不超过 1024 个字符' });
		}
		const app = await getApp();
		const outcome = await login(app, challenge ? { challenge, code } : { username, password }, getClientAddress());
		if (!outcome.ok) {
			if (outcome.retryAfterSeconds) setHeaders({ 'retry-after': String(outcome.retryAfterSeconds) });
			const { needs, challenge: next, enrol } = outcome;
			return refuse(outcome.status, { username, message: outcome.message, ...(needs ? { needs, challenge: next, enrol } : {}) });
		}
		const { account } = outcome;
		const { token, expiresAt } = await app.sessions.issue(account.id);
		setSessionCookie(cookies, url, token, expiresAt);
		const staff = account.roles.some((r) => r !== 'applicant' && r !== 'admin');
		const home = staff ? '/workbench' : account.roles.includes('admin') ? '/studio' : '/cases';
		redirect(303, safeRedirectPath(url.searchParams.get('next'), url.origin, home));
	}
});
