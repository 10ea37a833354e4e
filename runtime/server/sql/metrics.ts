// The figures over SQL: one case_metrics row per case (written with the case); triggers (migration 12) keep its sums per
// day, service and departments (case_metrics_days) and the days used by completed cases (case_metrics_used), so a question
// reads a few thousand rows for a year of a million cases. Only what depends on the time asked is counted from the rows:
// overdue cases whose clock still runs (a partial index) and the overdue list. The sums are what core/metrics/figures.ts's
// totalsOf (and weekCounts, departmentCounts) count in TypeScript; the contract test holds the two to the same answers.
import type { CaseFacts, MetricsQuery, MetricsSummary } from '../../core/metrics/facts';
import { percentileOfCounts, weekOf, type DepartmentCounts, type MetricTotals, type WeekRow } from '../../core/metrics/figures';
import type { Store, StoreTx } from '../../core/store';
import type { Driver, Queryable, Row } from './driver';
import { insertFromJson } from './rows';

export const FACT_COLUMNS = [
	'case_id',
	'version',
	'receipt_number',
	'service_kind',
	'service_id',
	'service_name',
	'departments',
	'regions',
	'created_at',
	'day',
	'week',
	'status',
	'accepted',
	'completed',
	'finished_at',
	'due_at',
	'paused',
	'paused_days',
	'overdue',
	'used_days',
	'promised_days',
	'corrected',
	'deferred',
	'commitments',
	'verified_true',
	'verified_false',
	'verified_open',
	'online',
	'materials_saved',
	'visits_saved',
	'escalated'
] as const;

export const factsRow = (f: CaseFacts): Record<(typeof FACT_COLUMNS)[number], unknown> => ({
	case_id: f.id,
	version: f.version,
	receipt_number: f.receiptNumber,
	service_kind: f.service.kind,
	service_id: f.service.id,
	service_name: f.service.name,
	departments: f.departments,
	regions: f.regions,
	created_at: f.createdAt,
	day: f.day,
	week: f.week,
	status: f.status,
	accepted: f.accepted,
	completed: f.completed,
	finished_at: f.finishedAt ?? null,
	due_at: f.dueAt,
	paused: f.paused,
	paused_days: f.pausedDays,
	overdue: f.overdue,
	used_days: f.usedDays,
	promised_days: f.promisedDays,
	corrected: f.corrected,
	deferred: f.deferred,
	commitments: f.commitments,
	verified_true: f.verifications.confirmed,
	verified_false: f.verifications.false,
	verified_open: f.verifications.open,
	online: f.online,
	materials_saved: f.materialsSaved,
	escalated: f.escalated ?? false,
	visits_saved: f.visitsSaved
});

/** $n placeholders for the values added (as cases.ts's Params; not imported, cases.ts imports this file) */
class Params {
	readonly values: unknown[] = [];
	add(v: unknown) {
		this.values.push(v);
		return `$${this.values.length}`;
	}
}

const localDay = (instant: string) => new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10);
/** local midnight (UTC+8) starting a date, as an ISO instant */
const startOf = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

function factsFromRow(r: Row): CaseFacts {
	return {
		id: r.case_id as string,
		version: r.version as number,
		receiptNumber: r.receipt_number as string,
		service: { kind: r.service_kind as 'item' | 'bundle', id: r.service_id as string, name: r.service_name as string },
		departments: r.departments as string[],
		regions: r.regions as string[],
		createdAt: iso(r.created_at),
		day: localDay(iso(r.created_at)),
		week: weekOf(iso(r.created_at)),
		status: r.status as string,
		accepted: r.accepted as boolean,
		completed: r.completed as boolean,
		...(r.finished_at ? { finishedAt: iso(r.finished_at) } : {}),
		dueAt: iso(r.due_at),
		paused: r.paused as boolean,
		pausedDays: Number(r.paused_days),
		overdue: r.od as boolean,
		usedDays: Number(r.used_days),
		promisedDays: Number(r.promised_days),
		corrected: r.corrected as boolean,
		deferred: Number(r.deferred),
		commitments: Number(r.commitments),
		verifications: { confirmed: Number(r.verified_true), false: Number(r.verified_false), open: Number(r.verified_open) },
		online: r.online as boolean,
		materialsSaved: Number(r.materials_saved),
		visitsSaved: Number(r.visits_saved),
		escalated: r.escalated === true
	};
}

