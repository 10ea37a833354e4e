import { api, requireRole } from '$server/http';
import { saveUpload } from '$server/files';

/** Administrators upload blank templates and samples; they are public at /catalog-files/<id>.<ext>. */
export const POST = api(
	async ({ app, event, actor }) => {
		requireRole(actor, 'admin');
		const meta = await saveUpload(app, 'catalog', event.request, event.url);
		return { ...meta, ref: `/catalog-files/${meta.id}.${meta.name.split('.').pop()?.toLowerCase() ?? ''}` };
	},
	{ status: 201 }
);
