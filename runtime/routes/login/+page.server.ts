import { fail, redirect } from '@sveltejs/kit';
import { safeRedirectPath } from '$core/safe-redirect';
import { getApp } from '$server/app';
import { setSessionCookie } from '$server/auth';
import { guardActions } from '$server/body-limits';
import { login } from '$server/login';
import type { Actions } from './$types';

export const actions: Actions = guardActions({
	default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!username || !password) return fail(400, { username, message: '请输入用户名和密码' });
		if (username.length > 200 || password.length > 1024) return fail(400, { username: '', message: '用户名不超过 200 个字符，密码不超过 1024 个字符' });
		const app = await getApp();
		const outcome = await login(app, username, password, getClientAddress());
		if (!outcome.ok) {
			if (outcome.retryAfterSeconds) setHeaders({ 'retry-after': String(outcome.retryAfterSeconds) });
			return fail(outcome.status, { username, message: outcome.message });
		}
		const { account } = outcome;
		const { token, expiresAt } = await app.sessions.issue(account.id);
		setSessionCookie(cookies, url, token, expiresAt);
		const staff = account.roles.some((r) => r !== 'applicant' && r !== 'admin');
		const home = staff ? '/workbench' : account.roles.includes('admin') ? '/studio' : '/cases';
		redirect(303, safeRedirectPath(url.searchParams.get('next'), url.origin, home));
	}
});
