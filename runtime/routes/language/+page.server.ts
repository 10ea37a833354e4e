// The language switch (中文 / English): a plain form POST sets the cookie and goes back to the page it came from
// (works without JavaScript), like the 大字模式 switch.
import { redirect } from '@sveltejs/kit';
import { guardActions } from '$server/body-limits';
import { setLanguage } from '$server/language';
import { safeRedirectPath } from '$core/safe-redirect';
import { baseLocale, isLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

// nothing to show here: a visit goes home
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = guardActions({
	default: async ({ cookies, url, request }) => {
		const form = await request.formData();
		const asked = form.get('lang')?.toString();
		setLanguage(cookies, url, isLocale(asked) ? asked : baseLocale);
		redirect(303, safeRedirectPath(form.get('next')?.toString(), url.origin));
	}
});
