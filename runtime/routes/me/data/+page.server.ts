import { fail } from '@sveltejs/kit';
import { isConsentKind } from '$core/consents';
import { getApp } from '$server/app';
import { requireSignedIn } from '$server/staff';
import { guardActions } from '$server/body-limits';
import { setConsent } from '$server/consents';
import { personalData } from '$server/personal-data';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async (event) => {
	const actor = requireSignedIn(event);
	const app = await getApp();
	event.setHeaders({ 'cache-control': 'no-store' });
	return { me: await personalData(app, actor) };
};

export const actions: Actions = guardActions({
	/** gives (given=true) or withdraws a standing consent */
	consent: async (event) => {
		const actor = requireSignedIn(event);
		const form = await event.request.formData();
		const kind = String(form.get('kind') ?? '');
		if (!isConsentKind(kind)) return fail(400, { message: m.me_no_such_consent({ kind }) });
		const given = form.get('given') === 'true';
		const out = await setConsent(await getApp(), actor, kind, given);
		return {
			consentDone: given
				? m.me_consent_given()
				: m.me_consent_withdrawn() + (out.draftsCleared ? m.me_drafts_cleared({ count: out.draftsCleared }) : '')
		};
	}
});
