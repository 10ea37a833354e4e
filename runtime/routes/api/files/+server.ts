import { HttpError } from '$core/errors';
import { api } from '$server/http';
import { MAX_FILE_BYTES, saveFile } from '$server/files';

/** Upload one file as the raw request body; `?name=` gives its file name. */
export const POST = api(
	async ({ app, event, actor }) => {
		const length = Number(event.request.headers.get('content-length') ?? 0);
		if (length > MAX_FILE_BYTES) throw new HttpError(413, `文件过大，上限 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
		const bytes = new Uint8Array(await event.request.arrayBuffer());
		return saveFile(app, actor!.id, event.url.searchParams.get('name'), event.request.headers.get('content-type') ?? '', bytes);
	},
	{ status: 201 }
);
