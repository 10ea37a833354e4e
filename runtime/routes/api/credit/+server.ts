import { api } from '$server/http';

/** 信用记录: administrators get every record (newest first, `?limit=`, at most 1000); anyone else their own. */
export const GET = api(async ({ app, event, actor }) => {
	if (actor!.roles.includes('admin')) return { records: await app.store.credit.list(Number(event.url.searchParams.get('limit')) || undefined) };
	return { records: await app.store.credit.bySubject(actor!.id) };
});
