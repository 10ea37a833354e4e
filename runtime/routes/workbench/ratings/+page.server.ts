import { getApp } from '$server/app';
import { requireAdmin } from '$server/admin';
import { withRefusals } from '$server/form-actions';
import { guardActions } from '$server/body-limits';
import type { Actions, PageServerLoad } from './$types';

/** store.ratings.list's bound without an explicit limit (LIMITS.recent) */
const RATINGS_SHOWN = 200;

export const load: PageServerLoad = async (event) => {
	const actor = requireAdmin(event);
	const app = await getApp();
	// newest first, at most the store's default bound (RATINGS_SHOWN); the cases of the shown ratings in one query
	const ratings = await app.ratings.list(actor, { poor: event.url.searchParams.get('all') !== '1' });
	const ids = [...new Set(ratings.map((r) => r.caseId))];
	const cases = new Map((ids.length ? await app.store.cases.list({ ids, limit: ids.length }) : []).map((c) => [c.id, c]));
	const rows = ratings.map((r) => ({ ...r, receiptNumber: cases.get(r.caseId)?.receiptNumber, serviceName: cases.get(r.caseId)?.service.name }));
	return { ratings: rows, shown: RATINGS_SHOWN, all: event.url.searchParams.get('all') === '1' };
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