/** Upserts rows; a stored row of a newer case version stays. */
export const UPSERT_FACTS = `ON CONFLICT (case_id) DO UPDATE SET ${FACT_COLUMNS.slice(1)
	.map((c) => `${c} = EXCLUDED.${c}`)
	.join(', ')} WHERE case_metrics.version <= EXCLUDED.version`;

export const putFacts = async (q: Queryable, rows: CaseFacts[]) => {
	if (rows.length) await q.query(`${insertFromJson('case_metrics', FACT_COLUMNS)} ${UPSERT_FACTS}`, [JSON.stringify(rows.map(factsRow))]);
};

export const factsTx = (q: Queryable): StoreTx['caseMetrics'] => ({ put: (f) => putFacts(q, [f]) });

/** The filters other than the period, on any of the three tables. */
function filters(q: MetricsQuery, p: Params): string[] {
	const w: string[] = [];
	if (q.region) w.push(`regions @> ARRAY[${p.add(q.region)}]::text[]`);
	if (q.department) w.push(`departments @> ARRAY[${p.add(q.department)}]::text[]`);
	if (q.service) {
		const [kind, id] = q.service.split(':');
		w.push(`service_kind = ${p.add(kind)}`, `service_id = ${p.add(id)}`);
	}
	return w;
}
const onDays = (q: MetricsQuery, p: Params) => [`day >= ${p.add(q.from)}::date`, `day <= ${p.add(q.to)}::date`, ...filters(q, p)].join(' AND ');
/** the rows by their submission instant (the index's order) */
const onRows = (q: MetricsQuery, p: Params) =>
	[`created_at >= ${p.add(startOf(q.from))}::timestamptz`, `created_at < ${p.add(startOf(dayAfter(q.to)))}::timestamptz`, ...filters(q, p)].join(' AND ');

const SUMS = [
	'received',
	'accepted',
	'completed',
	'on_time',
	'overdue_kept',
	'immediate',
	'promised_days',
	'used_days',
	'corrected',
	'deferred',
	'commitments',
	'verified_true',
	'verified_false',
	'online',
	'visits_saved',
	'materials_saved',
	'grade1',
	'grade2',
	'grade3',
	'grade4',
	'grade5',
	'attitude',
	'efficiency',
	'quality',
	'rectified',
	'escalated'
] as const;
type Sums = Record<(typeof SUMS)[number], number>;

const n = (v: unknown) => Number(v ?? 0);

/**
 * One question, planned for its own period and filters: the driver keeps statements prepared, and a plan made generic
 * after a few 90-day questions reads a year badly (seconds instead of tens of milliseconds at a million cases).
 */
async function query(db: Driver, build: (p: Params) => string) {
	const p = new Params();
	const text = build(p);
	return db.transaction(async (q) => {
		await q.query('SET LOCAL plan_cache_mode = force_custom_plan');
		return (await q.query(text, p.values)).rows;
	});
}

