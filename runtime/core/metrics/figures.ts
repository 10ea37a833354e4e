// 改革成效 figures of the workbench dashboard: each figure's definition is written once, here, next to its code, and the
// dashboard shows it as the figure's tooltip. Pure: the server turns cases into MetricCase rows (clock included) first.
import type { Complaint, Rating } from '../store';

/** One case as the figures need it (runtime/server/metrics.ts builds it with the case's clock). */
export interface MetricCase {
	id: string;
	receiptNumber: string;
	service: { kind: 'item' | 'bundle'; id: string; name: string };
	/** the departments that work on the case (its workflow's), each once */
	departments: string[];
	/** 实施区划 codes of those departments */
	regions: string[];
	createdAt: string;
	status: string;
	accepted: boolean;
	/** 办结: approved, denied or rejected (not withdrawn or terminated) */
	completed: boolean;
	finishedAt?: string;
	dueAt: string;
	overdue: boolean;
	/** working days counted on the case clock (补正 time left out) and the days promised */
	usedDays: number;
	promisedDays: number;
	corrected: boolean;
	deferred: number;
	commitments: number;
	verifications: { confirmed: number; false: number; open: number };
	online: boolean;
	/** materials the applicant did not hand in: the bundle's one set instead of each member's, and licences fetched */
	materialsSaved: number;
	/** visits to a hall saved by applying for the bundle once instead of each member */
	visitsSaved: number;
	/** 自由裁量: the case went through a 领导签批 step (鼓励类 items skip it) */
	escalated?: boolean;
}

export interface Figure {
	key: string;
	label: string;
	/** the definition, shown as the figure's tooltip */
	definition: string;
	value: number;
	unit: '件' | '%' | '个工作日' | '份' | '次' | '分';
}

const share = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : 0);
/** nearest-rank percentile */
export function percentile(xs: number[], p: number): number {
	if (!xs.length) return 0;
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** nearest-rank percentile of values given with their counts ([value, how many]) */
export function percentileOfCounts(counts: [number, number][], p: number): number {
	const sorted = [...counts].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.reduce((s, [, n]) => s + n, 0)));
	let seen = 0;
	for (const [v, n] of sorted) if ((seen += n) >= rank) return v;
	return 0;
}

/** 差评 rectified on time: its follow-up closed, the last step taken by the follow-up's deadline (or without one). */
export const rectifiedOnTime = (r: Rating) =>
	r.followUp?.status === 'closed' && (!r.followUp.deadline || (r.followUp.steps.at(-1)?.at ?? '') <= r.followUp.deadline);

/**
 * What the figures are computed from: counts and sums over the period's cases and their ratings. The SQL store computes the
 * same totals as aggregates over case_metrics (runtime/server/sql/metrics.ts); totalsOf is their meaning, in TypeScript.
 */
