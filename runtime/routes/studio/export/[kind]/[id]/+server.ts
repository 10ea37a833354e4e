import { error } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { exportDefinition } from '$server/export';
import { exportInterop, INTEROP_FORMATS, type InteropFormat } from '$server/export-interop';
import { HttpError } from '$core/errors';
import type { RequestHandler } from './$types';

/**
 * The definition as it would live in definitions/ (the draft when there is one, else the latest published version);
 * `?format=rjsf` the form for @rjsf/core, `?format=xstate` the workflow for xstate's createMachine.
 */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	if (!locals.actor?.roles.includes('admin')) error(403, '仅限管理员');
	if (params.kind !== 'item' && params.kind !== 'bundle') error(404, '未知类别');
	const format = url.searchParams.get('format');
	if (format !== null && !INTEROP_FORMATS.includes(format as InteropFormat))
		error(400, `未知的导出格式「${format}」：可用 ${INTEROP_FORMATS.join('、')}，或不带 format 导出定义本身`);
	const app = await getApp();
	const out = format
		? await exportInterop(app, params.kind, params.id, format as InteropFormat).catch((e) => {
				if (e instanceof HttpError) error(e.status as 404, e.message);
				throw e;
			})
		: await exportDefinition(
				app,
				params.kind,
				await app.defs
					.record(params.kind, params.id)
					.then((r) => (r.draft?.definition ?? r.versions.at(-1)?.definition) as Record<string, any>)
					.catch(() => error(404, `${params.id} 不存在`))
			);
	return new Response(new Uint8Array(out.body), { headers: { 'content-type': out.type, 'content-disposition': `attachment; filename="${out.fileName}"` } });
};
