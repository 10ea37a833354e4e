import { getApp } from '$server/app';
import { catalogConsistency, filtered, filterOf } from '$server/consistency';
import { ELEMENTS } from '$core/consistency/elements';
import type { PageServerLoad } from './$types';

/** 五级十五同: the published catalog's implementations compared (administrators; the studio layout checks the role). */
export const load: PageServerLoad = async ({ url }) => {
	const app = await getApp();
	const regions = app.catalog.dictionaries.regions;
	const filter = filterOf(url.searchParams, regions);
	const report = filtered(await catalogConsistency(app), filter);
	const query = new URLSearchParams(Object.entries({ region: filter.region ?? '', differing: filter.differing ? '1' : '' }).filter(([, v]) => v)).toString();
	return {
		report,
		filter: { region: filter.region ?? '', differing: !!filter.differing },
		query,
		rules: ELEMENTS.map((e) => ({ label: e.label, rule: e.rule })),
		regions: regions.map((r) => ({ code: r.code, name: r.name }))
	};
};