export interface MetricTotals {
	received: number;
	accepted: number;
	completed: number;
	onTime: number;
	overdue: number;
	/** promised 0 working days (即办) */
	immediate: number;
	/** working days used by completed cases: their sum and nearest-rank 90th percentile */
	usedDaysSum: number;
	p90Days: number;
	promisedDaysSum: number;
	corrected: number;
	deferred: number;
	commitments: number;
	verifiedTrue: number;
	verifiedFalse: number;
	online: number;
	visitsSaved: number;
	materialsSaved: number;
	/** ratings per grade: [1 分, 2 分, 3 分, 4 分, 5 分] */
	grades: number[];
	aspectSums: { attitude: number; efficiency: number; quality: number };
	/** 差评 rectified on time */
	poorRectified: number;
	/** completed cases that went through a 领导签批 step */
	escalated: number;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const count = <T>(xs: T[], p: (x: T) => boolean) => xs.reduce((n, x) => n + (p(x) ? 1 : 0), 0);
const mean = (total: number, n: number) => (n ? Math.round((total / n) * 10) / 10 : 0);

/** The totals over the given cases (their `overdue` as given) and ratings. */
export function totalsOf(cases: MetricCase[], ratings: Rating[]): MetricTotals {
	const done = cases.filter((c) => c.completed);
	const aspect = (k: keyof Rating['aspects']) => sum(ratings.map((r) => r.aspects[k]));
	return {
		received: cases.length,
		accepted: count(cases, (c) => c.accepted),
		completed: done.length,
		onTime: count(done, (c) => !c.overdue),
		overdue: count(cases, (c) => c.overdue),
		immediate: count(cases, (c) => c.promisedDays === 0),
		usedDaysSum: sum(done.map((c) => c.usedDays)),
		p90Days: percentile(
			done.map((c) => c.usedDays),
			90
		),
		promisedDaysSum: sum(cases.map((c) => c.promisedDays)),
		corrected: count(cases, (c) => c.corrected),
		deferred: sum(cases.map((c) => c.deferred)),
		commitments: sum(cases.map((c) => c.commitments)),
		verifiedTrue: sum(cases.map((c) => c.verifications.confirmed)),
		verifiedFalse: sum(cases.map((c) => c.verifications.false)),
		online: count(cases, (c) => c.online),
		visitsSaved: sum(cases.map((c) => c.visitsSaved)),
		materialsSaved: sum(cases.map((c) => c.materialsSaved)),
		grades: [1, 2, 3, 4, 5].map((g) => count(ratings, (r) => r.grade === g)),
		aspectSums: { attitude: aspect('attitude'), efficiency: aspect('efficiency'), quality: aspect('quality') },
		poorRectified: count(ratings, (r) => r.grade <= 2 && rectifiedOnTime(r)),
		escalated: count(done, (c) => !!c.escalated)
	};
}

/** Every figure over the given cases (and their ratings), in the dashboard's order. */
export function figuresOf(cases: MetricCase[], ratings: Rating[]): Figure[] {
	return figuresFrom(totalsOf(cases, ratings));
}

/** Every figure from the totals, in the dashboard's order: each figure's definition is written here, once. */
export function figuresFrom(t: MetricTotals): Figure[] {
	const rated = sum(t.grades);
	const poor = t.grades[0] + t.grades[1];
	const f = (key: string, label: string, value: number, unit: Figure['unit'], definition: string): Figure => ({ key, label, value, unit, definition });
	return [
		f('received', '收件', t.received, '件', '期内提交的办件数（按提交时间计入期间）'),
		f('accepted', '受理', t.accepted, '件', '期内提交且已受理的办件数'),
		f('completed', '办结', t.completed, '件', '期内提交且已办结（批准、不予许可或不予受理）的办件数；撤回、终止不计'),
		f('onTime', '按时办结', t.onTime, '件', '办结时未超过承诺时限（补正时间不计）的办件数'),
		f('overdue', '超期', t.overdue, '件', '在办已过承诺时限，或办结晚于承诺时限的办件数'),
		f('overdueShare', '超期率', share(t.overdue, t.received), '%', '超期办件数 ÷ 收件数'),
		f('immediateShare', '即办件占比', share(t.immediate, t.received), '%', '承诺时限为 0 个工作日（即办）的办件数 ÷ 收件数'),
		f('avgDays', '平均用时', mean(t.usedDaysSum, t.completed), '个工作日', '已办结办件从提交次日起所用工作日的平均数（补正、特别程序时间不计）'),
		f('p90Days', '用时 90 分位', t.p90Days, '个工作日', '已办结办件所用工作日的第 90 百分位（最近秩法）'),
		f('avgPromised', '平均承诺时限', mean(t.promisedDaysSum, t.received), '个工作日', '收件办件承诺时限（工作日）的平均数'),
		f('correctionRate', '补正率', share(t.corrected, t.received), '%', '曾收到补正告知的办件数 ÷ 收件数'),
		f('deferred', '容缺受理材料', t.deferred, '份', '申请时选择容缺后补的材料份数'),
		f('commitments', '告知承诺材料', t.commitments, '份', '以告知承诺替代的材料份数'),
		f('verifiedTrue', '承诺核查属实', t.verifiedTrue, '份', '告知承诺事后核查结论为属实的份数'),
		f('verifiedFalse', '承诺核查不实', t.verifiedFalse, '份', '告知承诺事后核查结论为不实的份数'),
		f('onlineShare', '网上申请占比', share(t.online, t.received), '%', '申请人网上提交（非窗口收件、帮办代办）的办件数 ÷ 收件数'),
		f('visitsSaved', '少跑次数', t.visitsSaved, '次', '一件事办件：各事项分别办理的到场次数之和减去一次办理的到场次数，累加'),
		f('materialsSaved', '少交材料', t.materialsSaved, '份', '一件事合并后少交的材料份数，加上通过电子证照调取的材料份数，累加'),
		f(
			'escalatedShare',
			'报领导签批比例',
			share(t.escalated, t.completed),
			'%',
			'已办结办件中经过领导签批环节的办件数 ÷ 办结数（鼓励类事项不报领导签批，限制类须报）'
		),
		f('rated', '评价数', rated, '件', '期内办件收到的好差评数（一事一评）'),
		f('goodShare', '好评率', share(t.grades[3] + t.grades[4], rated), '%', '评为“满意”或“非常满意”（4–5 分）的评价数 ÷ 评价数'),
		f('avgGrade', '平均评分', mean(sum(t.grades.map((n, i) => n * (i + 1))), rated), '分', '总体评分（1–5 分）的平均数'),
		f('poor', '差评', poor, '件', '评为“不满意”或“非常不满意”（1–2 分）的评价数'),
		f('poorRectified', '差评按期整改率', share(t.poorRectified, poor), '%', '处理已办结且最后一步不晚于整改期限的差评数 ÷ 差评数')
	];
}

/** 办不成事反映 of the period: received, and the share replied by the deadline (complaints are not tied to a case's filters). */
export function complaintFiguresOf(complaints: Complaint[]): Figure[] {
	const onTime = complaints.filter((c) => c.reply && c.reply.at <= c.dueAt).length;
	return [
		{ key: 'complaints', label: '办不成事反映', value: complaints.length, unit: '件', definition: '期内收到的办不成事反映件数（按部门筛选时为转交该部门的）' },
		{
			key: 'complaintsOnTime',
			label: '反映按期答复率',
			value: share(onTime, complaints.length),
			unit: '%',
			definition: '在答复期限（5 个工作日）内答复的反映数 ÷ 期内收到的反映数'
		}
	];
}

/** 好差评 per aspect: the average grade of each. */
export function aspectsOf(ratings: Rating[]) {
	return aspectsFrom(totalsOf([], ratings));
}

export function aspectsFrom(t: Pick<MetricTotals, 'grades' | 'aspectSums'>) {
	const labels = { attitude: '服务态度', efficiency: '办事效率', quality: '办理质量' } as const;
	const rated = sum(t.grades);
	return (Object.keys(labels) as (keyof typeof labels)[]).map((k) => ({ key: k, label: labels[k], value: mean(t.aspectSums[k], rated) }));
}

/** The Monday (local date, Asia/Shanghai) of the week an instant falls in. */
export function weekOf(iso: string): string {
	const local = new Date(Date.parse(iso) + 8 * 3600_000);
	const day = (local.getUTCDay() + 6) % 7;
	return new Date(local.getTime() - day * 86400_000).toISOString().slice(0, 10);
}

export interface WeekRow {
	/** the Monday (local date) */
	week: string;
	received: number;
	completed: number;
	overdue: number;
}
export type DepartmentCounts = { department: string } & Omit<WeekRow, 'week'>;

/** Received, completed and overdue cases per week of submission (weeks with cases only, in no order). */
export function weekCounts(cases: MetricCase[]): WeekRow[] {
	const weeks = new Map<string, WeekRow>();
	for (const c of cases) {
		const w = weekOf(c.createdAt);
		const row = weeks.get(w) ?? weeks.set(w, { week: w, received: 0, completed: 0, overdue: 0 }).get(w)!;
		row.received++;
		if (c.completed) row.completed++;
		if (c.overdue) row.overdue++;
	}
	return [...weeks.values()];
}

/** The weekly trend, oldest week first; every week of `range` (local dates) listed, empty ones too. */
export function weeksOver(counted: WeekRow[], range?: { from: string; to: string }): WeekRow[] {
	const weeks = new Map(counted.map((w) => [w.week, w]));
	if (range)
		for (let w = weekOf(`${range.from}T00:00:00+08:00`); w <= range.to; w = new Date(Date.parse(`${w}T00:00:00Z`) + 7 * 86400_000).toISOString().slice(0, 10))
			if (!weeks.has(w)) weeks.set(w, { week: w, received: 0, completed: 0, overdue: 0 });
	return [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
}

/** Received, completed and overdue cases per week of submission, oldest week first; every week of `range` (local dates) listed, empty ones too. */
export function trendByWeek(cases: MetricCase[], range?: { from: string; to: string }) {
	return weeksOver(weekCounts(cases), range);
}

/** Per department (a case counts for each department that works on it): received, completed and overdue. */
export function departmentCounts(cases: MetricCase[]): DepartmentCounts[] {
	const rows = new Map<string, DepartmentCounts>();
	for (const c of cases)
		for (const d of c.departments) {
			const row = rows.get(d) ?? rows.set(d, { department: d, received: 0, completed: 0, overdue: 0 }).get(d)!;
			row.received++;
			if (c.completed) row.completed++;
			if (c.overdue) row.overdue++;
		}
	return [...rows.values()];
}

/** The department table: each department's name and overdue share, the busiest first. */
export function departmentTable(counted: DepartmentCounts[], names: Record<string, string>) {
	return counted
		.map((r) => ({ ...r, name: names[r.department] ?? r.department, overdueShare: share(r.overdue, r.received) }))
		.sort((a, b) => b.received - a.received || a.name.localeCompare(b.name));
}

/** Per department (a case counts for each department that works on it): received, completed, overdue and its share. */
export function byDepartment(cases: MetricCase[], names: Record<string, string>) {
	return departmentTable(departmentCounts(cases), names);
}

/** Filters a period and a region / department / item or bundle may set; every one optional. */
export interface MetricsFilter {
	/** local dates, both included */
	from?: string;
	to?: string;
	region?: string;
	department?: string;
	/** `item:<id>` or `bundle:<id>` */
	service?: string;
}

export function matches(c: MetricCase, f: MetricsFilter): boolean {
	return (
		(!f.region || c.regions.includes(f.region)) &&
		(!f.department || c.departments.includes(f.department)) &&
		(!f.service || `${c.service.kind}:${c.service.id}` === f.service)
	);
}
