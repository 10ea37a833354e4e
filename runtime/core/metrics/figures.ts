// 改革成效 figures of the workbench dashboard: each figure's definition is written once, here, next to its code, and the
// dashboard shows it as the figure's tooltip. Pure: the server turns cases into MetricCase rows (clock included) first.
import type { Rating } from '../store';

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
const avg = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : 0);
/** nearest-rank percentile */
export function percentile(xs: number[], p: number): number {
	if (!xs.length) return 0;
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** 差评 rectified on time: its follow-up closed, the last step taken by the follow-up's deadline (or without one). */
export const rectifiedOnTime = (r: Rating) =>
	r.followUp?.status === 'closed' && (!r.followUp.deadline || (r.followUp.steps.at(-1)?.at ?? '') <= r.followUp.deadline);

/** Every figure over the given cases (and their ratings), in the dashboard's order. */
export function figuresOf(cases: MetricCase[], ratings: Rating[]): Figure[] {
	const done = cases.filter((c) => c.completed);
	const poor = ratings.filter((r) => r.grade <= 2);
	const f = (key: string, label: string, value: number, unit: Figure['unit'], definition: string): Figure => ({ key, label, value, unit, definition });
	return [
		f('received', '收件', cases.length, '件', '期内提交的办件数（按提交时间计入期间）'),
		f('accepted', '受理', cases.filter((c) => c.accepted).length, '件', '期内提交且已受理的办件数'),
		f('completed', '办结', done.length, '件', '期内提交且已办结（批准、不予许可或不予受理）的办件数；撤回、终止不计'),
		f('onTime', '按时办结', done.filter((c) => !c.overdue).length, '件', '办结时未超过承诺时限（补正时间不计）的办件数'),
		f('overdue', '超期', cases.filter((c) => c.overdue).length, '件', '在办已过承诺时限，或办结晚于承诺时限的办件数'),
		f('overdueShare', '超期率', share(cases.filter((c) => c.overdue).length, cases.length), '%', '超期办件数 ÷ 收件数'),
		f(
			'immediateShare',
			'即办件占比',
			share(cases.filter((c) => c.promisedDays === 0).length, cases.length),
			'%',
			'承诺时限为 0 个工作日（即办）的办件数 ÷ 收件数'
		),
		f('avgDays', '平均用时', avg(done.map((c) => c.usedDays)), '个工作日', '已办结办件从提交次日起所用工作日的平均数（补正、特别程序时间不计）'),
		f(
			'p90Days',
			'用时 90 分位',
			percentile(
				done.map((c) => c.usedDays),
				90
			),
			'个工作日',
			'已办结办件所用工作日的第 90 百分位（最近秩法）'
		),
		f('avgPromised', '平均承诺时限', avg(cases.map((c) => c.promisedDays)), '个工作日', '收件办件承诺时限（工作日）的平均数'),
		f('correctionRate', '补正率', share(cases.filter((c) => c.corrected).length, cases.length), '%', '曾收到补正告知的办件数 ÷ 收件数'),
		f(
			'deferred',
			'容缺受理材料',
			cases.reduce((n, c) => n + c.deferred, 0),
			'份',
			'申请时选择容缺后补的材料份数'
		),
		f(
			'commitments',
			'告知承诺材料',
			cases.reduce((n, c) => n + c.commitments, 0),
			'份',
			'以告知承诺替代的材料份数'
		),
		f(
			'verifiedTrue',
			'承诺核查属实',
			cases.reduce((n, c) => n + c.verifications.confirmed, 0),
			'份',
			'告知承诺事后核查结论为属实的份数'
		),
		f(
			'verifiedFalse',
			'承诺核查不实',
			cases.reduce((n, c) => n + c.verifications.false, 0),
			'份',
			'告知承诺事后核查结论为不实的份数'
		),
		f('onlineShare', '网上申请占比', share(cases.filter((c) => c.online).length, cases.length), '%', '申请人网上提交（非窗口收件、帮办代办）的办件数 ÷ 收件数'),
		f(
			'visitsSaved',
			'少跑次数',
			cases.reduce((n, c) => n + c.visitsSaved, 0),
			'次',
			'一件事办件：各事项分别办理的到场次数之和减去一次办理的到场次数，累加'
		),
		f(
			'materialsSaved',
			'少交材料',
			cases.reduce((n, c) => n + c.materialsSaved, 0),
			'份',
			'一件事合并后少交的材料份数，加上通过电子证照调取的材料份数，累加'
		),
		f(
			'escalatedShare',
			'报领导签批比例',
			share(done.filter((c) => c.escalated).length, done.length),
			'%',
			'已办结办件中经过领导签批环节的办件数 ÷ 办结数（鼓励类事项不报领导签批，限制类须报）'
		),
		f('rated', '评价数', ratings.length, '件', '期内办件收到的好差评数（一事一评）'),
		f('goodShare', '好评率', share(ratings.filter((r) => r.grade >= 4).length, ratings.length), '%', '评为“满意”或“非常满意”（4–5 分）的评价数 ÷ 评价数'),
		f('avgGrade', '平均评分', avg(ratings.map((r) => r.grade)), '分', '总体评分（1–5 分）的平均数'),
		f('poor', '差评', poor.length, '件', '评为“不满意”或“非常不满意”（1–2 分）的评价数'),
		f('poorRectified', '差评按期整改率', share(poor.filter(rectifiedOnTime).length, poor.length), '%', '处理已办结且最后一步不晚于整改期限的差评数 ÷ 差评数')
	];
}

/** 好差评 per aspect: the average grade of each. */
export function aspectsOf(ratings: Rating[]) {
	const labels = { attitude: '服务态度', efficiency: '办事效率', quality: '办理质量' } as const;
	return (Object.keys(labels) as (keyof typeof labels)[]).map((k) => ({ key: k, label: labels[k], value: avg(ratings.map((r) => r.aspects[k])) }));
}

/** The Monday (local date, Asia/Shanghai) of the week an instant falls in. */
export function weekOf(iso: string): string {
	const local = new Date(Date.parse(iso) + 8 * 3600_000);
	const day = (local.getUTCDay() + 6) % 7;
	return new Date(local.getTime() - day * 86400_000).toISOString().slice(0, 10);
}

/** Received, completed and overdue cases per week of submission, oldest week first; every week of `range` (local dates) listed, empty ones too. */
export function trendByWeek(cases: MetricCase[], range?: { from: string; to: string }) {
	const weeks = new Map<string, { week: string; received: number; completed: number; overdue: number }>();
	if (range)
		for (let w = weekOf(`${range.from}T00:00:00+08:00`); w <= range.to; w = new Date(Date.parse(`${w}T00:00:00Z`) + 7 * 86400_000).toISOString().slice(0, 10))
			weeks.set(w, { week: w, received: 0, completed: 0, overdue: 0 });
	for (const c of cases) {
		const w = weekOf(c.createdAt);
		const row = weeks.get(w) ?? weeks.set(w, { week: w, received: 0, completed: 0, overdue: 0 }).get(w)!;
		row.received++;
		if (c.completed) row.completed++;
		if (c.overdue) row.overdue++;
	}
	return [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
}

/** Per department (a case counts for each department that works on it): received, completed, overdue and its share. */
export function byDepartment(cases: MetricCase[], names: Record<string, string>) {
	const rows = new Map<string, { department: string; name: string; received: number; completed: number; overdue: number; overdueShare: number }>();
	for (const c of cases)
		for (const d of c.departments) {
			const row = rows.get(d) ?? rows.set(d, { department: d, name: names[d] ?? d, received: 0, completed: 0, overdue: 0, overdueShare: 0 }).get(d)!;
			row.received++;
			if (c.completed) row.completed++;
			if (c.overdue) row.overdue++;
		}
	return [...rows.values()]
		.map((r) => ({ ...r, overdueShare: share(r.overdue, r.received) }))
		.sort((a, b) => b.received - a.received || a.name.localeCompare(b.name));
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
