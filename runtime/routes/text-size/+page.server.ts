// The 大字模式 switch: a plain form POST sets the cookie and goes back to the page it came from (works without JavaScript).
import { redirect } from '@sveltejs/kit';
import { guardActions } from '$server/body-limits';
import { setTextSize } from '$server/text-size';
import { safeRedirectPath } from '$core/safe-redirect';
import type { Actions, PageServerLoad } from './$types';

// nothing to show here: a visit goes home
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = guardActions({
	default: async ({ cookies, url, request }) => {
		const form = await request.formData();
		setTextSize(cookies, url, form.get('size') === 'large' ? 'large' : 'standard');
		redirect(303, safeRedirectPath(form.get('next')?.toString(), url.origin));
	}
});
