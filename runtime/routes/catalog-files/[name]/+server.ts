import { error } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getApp } from '$server/app';
import type { RequestHandler } from './$types';

const TYPES: Record<string, string> = {
	html: 'text/html; charset=utf-8',
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	jpg: 'image/jpeg',
	png: 'image/png'
};

/** Blank templates (空白表格) and samples (示例样表) shipped in definitions/files/. */
export const GET: RequestHandler = async ({ params }) => {
	const m = /^[a-z0-9][a-z0-9-]*\.([a-z]+)$/.exec(params.name);
	if (!m || !TYPES[m[1]]) error(404, `没有文件 ${params.name}`);
	const app = await getApp();
	const stored = /^(f[0-9a-f]{32})\./.exec(params.name)?.[1];
	const meta = stored ? await app.store.files.get(stored) : undefined;
	const body = stored
		? meta?.ownerId === 'catalog'
			? await app.store.files.read(stored)
			: undefined
		: await readFile(join(app.definitionsDir, 'files', params.name)).catch(() => undefined);
	if (!body) error(404, `没有文件 ${params.name}`);
	return new Response(new Uint8Array(body), { headers: { 'content-type': TYPES[m[1]], 'cache-control': 'public, max-age=3600' } });
};
