import { getApp } from '$server/app';
import { buildDossier } from '$server/dossier';
import { dossierZip } from '$server/dossier-zip';
import { orError } from '$server/portal';
import { requireStaff } from '$server/staff';
import type { RequestHandler } from './$types';

/** The 案卷 as one ZIP (dossier HTML, numbered material files, SHA-256 manifest); staff who may see the case; audited. */
export const GET: RequestHandler = async (event) => {
	const actor = requireStaff(event);
	const app = await getApp();
	const d = await orError(buildDossier(app, actor, event.params.id, 'dossier.download'));
	const zip = await dossierZip(app, d);
	const name = `案卷-${d.cover.receiptNumber}.zip`;
	return new Response(new Uint8Array(zip), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${d.cover.receiptNumber}.zip"; filename*=UTF-8''${encodeURIComponent(name)}`,
			'cache-control': 'no-store'
		}
	});
};
