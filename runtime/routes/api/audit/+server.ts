import { api, requireRole } from '$server/http';
import { searchAudit } from '$server/audit';
import { limitParam, withCursor } from '$server/paging';

/**
 * The audit log, newest first, one page: `?case=` 受理编号 or case id, `?actor=` username or account id, `?limit=`
 * (default 50, at most 200), `?cursor=` → {entries, next?, total}; `next` is absent on the last page.
 */
export const GET = api(async ({ app, event, actor }) => {
	requireRole(actor, 'admin');
	const q = event.url.searchParams;
	const limit = limitParam(q);
	const page = await withCursor(() => searchAudit(app, { case: q.get('case'), actor: q.get('actor') }, limit, q.get('cursor') || undefined));
	return { entries: page.rows, next: page.next, total: page.total };
});
