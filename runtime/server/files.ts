import { createHash, randomUUID } from 'node:crypto';
import { HttpError } from '../core/errors';
import type { FileRecord } from '../core/store';
import type { App } from './app';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Stores one uploaded file for its owner after checking its name and size. */
export async function saveFile(app: App, ownerId: string, name: string | null | undefined, mime: string, bytes: Uint8Array): Promise<FileRecord> {
	const clean = name?.trim();
	if (!clean || clean.length > 200 || /[\\/]/.test(clean))
		throw new HttpError(422, '文件名缺失或不合法（不含路径，200 字以内）', [{ path: 'name', message: '文件名缺失或不合法' }]);
	if (bytes.byteLength > MAX_FILE_BYTES) throw new HttpError(413, `文件「${clean}」过大，上限 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
	if (!bytes.byteLength) throw new HttpError(422, `文件「${clean}」为空`);
	const meta: FileRecord = {
		id: `f${randomUUID().replace(/-/g, '')}`,
		ownerId,
		name: clean,
		mime: mime || 'application/octet-stream',
		size: bytes.byteLength,
		sha256: createHash('sha256').update(bytes).digest('hex'),
		createdAt: app.time.now().toISOString()
	};
	await app.store.files.put(meta, bytes);
	return meta;
}

/** Stores the raw request body as a file (`?name=` names it); the server's BODY_SIZE_LIMIT bounds what is read, saveFile the size kept. */
export async function saveUpload(app: App, ownerId: string, request: Request, url: URL): Promise<FileRecord> {
	return saveFile(app, ownerId, url.searchParams.get('name'), request.headers.get('content-type') ?? '', new Uint8Array(await request.arrayBuffer()));
}
