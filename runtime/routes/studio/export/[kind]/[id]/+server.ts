import { error } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { exportDefinition } from '$server/export';
import type { RequestHandler } from './$types';

/** The definition as it would live in definitions/ (the draft when there is one, else the latest published version). */
export const GET: RequestHandler = async ({ params, locals }) => {
	if (!locals.actor?.roles.includes('admin')) error(403, '仅限管理员');
	if (params.kind !== 'item' && params.kind !== 'bundle') error(404, '未知类别');
	const app = await getApp();
	const r = await app.defs.record(params.kind, params.id).catch(() => error(404, `${params.id} 不存在`));
	const out = await exportDefinition(app, params.kind, (r.draft?.definition ?? r.versions.at(-1)?.definition) as Record<string, any>);
	return new Response(new Uint8Array(out.body), { headers: { 'content-type': out.type, 'content-disposition': `attachment; filename="${out.fileName}"` } });
};
