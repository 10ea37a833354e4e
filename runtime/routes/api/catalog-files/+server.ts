import { HttpError } from '$core/errors';
import { api, requireRole } from '$server/http';
import { MAX_FILE_BYTES, saveFile } from '$server/files';

/** Administrators upload blank templates and samples; they are public at /catalog-files/<id>.<ext>. */
export const POST = api(
	async ({ app, event, actor }) => {
		requireRole(actor, 'admin');
		const length = Number(event.request.headers.get('content-length') ?? 0);
		if (length > MAX_FILE_BYTES) throw new HttpError(413, `文件过大，上限 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
		const name = event.url.searchParams.get('name');
		const ext = name?.split('.').pop()?.toLowerCase() ?? '';
		const meta = await saveFile(app, 'catalog', name, event.request.headers.get('content-type') ?? '', new Uint8Array(await event.request.arrayBuffer()));
		return { ...meta, ref: `/catalog-files/${meta.id}.${ext}` };
	},
	{ status: 201 }
);
