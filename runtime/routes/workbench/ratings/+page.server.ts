import { getApp } from '$server/app';
import { requireAdmin } from '$server/admin';
import { withRefusals } from '$server/form-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireAdmin(event);
	const app = await getApp();
	const ratings = await app.ratings.list(actor, { poor: event.url.searchParams.get('all') !== '1' });
	const rows = [];
	for (const r of ratings.sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
		const c = await app.store.cases.get(r.caseId);
		rows.push({ ...r, receiptNumber: c?.receiptNumber, serviceName: c?.service.name });
	}
	return { ratings: rows, all: event.url.searchParams.get('all') === '1' };
};

export const actions: Actions = {
	step: async (event) => {
		const actor = requireAdmin(event);
		const app = await getApp();
		const f = await event.request.formData();
		const kind = String(f.get('kind') ?? '');
		const body: Record<string, unknown> = { kind, note: String(f.get('note') ?? '') };
		if (kind === 'verification') body.justified = f.get('justified') === 'true';
		if (kind === 'rectification') body.deadline = String(f.get('deadline') ?? '');
		return withRefusals(async () => {
			await app.ratings.followUp(actor, String(f.get('rating')), body);
			return { ok: true };
		}, { rating: String(f.get('rating')) });
	}
};
