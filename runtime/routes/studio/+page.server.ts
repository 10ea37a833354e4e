import { getApp } from '$server/app';
import { CATALOG_PAGE_SIZE, definitionSummary, pageInfo, portalPage } from '$server/catalog-page';
import type { StudioFilter } from '$core/catalog/index';
import type { PageServerLoad } from './$types';

const STATUSES = new Set(['draft', 'published', 'changed']);

/** One page of the catalog's items and bundles (drafts too), filtered on the server: `?q=&dept=&type=&status=&page=`. */
export const load: PageServerLoad = async ({ url }) => {
	const app = await getApp();
	const p = url.searchParams;
	const status = p.get('status') ?? '';
	const filter: StudioFilter = {
		q: p.get('q') ?? '',
		department: p.get('dept') || undefined,
		type: p.get('type') || undefined,
		status: STATUSES.has(status) ? (status as StudioFilter['status']) : undefined
	};
	const found = (await app.catalog.fresh()).studioPage(filter, portalPage(p.get('page')), CATALOG_PAGE_SIZE);
	const rows = found.entries.map((e) => ({
		...definitionSummary(e),
		type: e.summary.kind === 'item' ? e.summary.type : undefined,
		code: e.summary.kind === 'item' ? e.summary.implementationCode : undefined
	}));
	return {
		rows,
		filter: { q: filter.q ?? '', dept: filter.department ?? '', type: filter.type ?? '', status: filter.status ?? '' },
		...pageInfo(found.total, found.page, CATALOG_PAGE_SIZE)
	};
};
