import { getApp } from '$server/app';
import { CATALOG_PAGE_SIZE, pageInfo, portalPage } from '$server/catalog-page';
import type { PageServerLoad } from './$types';

/** One page of the published catalog (bundles first, then items, by theme or department), searched on the server; when nothing matches, what the citizen probably meant. */
export const load: PageServerLoad = async ({ url }) => {
	const app = await getApp();
	const q = url.searchParams.get('q') ?? '';
	const by = url.searchParams.get('by') === 'department' ? 'department' : 'theme';
	const found = (await app.catalog.fresh()).search(q, by, portalPage(url.searchParams.get('page')), CATALOG_PAGE_SIZE);
	return { q, by, rows: found.rows, near: found.near, suggestions: found.suggestions, ...pageInfo(found.total, found.page, CATALOG_PAGE_SIZE) };
};
