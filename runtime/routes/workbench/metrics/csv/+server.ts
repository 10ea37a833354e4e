// CSV of one dashboard table (?table=…) for the same filters as the page.
import { error } from '@sveltejs/kit';
import { HttpError } from '$core/errors';
import { toCsv } from '$core/metrics/csv';
import { TABLE_IDS, tablesOf, type Table } from '$core/metrics/tables';
import { getApp } from '$server/app';
import { filterOf, metricsSummary, requireMetricsViewer } from '$server/metrics';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requireMetricsViewer(event);
	const app = await getApp();
	const id = event.url.searchParams.get('table') ?? '';
	if (!TABLE_IDS.includes(id as Table['id'])) error(400, `表格（table）应为 ${TABLE_IDS.join('、')} 之一，收到「${id.slice(0, 20)}」`);
	try {
		const filter = filterOf(app, actor, event.url.searchParams);
		const summary = await metricsSummary(app, filter);
		const names = Object.fromEntries(app.catalog.dictionaries.departments.map((x) => [x.id, x.name]));
		const table = tablesOf(summary, names, filter)[id as Table['id']];
		return new Response(toCsv(table.header, table.rows), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="metrics-${id}-${filter.from}-${filter.to}.csv"`,
				'cache-control': 'no-store'
			}
		});
	} catch (e) {
		if (e instanceof HttpError) error(e.status, e.message);
		throw e;
	}
};
