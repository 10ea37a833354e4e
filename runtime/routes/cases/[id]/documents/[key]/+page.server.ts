import { error } from '@sveltejs/kit';
import { HttpError } from '$core/errors';
import { getApp } from '$server/app';
import { caseDocument } from '$server/documents';
import { requireSignedIn } from '$server/staff';
import type { PageServerLoad } from './$types';

/** A 文书 of the applicant's own case, printable. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireSignedIn({ locals, url });
	try {
		return { shown: await caseDocument(await getApp(), actor, params.id, params.key, url.origin) };
	} catch (e) {
		if (e instanceof HttpError) error(e.status, e.message);
		throw e;
	}
};
