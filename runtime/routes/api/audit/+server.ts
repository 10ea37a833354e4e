import { api, requireRole } from '$server/http';

export const GET = api(async ({ app, event, actor }) => {
	requireRole(actor, 'admin');
	const q = event.url.searchParams;
	return { entries: await app.store.audit.list({ caseId: q.get('case') ?? undefined, actorId: q.get('actor') ?? undefined, limit: Number(q.get('limit') ?? 200) }) };
});
