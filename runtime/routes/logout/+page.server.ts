import { redirect } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { clearSessionCookie } from '$server/auth';
import { guardActions } from '$server/body-limits';
import type { Actions } from './$types';

export const actions: Actions = guardActions({
	default: async ({ cookies, url }) => {
		await (await getApp()).sessions.end(cookies.get('session'));
		clearSessionCookie(cookies, url);
		redirect(303, '/');
	}
});
