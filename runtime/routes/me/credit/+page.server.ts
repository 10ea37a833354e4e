import { getApp } from '$server/app';
import { requireSignedIn } from '$server/staff';
import type { PageServerLoad } from './$types';

/** 信用记录: the signed-in person's records (a false 告知承诺 found by 核查) and whether each still restricts commitments. */
export const load: PageServerLoad = async (event) => {
	const actor = requireSignedIn(event);
	const app = await getApp();
	event.setHeaders({ 'cache-control': 'no-store' });
	const now = app.time.now().toISOString();
	const records = await app.store.credit.bySubject(actor.id);
	return { records: records.map((r) => ({ ...r, active: r.restrictedUntil > now })) };
};
