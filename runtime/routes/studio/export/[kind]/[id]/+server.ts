import { error } from '@sveltejs/kit';
import { getApp } from '$server/app';
import type { RequestHandler } from './$types';

/** The definition as a JSON file: the draft when there is one, else the latest published version. */
export const GET: RequestHandler = async ({ params, locals }) => {
	if (!locals.actor?.roles.includes('admin')) error(403, '仅限管理员');
	if (params.kind !== 'item' && params.kind !== 'bundle') error(404, '未知类别');
	const app = await getApp();
	const r = await app.defs.record(params.kind, params.id).catch(() => error(404, `${params.id} 不存在`));
	const def = r.draft?.definition ?? r.versions.at(-1)?.definition;
	return new Response(JSON.stringify(def, null, '\t') + '\n', { headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="${params.id}.json"` } });
};
