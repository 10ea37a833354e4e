// The 五级十五同 report over the published catalog: the latest published version of every item, compared by
// core/consistency. One report per catalog snapshot (the index object changes whenever the catalog does).
import type { CatalogIndex } from '../core/catalog/index';
import { consistencyReport, type ConsistencyReport, type Implementation } from '../core/consistency/report';
import type { Item } from '../core/model/item';
import type { App } from './app';

const reports = new WeakMap<CatalogIndex, Promise<ConsistencyReport>>();
/** published versions read from the store at a time */
const BATCH = 20;

async function build(app: App, index: CatalogIndex): Promise<ConsistencyReport> {
	const published = index.entries.filter((e) => e.kind === 'item' && e.version !== undefined);
	const impls: Implementation[] = [];
	for (let i = 0; i < published.length; i += BATCH)
		impls.push(
			...(await Promise.all(
				published.slice(i, i + BATCH).map(async (e) => {
					const v = await app.defs.published<Item>('item', e.id, e.version);
					return { id: e.id, version: v.version, item: v.definition, departmentName: index.department(v.definition.department) };
				})
			))
		);
	return consistencyReport(impls, app.catalog.dictionaries.regions);
}

export async function catalogConsistency(app: App): Promise<ConsistencyReport> {
	const index = await app.catalog.fresh();
	let report = reports.get(index);
	if (!report) {
		report = build(app, index);
		reports.set(index, report);
		report.catch(() => reports.delete(index));
	}
	return report;
}

export interface ConsistencyFilter {
	/** groups with an implementation in this region */
	region?: string;
	/** groups where some implementation differs */
	differing?: boolean;
}

export function filterOf(params: URLSearchParams, regions: { code: string }[]): ConsistencyFilter {
	const region = params.get('region') ?? '';
	return { region: regions.some((r) => r.code === region) ? region : undefined, differing: params.get('differing') === '1' };
}

/** The report with only the groups the filter asks for (region scores and singles stay whole, singles by region). */
export function filtered(report: ConsistencyReport, f: ConsistencyFilter): ConsistencyReport {
	const inRegion = (cols: { region?: string }[]) => !f.region || cols.some((c) => c.region === f.region);
	return {
		...report,
		groups: report.groups.filter((g) => (!f.differing || g.differing > 0) && inRegion(g.lines.flatMap((l) => [l.reference, ...l.compared]))),
		singles: f.differing ? [] : report.singles.filter((s) => inRegion(s.implementations))
	};
}
