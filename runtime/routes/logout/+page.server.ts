import { redirect } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { guardActions } from '$server/body-limits';
import type { Actions } from './$types';

export const actions: Actions = guardActions({
	default: async ({ cookies }) => {
		await (await getApp()).sessions.end(cookies.get('session'));
		cookies.delete('session', { path: '/' });
		redirect(303, '/');
	}
});
