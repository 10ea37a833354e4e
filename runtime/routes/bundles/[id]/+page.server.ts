import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { HttpError } from '$core/errors';
import type { Bundle, Item } from '$core/model';

export const load: PageServerLoad = async ({ params }) => {
	const app = await getApp();
	try {
		const { definition: bundle } = await app.defs.published<Bundle>('bundle', params.id);
		const items = await Promise.all(bundle.members.map(async (m) => (await app.defs.published<Item>('item', m.item)).definition));
		const depts = Object.fromEntries(app.catalog.dictionaries.departments.map((d) => [d.id, d.name]));
		return {
			bundle,
			members: items.map((i) => ({ id: i.id, name: i.name, department: depts[i.department], promisedLimitDays: i.promisedLimitDays, legalLimitDays: i.legalLimitDays })),
			lead: depts[bundle.leadDepartment]
		};
	} catch (e) {
		if (e instanceof HttpError) error(e.status, e.message);
		throw e;
	}
};
