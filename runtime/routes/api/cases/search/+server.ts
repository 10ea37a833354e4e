import { CaseSearchBody } from '$server/api-bodies';
import { api, parseBody, readJson } from '$server/http';
import { limitParam, withCursor } from '$server/paging';
import { casesByIdentifier } from '$server/pii-view';

/**
 * Staff find cases by an ID or phone number in their form data (its keyed hash; POST so the number stays out of URLs and
 * logs), one page at a time: `?limit=&cursor=` → {cases, next?}: those the caller's department takes part in
 * (administrators: all); a page may hold fewer than `limit`, and `next` is absent on the last. Audited as case.search, masked.
 */
export const POST = api(async ({ app, event, actor }) => {
	const q = event.url.searchParams;
	const limit = limitParam(q);
	const { identifier } = parseBody(CaseSearchBody, await readJson(event.request));
	return withCursor(() => casesByIdentifier(app, actor!, identifier, limit, q.get('cursor') || undefined));
});
