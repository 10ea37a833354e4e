// The figures over SQL: one case_metrics row per case (written with the case) and the dashboard's questions as aggregates
// over the period's rows. Each aggregate computes what core/metrics/figures.ts's totalsOf (and weekCounts,
// departmentCounts) count in TypeScript; the contract test holds the two to the same answers.
import type { CaseFacts, MetricsQuery, MetricsSummary } from '../../core/metrics/facts';
import { weekOf } from '../../core/metrics/figures';
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
	'visits_saved'
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
		visitsSaved: Number(r.visits_saved)
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

/** The period's rows matching the filters, with `od`: overdue at $now (a running clock's due instant passed, else the saved verdict). */
function periodRows(q: MetricsQuery, now: string, p: Params, alias = 'm'): string {
	const w = [`created_at >= ${p.add(q.from)}::timestamptz`, `created_at < ${p.add(q.before)}::timestamptz`];
	if (q.region) w.push(`regions @> ARRAY[${p.add(q.region)}]::text[]`);
	if (q.department) w.push(`departments @> ARRAY[${p.add(q.department)}]::text[]`);
	if (q.service) {
		const [kind, id] = q.service.split(':');
		w.push(`service_kind = ${p.add(kind)}`, `service_id = ${p.add(id)}`);
	}
	const od = `CASE WHEN status = 'active' AND NOT paused THEN due_at < ${p.add(now)}::timestamptz ELSE overdue END`;
	return `(SELECT *, ${od} AS od FROM case_metrics WHERE ${w.join(' AND ')}) ${alias}`;
}

const n = (v: unknown) => Number(v ?? 0);

async function totals(db: Queryable, q: MetricsQuery, now: string) {
	const p = new Params();
	const { rows } = await db.query(
		`SELECT count(*) AS received, count(*) FILTER (WHERE accepted) AS accepted, count(*) FILTER (WHERE completed) AS completed,
			count(*) FILTER (WHERE completed AND NOT od) AS on_time, count(*) FILTER (WHERE od) AS overdue,
			count(*) FILTER (WHERE promised_days = 0) AS immediate,
			sum(used_days) FILTER (WHERE completed) AS used_days_sum,
			percentile_disc(0.9) WITHIN GROUP (ORDER BY used_days) FILTER (WHERE completed) AS p90_days,
			sum(promised_days) AS promised_days_sum, count(*) FILTER (WHERE corrected) AS corrected,
			sum(deferred) AS deferred, sum(commitments) AS commitments, sum(verified_true) AS verified_true,
			sum(verified_false) AS verified_false, count(*) FILTER (WHERE online) AS online,
			sum(visits_saved) AS visits_saved, sum(materials_saved) AS materials_saved
		FROM ${periodRows(q, now, p)}`,
		p.values
	);
	return rows[0];
}

/** 好差评 of the period's cases per grade: how many, the aspects' sums, 差评 rectified on time (figures.ts rectifiedOnTime). */
async function ratings(db: Queryable, q: MetricsQuery, now: string) {
	const p = new Params();
	const f = `r.doc->'followUp'`;
	const { rows } = await db.query(
		`SELECT r.grade, count(*) AS n,
			sum((r.doc->'aspects'->>'attitude')::int) AS attitude, sum((r.doc->'aspects'->>'efficiency')::int) AS efficiency,
			sum((r.doc->'aspects'->>'quality')::int) AS quality,
			count(*) FILTER (WHERE r.grade <= 2 AND ${f}->>'status' = 'closed'
				AND (coalesce(${f}->>'deadline', '') = '' OR coalesce(${f}->'steps'->-1->>'at', '') COLLATE "C" <= (${f}->>'deadline') COLLATE "C")) AS rectified
		FROM ratings r JOIN ${periodRows(q, now, p)} ON m.case_id = r.case_id COLLATE "C"
		GROUP BY r.grade`,
		p.values
	);
	return rows;
}

export function sqlCaseMetrics(db: Driver): Store['caseMetrics'] {
	return {
		summary: async (q, now): Promise<MetricsSummary> => {
			const counts = `count(*) AS received, count(*) FILTER (WHERE completed) AS completed, count(*) FILTER (WHERE od) AS overdue`;
			const [t, rated, weeks, departments, overdue] = await Promise.all([
				totals(db, q, now),
				ratings(db, q, now),
				(async () => {
					const p = new Params();
					return (await db.query(`SELECT week::text AS week, ${counts} FROM ${periodRows(q, now, p)} GROUP BY week`, p.values)).rows;
				})(),
				(async () => {
					const p = new Params();
					return (await db.query(`SELECT d AS department, ${counts} FROM ${periodRows(q, now, p)} CROSS JOIN LATERAL unnest(m.departments) d GROUP BY d`, p.values))
						.rows;
				})(),
				(async () => {
					const p = new Params();
					const sql = `SELECT * FROM ${periodRows(q, now, p)} WHERE od ORDER BY created_at, case_id LIMIT ${p.add(q.overdueLimit)}`;
					return (await db.query(sql, p.values)).rows.map(factsFromRow);
				})()
			]);
			const grades = [1, 2, 3, 4, 5].map((g) => n(rated.find((r) => Number(r.grade) === g)?.n));
			const aspect = (k: string) => rated.reduce((s, r) => s + n(r[k]), 0);
			return {
				totals: {
					received: n(t.received),
					accepted: n(t.accepted),
					completed: n(t.completed),
					onTime: n(t.on_time),
					overdue: n(t.overdue),
					immediate: n(t.immediate),
					usedDaysSum: n(t.used_days_sum),
					p90Days: n(t.p90_days),
					promisedDaysSum: n(t.promised_days_sum),
					corrected: n(t.corrected),
					deferred: n(t.deferred),
					commitments: n(t.commitments),
					verifiedTrue: n(t.verified_true),
					verifiedFalse: n(t.verified_false),
					online: n(t.online),
					visitsSaved: n(t.visits_saved),
					materialsSaved: n(t.materials_saved),
					grades,
					aspectSums: { attitude: aspect('attitude'), efficiency: aspect('efficiency'), quality: aspect('quality') },
					poorRectified: rated.reduce((s, r) => s + n(r.rectified), 0)
				},
				weeks: weeks.map((r) => ({ week: String(r.week), received: n(r.received), completed: n(r.completed), overdue: n(r.overdue) })),
				departments: departments.map((r) => ({ department: r.department as string, received: n(r.received), completed: n(r.completed), overdue: n(r.overdue) })),
				overdue
			};
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
