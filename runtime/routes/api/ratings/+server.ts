import { api } from '$server/http';
import { limitParam, withCursor } from '$server/paging';

/**
 * Administrators: the ratings, newest first, one page: `?poor=1` for 差评 only, `?poor=0` for the others, `?limit=&cursor=`
 * → {ratings, next?, total}; `next` is absent on the last page.
 */
export const GET = api(async ({ app, event, actor }) => {
	const q = event.url.searchParams;
	const poor = q.get('poor');
	const limit = limitParam(q);
	const filter = poor === null || poor === '' ? {} : { poor: poor === '1' || poor === 'true' };
	const page = await withCursor(() => app.ratings.page(actor!, filter, limit, q.get('cursor') || undefined));
	return { ratings: page.rows, next: page.next, total: page.total };
});
