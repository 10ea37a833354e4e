import { error } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getApp } from '$server/app';
import { fileResponse } from '$server/files';
import type { RequestHandler } from './$types';

/** Blank templates (空白表格) and samples (示例样表): shipped in definitions/files/ or uploaded in the studio (f<id>.<ext>). */
export const GET: RequestHandler = async ({ params }) => {
	if (!/^[a-z0-9][a-z0-9-]*\.[a-z0-9]+$/.test(params.name)) error(404, `没有文件 ${params.name}`);
	const app = await getApp();
	const stored = /^(f[0-9a-f]{32})\./.exec(params.name)?.[1];
	const meta = stored ? await app.store.files.get(stored) : undefined;
	const body = stored
		? meta?.ownerId === 'catalog'
			? await app.store.files.read(stored)
			: undefined
		: await readFile(join(app.definitionsDir, 'files', params.name)).catch(() => undefined);
	if (!body) error(404, `没有文件 ${params.name}`);
	// the type comes from the bytes, never from the extension in the URL
	return fileResponse(new Uint8Array(body), meta?.name ?? params.name, { 'cache-control': 'public, max-age=3600' });
};
