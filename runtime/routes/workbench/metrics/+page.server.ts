import { error } from '@sveltejs/kit';
import { HttpError } from '$core/errors';
import { aspectsFrom, complaintFiguresOf, departmentTable, figuresFrom, weeksOver } from '$core/metrics/figures';
import { tablesOf } from '$core/metrics/tables';
import { getApp } from '$server/app';
import { filterOf, metricsSummary, OVERDUE_LISTED, requireMetricsViewer } from '$server/metrics';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireMetricsViewer(event);
	const app = await getApp();
	try {
		const filter = filterOf(app, actor, event.url.searchParams);
		const summary = await metricsSummary(app, filter);
		const d = app.catalog.dictionaries;
		const names = Object.fromEntries(d.departments.map((x) => [x.id, x.name]));
		const services = app.catalog.current.entries
			.filter((e) => e.version !== undefined)
			.map((e) => [`${e.kind}:${e.id}`, `${e.summary.name}${e.kind === 'bundle' ? '（一件事）' : ''}`] as const)
			.sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'));
		return {
			filter,
			/** the filters as a query string, for the CSV links */
			query: new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => !!e[1])).toString(),
			admin: actor.roles.includes('admin'),
			/** the overdue list holds the oldest OVERDUE_LISTED of more */
			overdueCut: summary.totals.overdue > summary.overdue.length ? OVERDUE_LISTED : undefined,
			figures: [
				...figuresFrom(summary.totals),
				// 办不成事反映 of the period, of the department when one is chosen
				...complaintFiguresOf(
					await app.store.complaints.list({
						createdFrom: new Date(`${filter.from}T00:00:00+08:00`).toISOString(),
						createdBefore: new Date(Date.parse(`${filter.to}T00:00:00+08:00`) + 86400e3).toISOString(),
						...(filter.department ? { department: filter.department } : {}),
						limit: 1000
					})
				)
			],
			weeks: weeksOver(summary.weeks, filter),
			departments: departmentTable(summary.departments, names),
			aspects: aspectsFrom(summary.totals),
			tables: tablesOf(summary, names, filter),
			choices: {
				regions: [...new Set(d.departments.flatMap((x) => x.region ?? []))].sort(),
				departments: d.departments.map((x) => [x.id, x.name] as const),
				services
			}
		};
	} catch (e) {
		if (e instanceof HttpError) error(e.status, e.message);
		throw e;
	}
};
