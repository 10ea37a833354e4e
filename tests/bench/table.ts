// One row of `npm run bench`'s table: a measured figure, its unit, and the target it is held to (if any).
export interface BenchRow {
	section: string;
	label: string;
	value: number;
	unit: string;
	digits?: number;
	/** `≤ n` or `≥ n`; rows without a target are context (e.g. peers, cold paths) */
	target?: { op: '≤' | '≥'; value: number };
	note?: string;
}

export const within = (r: BenchRow) => !r.target || (r.target.op === '≤' ? r.value <= r.target.value : r.value >= r.target.value);

const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\u2263\u2266-\u2713\u2719-\uffff]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

export function formatTable(rows: BenchRow[]): string {
	const cells = rows.map((r) => [
		r.section,
		r.label,
		`${Number.isFinite(r.value) ? r.value.toFixed(r.digits ?? 1) : '–'} ${r.unit}`,
		r.target ? `${r.target.op} ${r.target.value} ${r.unit}` : '',
		r.target ? (within(r) ? '✔' : '✘') : '',
		r.note ?? ''
	]);
	const head = ['section', 'figure', 'measured', 'target', '', 'note'];
	const widths = head.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i]))));
	const line = (c: string[]) => `| ${c.map((s, i) => pad(s, widths[i])).join(' | ')} |`;
	return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export function printTable(rows: BenchRow[]) {
	console.log(formatTable(rows));
	const missed = rows.filter((r) => !within(r));
	console.log(
		missed.length
			? `\n✘ ${missed.length} of ${rows.filter((r) => r.target).length} targets missed`
			: `\n✔ all ${rows.filter((r) => r.target).length} targets met`
	);
}
