// The dashboard's tables, one shape for the page and its CSV export (so the export is the table as shown).
import type { MetricsSummary } from './facts';
import { aspectsFrom, departmentTable, figuresFrom, weeksOver } from './figures';

export interface Table {
	/** the CSV file name's part and the table's id */
	id: 'figures' | 'weeks' | 'departments' | 'overdue' | 'satisfaction';
	title: string;
	header: string[];
	rows: (string | number)[][];
}

export const TABLE_IDS: Table['id'][] = ['figures', 'weeks', 'departments', 'overdue', 'satisfaction'];

export function tablesOf(summary: MetricsSummary, departmentNames: Record<string, string>, range?: { from: string; to: string }): Record<Table['id'], Table> {
	// local dates (UTC+8); a due instant is the end of its day, so one millisecond before it names the day
	const local = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
	const t = summary.totals;
	const grades = [5, 4, 3, 2, 1].map((g) => [`${g} 分`, t.grades[g - 1]] as [string, number]);
	return {
		figures: {
			id: 'figures',
			title: '指标',
			header: ['指标', '数值', '单位', '口径'],
			rows: figuresFrom(t).map((f) => [f.label, f.value, f.unit, f.definition])
		},
		weeks: {
			id: 'weeks',
			title: '按周趋势',
			header: ['周（周一）', '收件', '办结', '超期'],
			rows: weeksOver(summary.weeks, range).map((w) => [w.week, w.received, w.completed, w.overdue])
		},
		departments: {
			id: 'departments',
			title: '部门对比',
			header: ['部门', '收件', '办结', '超期', '超期率（%）'],
			rows: departmentTable(summary.departments, departmentNames).map((d) => [d.name, d.received, d.completed, d.overdue, d.overdueShare])
		},
		overdue: {
			id: 'overdue',
			title: '超期办件',
			header: ['受理编号', '事项', '提交日期', '承诺办结日期', '已用工作日', '承诺工作日', '状态'],
			rows: summary.overdue.map((c) => [
				c.receiptNumber,
				c.service.name,
				local(c.createdAt),
				local(new Date(Date.parse(c.dueAt) - 1).toISOString()),
				c.usedDays,
				c.promisedDays,
				c.completed ? '已办结' : '在办'
			])
		},
		satisfaction: {
			id: 'satisfaction',
			title: '满意度',
			header: ['项目', '数值'],
			rows: [...grades, ...aspectsFrom(t).map((a) => [`${a.label}（平均分）`, a.value] as [string, number])]
		}
	};
}
