import { error, redirect } from '@sveltejs/kit';
import { HttpError } from '$core/errors';
import { getApp } from '$server/app';
import { caseDocument } from '$server/documents';
import type { PageServerLoad } from './$types';

/** A 文书 of the applicant's own case, printable. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.actor) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	try {
		return { shown: await caseDocument(await getApp(), locals.actor, params.id, params.key, url.origin) };
	} catch (e) {
		if (e instanceof HttpError) error(e.status, e.message);
		throw e;
	}
};
