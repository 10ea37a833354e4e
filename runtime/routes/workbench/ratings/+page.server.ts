import { error } from '@sveltejs/kit';
import { HttpError } from '$core/errors';
import { getApp } from '$server/app';
import { cursorOf, pagerOf, withCursor } from '$server/paging';
import { requireAdmin } from '$server/admin';
import { withRefusals } from '$server/form-actions';
import { guardActions } from '$server/body-limits';
import type { Actions, PageServerLoad } from './$types';

/** Ratings a page shows. */
const PAGE = 20;

export const load: PageServerLoad = async (event) => {
	const actor = requireAdmin(event);
	const app = await getApp();
	const q = event.url.searchParams;
	const all = q.get('all') === '1';
	let page;
	try {
		page = await withCursor(() => app.ratings.page(actor, all ? {} : { poor: true }, PAGE, cursorOf(q)));
	} catch (e) {
		if (e instanceof HttpError) error(e.status, e.message);
		throw e;
	}
	// the cases of this page's ratings in one query
	const ids = [...new Set(page.rows.map((r) => r.caseId))];
	const cases = new Map((ids.length ? await app.store.cases.list({ ids, limit: ids.length }) : []).map((c) => [c.id, c]));
	const rows = page.rows.map((r) => ({ ...r, receiptNumber: cases.get(r.caseId)?.receiptNumber, serviceName: cases.get(r.caseId)?.service.name }));
	return { ratings: rows, pager: pagerOf(q, page, PAGE, page.total), all };
};

export const actions: Actions = guardActions({
	step: async (event) => {
		const actor = requireAdmin(event);
		const app = await getApp();
		const f = await event.request.formData();
		const kind = String(f.get('kind') ?? '');
		const body: Record<string, unknown> = { kind, note: String(f.get('note') ?? '') };
		if (kind === 'verification') body.justified = f.get('justified') === 'true';
		if (kind === 'rectification') body.deadline = String(f.get('deadline') ?? '');
		return withRefusals(
			async () => {
				await app.ratings.followUp(actor, String(f.get('rating')), body);
				return { ok: true };
			},
			{ rating: String(f.get('rating')) }
		);
	}
});
