import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { HttpError } from '$core/errors';
import type { Item } from '$core/model';

export const load: PageServerLoad = async ({ params }) => {
	const app = await getApp();
	try {
		const { definition, version } = await app.defs.published<Item>('item', params.id);
		const d = app.catalog.dictionaries;
		return { item: definition, version, department: d.departments.find((x) => x.id === definition.department)?.name ?? definition.department };
	} catch (e) {
		if (e instanceof HttpError) error(e.status, e.message);
		throw e;
	}
};
