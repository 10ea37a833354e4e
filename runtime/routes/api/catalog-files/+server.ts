import { api, requireRole } from '$server/http';
import { saveUpload } from '$server/files';

/** Administrators upload blank templates and samples (PDF, images, office documents, by content); public at /catalog-files/<id>.<ext>. */
export const POST = api(
	async ({ app, event, actor }) => {
		requireRole(actor, 'admin');
		const meta = await saveUpload(app, 'catalog', event.request, event.url, 'catalog');
		return { ...meta, ref: `/catalog-files/${meta.id}.${meta.name.split('.').pop()?.toLowerCase() ?? ''}` };
	},
	{ status: 201 }
);
