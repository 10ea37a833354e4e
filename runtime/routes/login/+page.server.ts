import { fail, redirect } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { guardActions } from '$server/body-limits';
import type { Actions } from './$types';

const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : undefined);

export const actions: Actions = guardActions({
	default: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!username || !password) return fail(400, { username, message: '请输入用户名和密码' });
		const app = await getApp();
		const account = await app.identity.authenticate({ username, password });
		if (!account) return fail(401, { username, message: '用户名或密码错误' });
		const { token, expiresAt } = await app.sessions.issue(account.id);
		cookies.set('session', token, { path: '/', httpOnly: true, sameSite: 'lax', secure: false, expires: new Date(expiresAt) });
		const staff = account.roles.some((r) => r !== 'applicant' && r !== 'admin');
		redirect(303, safeNext(url.searchParams.get('next')) ?? (staff ? '/workbench' : account.roles.includes('admin') ? '/studio' : '/cases'));
	}
});