/** The totals, weeks and departments from the per-day sums (and the live overdue counts), in TypeScript. */
function assemble(days: Row[], used: Row[], live: Row[]): Omit<MetricsSummary, 'overdue'> {
	const total = Object.fromEntries(SUMS.map((k) => [k, 0])) as Sums;
	const weeks = new Map<string, WeekRow>();
	const departments = new Map<string, DepartmentCounts>();
	const add = (week: string, deps: string[], received: number, completed: number, overdue: number) => {
		const w = weeks.get(week) ?? weeks.set(week, { week, received: 0, completed: 0, overdue: 0 }).get(week)!;
		w.received += received;
		w.completed += completed;
		w.overdue += overdue;
		for (const d of deps) {
			const r = departments.get(d) ?? departments.set(d, { department: d, received: 0, completed: 0, overdue: 0 }).get(d)!;
			r.received += received;
			r.completed += completed;
			r.overdue += overdue;
		}
	};
	for (const r of days) {
		for (const k of SUMS) total[k] += n(r[k]);
		add(String(r.week), r.departments as string[], n(r.received), n(r.completed), n(r.overdue_kept));
	}
	let running = 0;
	for (const r of live) {
		running += n(r.overdue);
		add(String(r.week), r.departments as string[], 0, 0, n(r.overdue));
	}
	const t = total;
	const totals: MetricTotals = {
		received: t.received,
		accepted: t.accepted,
		completed: t.completed,
		onTime: t.on_time,
		overdue: t.overdue_kept + running,
		immediate: t.immediate,
		usedDaysSum: t.used_days,
		p90Days: percentileOfCounts(
			used.map((r) => [n(r.used_days), n(r.n)]),
			90
		),
		promisedDaysSum: t.promised_days,
		corrected: t.corrected,
		deferred: t.deferred,
		commitments: t.commitments,
		verifiedTrue: t.verified_true,
		verifiedFalse: t.verified_false,
		online: t.online,
		visitsSaved: t.visits_saved,
		materialsSaved: t.materials_saved,
		grades: [t.grade1, t.grade2, t.grade3, t.grade4, t.grade5],
		aspectSums: { attitude: t.attitude, efficiency: t.efficiency, quality: t.quality },
		poorRectified: t.rectified,
		escalated: t.escalated
	};
	// weeks and departments whose sums cancelled out (rows moved away) are not listed
	return { totals, weeks: [...weeks.values()].filter((w) => w.received > 0), departments: [...departments.values()].filter((d) => d.received > 0) };
}

export function sqlCaseMetrics(db: Driver): Store['caseMetrics'] {
	return {
		summary: async (q, now): Promise<MetricsSummary> => {
			const week = `date_trunc('week', day::timestamp)::date::text`;
			const [days, used, live, overdue] = await Promise.all([
				query(
					db,
					(p) =>
						`SELECT ${week} AS week, departments, ${SUMS.map((k) => `sum(${k}) AS ${k}`).join(', ')}
						FROM case_metrics_days WHERE ${onDays(q, p)} GROUP BY 1, 2`
				),
				query(db, (p) => `SELECT used_days, sum(n) AS n FROM case_metrics_used WHERE ${onDays(q, p)} GROUP BY used_days`),
				// cases in progress whose clock runs are overdue once their due instant passed: decided now
				query(
					db,
					(p) =>
						`SELECT week::text AS week, departments, count(*) AS overdue FROM case_metrics
						WHERE status = 'active' AND NOT paused AND due_at < ${p.add(now)}::timestamptz AND ${onRows(q, p)} GROUP BY 1, 2`
				),
				// the oldest overdue: their ids from the index of the late and the running (case_metrics_late), then their rows
				query(db, (p) => {
					const od = `CASE WHEN status = 'active' AND NOT paused THEN due_at < ${p.add(now)}::timestamptz ELSE overdue END`;
					const late = `SELECT case_id FROM case_metrics WHERE (overdue OR (status = 'active' AND NOT paused)) AND ${onRows(q, p)} AND ${od}
						ORDER BY created_at, case_id LIMIT ${p.add(q.overdueLimit)}`;
					return `SELECT *, true AS od FROM case_metrics WHERE case_id IN (${late}) ORDER BY created_at, case_id`;
				})
			]);
			return { ...assemble(days, used, live), overdue: overdue.map(factsFromRow) };
		},
		missing: async (afterId, limit) =>
			(
				await db.query<{ id: string }>(
					`SELECT id FROM cases c WHERE id > $1 AND NOT EXISTS (SELECT 1 FROM case_metrics m WHERE m.case_id = c.id) ORDER BY id LIMIT $2`,
					[afterId, Math.max(0, limit)]
				)
			).rows.map((r) => r.id)
	};
}
