import { forbidden } from '$core/errors';
import { api, readJson } from '$server/http';
import { intermediaryData, intermediaryTracker } from '$server/intermediary';

/** The case's 中介服务: each service its items name, when it started and finished, the working days used (not counted in the limit). */
export const GET = api(async ({ app, event, actor }) => {
	const c = await app.cases.get(event.params.id!);
	if (!(await app.cases.canSee(actor!, c))) throw forbidden('您无权查看该办件');
	return { intermediaryServices: await intermediaryData(app, actor!, c) };
});

/** Records that an intermediary service started or finished: `{service, action: 'start'|'finish', version, note?}`; the workflow does not move. */
export const POST = api(async ({ app, event, actor }) => {
	const c = await intermediaryTracker(app).record(actor!, event.params.id!, await readJson(event.request, 8 * 1024));
	return { intermediaryServices: await intermediaryData(app, actor!, c), version: c.version };
});
