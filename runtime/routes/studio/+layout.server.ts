import { getApp } from '$server/app';
import { requireAdmin } from '$server/admin';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	requireAdmin(event);
	const app = await getApp();
	return { dictionaries: app.catalog.dictionaries };
};
