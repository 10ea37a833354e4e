import { getApp } from '$server/app';
import { buildDossier } from '$server/dossier';
import { orError } from '$server/portal';
import { requireStaff } from '$server/staff';
import type { PageServerLoad } from './$types';

/** The printable 案卷 (A4, one part per page): staff who may see the case; every opening is audited. */
export const load: PageServerLoad = async (event) => {
	const actor = requireStaff(event);
	const app = await getApp();
	return { caseId: event.params.id, dossier: await orError(buildDossier(app, actor, event.params.id, 'dossier.print')) };
};
