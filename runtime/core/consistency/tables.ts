// The report as tables for CSV export: one row per implementation and element, and one row per region.
import { LEVELS } from '../model/item-labels';
import type { Column, ConsistencyReport } from './report';

export const CONSISTENCY_TABLES = ['elements', 'regions'] as const;
export type ConsistencyTable = (typeof CONSISTENCY_TABLES)[number];

const level = (l: string) => LEVELS[l as keyof typeof LEVELS] ?? l;
export const percent = (share: number) => Math.round(share * 1000) / 10;

export function consistencyTable(report: ConsistencyReport, table: ConsistencyTable): { header: string[]; rows: (string | number)[][] } {
	if (table === 'regions')
		return {
			header: ['区划代码', '区划', '层级', '比对的实施', '作为基准的实施', '一致要素', '比对要素', '一致率（%）'],
			rows: report.regions.map((r) => [
				r.code,
				r.name,
				level(r.level),
				r.compared,
				r.references,
				r.equalElements,
				r.totalElements,
				r.score === undefined ? '基准' : percent(r.score)
			])
		};
	const rows: (string | number)[][] = [];
	const add = (basicCode: string, reference: Column, c: Column) => {
		for (const cell of c.cells)
			rows.push([
				basicCode,
				reference.id,
				c.id,
				c.name + (c.subName ? `（${c.subName}）` : ''),
				c.regionName,
				level(c.level),
				c.department,
				cell.label,
				c === reference ? '基准' : cell.equal ? '一致' : '不一致',
				cell.diff.join('；'),
				cell.values.join('；')
			]);
	};
	for (const g of report.groups)
		for (const line of g.lines) {
			add(g.basicCode, line.reference, line.reference);
			for (const c of line.compared) add(g.basicCode, line.reference, c);
		}
	return { header: ['基本编码', '基准事项', '事项标识', '事项名称', '区划', '层级', '实施主体', '要素', '比对', '差异', '内容'], rows };
}
