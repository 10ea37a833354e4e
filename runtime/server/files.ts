import { createHash, randomUUID } from 'node:crypto';
import { HttpError } from '../core/errors';
import type { FileRecord } from '../core/store';
import type { App } from './app';
import { bodyLimits, formatBytes } from './body-limits';
import { refusal, servedAs, sniff, type UploadPurpose } from './file-types';

/**
 * Stores one uploaded file for its owner after checking its name, size and content: the type recorded is the one its
 * bytes show (the uploader's claimed type is ignored), and bytes that are not a type `purpose` accepts are refused (415).
 */
export async function saveFile(
	app: App,
	ownerId: string,
	name: string | null | undefined,
	bytes: Uint8Array,
	purpose: UploadPurpose = 'material'
): Promise<FileRecord> {
	const clean = name?.trim();
	if (!clean || clean.length > 200 || /[\\/]/.test(clean))
		throw new HttpError(422, '文件名缺失或不合法（不含路径，200 字以内）', [{ path: 'name', message: '文件名缺失或不合法' }]);
	const max = bodyLimits().upload;
	if (bytes.byteLength > max) throw new HttpError(413, `文件「${clean}」过大：每个文件不能超过 ${formatBytes(max)}（收到 ${formatBytes(bytes.byteLength)}）`);
	if (!bytes.byteLength) throw new HttpError(422, `文件「${clean}」为空`);
	const kind = await sniff(bytes, clean);
	const refused = refusal(purpose, clean, kind, bytes);
	if (refused) throw new HttpError(415, refused, [{ path: 'file', message: refused }]);
	const meta: FileRecord = {
		id: `f${randomUUID().replace(/-/g, '')}`,
		ownerId,
		name: clean,
		mime: kind!.mime,
		size: bytes.byteLength,
		sha256: createHash('sha256').update(bytes).digest('hex'),
		createdAt: app.time.now().toISOString()
	};
	await app.store.files.put(meta, bytes);
	return meta;
}

/** Stores the raw request body as a file (`?name=` names it); the hook has already held the body to UPLOAD_LIMIT. */
export async function saveUpload(app: App, ownerId: string, request: Request, url: URL, purpose: UploadPurpose): Promise<FileRecord> {
	return saveFile(app, ownerId, url.searchParams.get('name'), new Uint8Array(await request.arrayBuffer()), purpose);
}

/** RFC 5987 value: encodeURIComponent leaves ' ( ) * as they are, which the header does not allow. */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A stored file as a response: typed from its bytes (sniffed again, so files stored before this check are served safely
 * too); PDF and images inline (framable by our own pages), office documents and everything else as downloads.
 */
export async function fileResponse(bytes: Uint8Array, name: string, headers: Record<string, string> = {}): Promise<Response> {
	const { type, inline } = servedAs(await sniff(bytes, name));
	return new Response(bytes as BodyInit, {
		headers: {
			'content-type': type,
			'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${rfc5987(name)}`,
			'x-content-type-options': 'nosniff',
			'x-frame-options': inline ? 'SAMEORIGIN' : 'DENY',
			...headers
		}
	});
}
