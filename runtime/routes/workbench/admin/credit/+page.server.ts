import { getApp } from '$server/app';
import { requireAdmin } from '$server/admin';
import type { PageServerLoad } from './$types';

/** 信用记录 (administrators): every false 告知承诺 found by 核查, newest first, with whether it still restricts commitments. */
export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const app = await getApp();
	const now = app.time.now().toISOString();
	const names = new Map(app.catalog.dictionaries.departments.map((d) => [d.id, d.name]));
	const records = await app.store.credit.list(1000);
	return {
		records: records.map((r) => ({ ...r, active: r.restrictedUntil > now, departmentName: names.get(r.department) ?? r.department })),
		days: app.cases.creditRestrictionDays
	};
};
