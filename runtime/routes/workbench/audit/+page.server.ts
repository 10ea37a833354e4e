import { error } from '@sveltejs/kit';
import { HttpError } from '$core/errors';
import { getApp } from '$server/app';
import { requireAdmin } from '$server/admin';
import { searchAudit } from '$server/audit';
import { cursorOf, pagerOf, withCursor } from '$server/paging';
import type { PageServerLoad } from './$types';

/** Entries a page shows. */
const PAGE = 50;

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const app = await getApp();
	const q = event.url.searchParams;
	let page;
	try {
		page = await withCursor(() => searchAudit(app, { case: q.get('case'), actor: q.get('actor') }, PAGE, cursorOf(q)));
	} catch (e) {
		if (e instanceof HttpError) error(e.status, e.message);
		throw e;
	}
	const entries = page.rows;
	const actorIds = [...new Set(entries.map((e) => e.actorId))];
	const accounts = Object.fromEntries(
		(await Promise.all(actorIds.map((id) => app.store.accounts.get(id)))).filter((a) => !!a).map((a) => [a!.id, `${a!.name}（${a!.username}）`])
	);
	const ids = [...new Set(entries.map((e) => e.caseId).filter((x): x is string => !!x))];
	const receipts = Object.fromEntries((ids.length ? await app.store.cases.list({ ids, limit: ids.length }) : []).map((c) => [c.id, c.receiptNumber]));
	return { entries, accounts, receipts, pager: pagerOf(q, page, PAGE, page.total), filter: { case: q.get('case') ?? '', actor: q.get('actor') ?? '' } };
};
