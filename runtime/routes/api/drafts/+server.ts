import { api } from '$server/http';
import { limitParam, pageOfList, withCursor } from '$server/paging';

/** The signed-in user's drafts, most recently saved first, one page: `?limit=&cursor=` → {drafts, next?, total}. */
export const GET = api(async ({ app, event, actor }) => {
	const q = event.url.searchParams;
	const limit = limitParam(q);
	const all = await app.store.drafts.listByUser(actor!.id);
	const page = await withCursor(async () => pageOfList(all, limit, q.get('cursor') || undefined));
	return { drafts: page.rows, next: page.next, total: all.length };
});
