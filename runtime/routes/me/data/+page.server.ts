import { fail, redirect } from '@sveltejs/kit';
import { isConsentKind } from '$core/consents';
import { getApp } from '$server/app';
import { guardActions } from '$server/body-limits';
import { setConsent } from '$server/consents';
import { personalData } from '$server/personal-data';
import type { Actions, PageServerLoad } from './$types';

const signedIn = (event: Parameters<PageServerLoad>[0] | Parameters<Actions[string]>[0]) => {
	const actor = event.locals.actor;
	if (!actor) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
	return actor;
};

export const load: PageServerLoad = async (event) => {
	const actor = signedIn(event);
	const app = await getApp();
	event.setHeaders({ 'cache-control': 'no-store' });
	return { me: await personalData(app, actor) };
};

export const actions: Actions = guardActions({
	/** gives (given=true) or withdraws a standing consent */
	consent: async (event) => {
		const actor = signedIn(event);
		const form = await event.request.formData();
		const kind = String(form.get('kind') ?? '');
		if (!isConsentKind(kind)) return fail(400, { message: `没有「${kind}」这项授权` });
		const given = form.get('given') === 'true';
		const out = await setConsent(await getApp(), actor, kind, given);
		return { consentDone: given ? '已给予授权' : `已撤回授权，立即生效${out.draftsCleared ? `；已清除 ${out.draftsCleared} 份草稿中选用的电子证照` : ''}` };
	}
});
