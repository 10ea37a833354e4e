import { error } from '@sveltejs/kit';
import { HttpError } from '$core/errors';
import { getApp } from '$server/app';
import { caseDocument } from '$server/documents';
import { requireStaff } from '$server/staff';
import type { PageServerLoad } from './$types';

/** A 文书 of a case the officer may see, printable. */
export const load: PageServerLoad = async (event) => {
	const actor = requireStaff(event);
	try {
		return { shown: await caseDocument(await getApp(), actor, event.params.id, event.params.key, event.url.origin) };
	} catch (e) {
		if (e instanceof HttpError) error(e.status, e.message);
		throw e;
	}
};
