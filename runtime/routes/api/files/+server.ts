import { createHash, randomUUID } from 'node:crypto';
import { HttpError } from '$core/errors';
import { api } from '$server/http';

const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Upload one file as the raw request body; `?name=` gives its file name. */
export const POST = api(
	async ({ app, event, actor }) => {
		const name = event.url.searchParams.get('name')?.trim();
		if (!name || name.length > 200 || /[\\/]/.test(name)) throw new HttpError(422, '请通过 ?name= 提供文件名（不含路径）', [{ path: 'name', message: '文件名缺失或不合法' }]);
		const length = Number(event.request.headers.get('content-length') ?? 0);
		if (length > MAX_FILE_BYTES) throw new HttpError(413, `文件过大，上限 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
		const bytes = new Uint8Array(await event.request.arrayBuffer());
		if (bytes.byteLength > MAX_FILE_BYTES) throw new HttpError(413, `文件过大，上限 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
		if (!bytes.byteLength) throw new HttpError(422, '文件为空');
		const meta = {
			id: `f${randomUUID().replace(/-/g, '')}`,
			ownerId: actor!.id,
			name,
			mime: event.request.headers.get('content-type') ?? 'application/octet-stream',
			size: bytes.byteLength,
			sha256: createHash('sha256').update(bytes).digest('hex'),
			createdAt: app.time.now().toISOString()
		};
		await app.store.files.put(meta, bytes);
		return meta;
	},
	{ status: 201 }
);
