// CSV of the 五级十五同 report (?table=elements|regions), with the page's filters.
import { error } from '@sveltejs/kit';
import { toCsv } from '$core/metrics/csv';
import { CONSISTENCY_TABLES, consistencyTable, type ConsistencyTable } from '$core/consistency/tables';
import { requireAdmin } from '$server/admin';
import { getApp } from '$server/app';
import { catalogConsistency, filtered, filterOf } from '$server/consistency';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireAdmin(event);
	const table = event.url.searchParams.get('table') ?? '';
	if (!CONSISTENCY_TABLES.includes(table as ConsistencyTable))
		error(400, `表格（table）应为 ${CONSISTENCY_TABLES.join('、')} 之一，收到「${table.slice(0, 20)}」`);
	const app = await getApp();
	const report = filtered(await catalogConsistency(app), filterOf(event.url.searchParams, app.catalog.dictionaries.regions));
	const { header, rows } = consistencyTable(report, table as ConsistencyTable);
	return new Response(toCsv(header, rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="consistency-${table}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
