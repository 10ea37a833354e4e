// A case's facts for the figures (case_metrics): one row per case, written with every save of the case, so the dashboard
// counts rows in the store instead of composing each case. The clock is read at the save; an active case whose clock
// runs becomes overdue later without a save, so "overdue" is decided against the time of the question (overdueAt).
import { localDate } from '../calendar';
import { reformFigures } from '../compose/reform';
import type { ComposedService } from '../compose';
import type { ClockView } from '../cases/engine';
import type { Item } from '../model';
import type { CaseRecord, Rating } from '../store';
import { walkStates } from '../workflow/graph';
import { departmentCounts, matches, totalsOf, weekCounts, weekOf, type DepartmentCounts, type MetricCase, type MetricTotals, type WeekRow } from './figures';

/** One case_metrics row. `overdue` is the clock's verdict at the save (final for a finished case or a paused clock). */
export interface CaseFacts extends MetricCase {
	/** the case version the row was computed from: an older row never replaces a newer one */
	version: number;
	/** the local date (Asia/Shanghai) the case was submitted on, and the Monday of its week */
	day: string;
	week: string;
	/** the clock stood still at the save (补正, 特别程序): the due date moves with the pause, the verdict stays */
	paused: boolean;
	/** working days the clock stood still so far (for the days used by a case still in progress) */
	pausedDays: number;
}

const COMPLETED = new Set(['closed', 'denied', 'rejected']);

/** Per bundle composition: what applying once instead of for each member saves. */
const savings = new WeakMap<ComposedService, { visits: number; materials: number }>();
function bundleSavings(service: ComposedService, items: Item[]) {
	let s = savings.get(service);
	if (!s) {
		const r = reformFigures(service, items);
		s = { visits: Math.max(0, r.visits.separately - r.visits.once), materials: Math.max(0, r.materials.separately - r.materials.once) };
		savings.set(service, s);
	}
	return s;
}

/** The case's facts from its composed service and its clock (as the case page shows it). */
export function caseFacts(
	c: CaseRecord,
	service: ComposedService,
	clock: ClockView,
	env: { regionOf: (department: string) => string | undefined; items: Item[] }
): CaseFacts {
	const departments = [...new Set(walkStates(service.workflow).flatMap((e) => (e.node.meta?.department ? [e.node.meta.department] : [])))];
	const ctx = c.state.machine.context;
	const provided = Object.values(c.state.initial.context.materials);
	const saved = service.kind === 'bundle' ? bundleSavings(service, env.items) : { visits: 0, materials: 0 };
	const verifications = { confirmed: 0, false: 0, open: 0 };
	for (const v of c.state.verifications) verifications[v.status === 'confirmed' ? 'confirmed' : v.status === 'false' ? 'false' : 'open']++;
	const completed = COMPLETED.has(c.status);
	return {
		id: c.id,
		version: c.version,
		receiptNumber: c.receiptNumber,
		service: { kind: c.service.kind, id: c.service.id, name: c.service.name },
		departments,
		regions: [...new Set(departments.flatMap((d) => env.regionOf(d) ?? []))],
		createdAt: c.createdAt,
		day: localDate(c.createdAt),
		week: weekOf(c.createdAt),
		status: c.status,
		accepted: c.events.some((e) => e.type === 'ACCEPT'),
		completed,
		...(clock.finishedAt ? { finishedAt: clock.finishedAt } : {}),
		dueAt: clock.dueAt,
		paused: clock.paused,
		pausedDays: clock.pausedDays,
		// 超期 counts cases in progress or 办结; a withdrawn or terminated case is neither
		overdue: clock.overdue && (c.status === 'active' || completed),
		usedDays: clock.elapsedDays,
		promisedDays: clock.limitDays,
		corrected: ctx.corrections.length > 0,
		deferred: provided.filter((m) => m.source === 'deferred').length,
		commitments: provided.filter((m) => m.source === 'commitment').length,
		verifications,
		online: !c.state.intake,
		materialsSaved: saved.materials + provided.filter((m) => m.source === 'licence' || m.source === 'shared').length,
		// 自由裁量: an action taken at a 领导签批 step is logged as such
		escalated: c.events.some((e) => e.payload.leadership === true),
		visitsSaved: saved.visits
	};
}

/** Overdue at `now` (ISO): an active case whose clock runs is overdue once its due instant passed; otherwise the saved verdict. */
export const overdueAt = (f: Pick<CaseFacts, 'status' | 'paused' | 'dueAt' | 'overdue'>, now: string) =>
	f.status === 'active' && !f.paused ? Date.parse(f.dueAt) < Date.parse(now) : f.overdue;

/** What the dashboard asks the store: the cases submitted from `from` to `to` (local dates, both included) matching the filters. */
export interface MetricsQuery {
	from: string;
	to: string;
	region?: string;
	department?: string;
	/** `item:<id>` or `bundle:<id>` */
	service?: string;
	/** how many overdue cases to list (the oldest first) */
	overdueLimit: number;
}

export interface MetricsSummary {
	totals: MetricTotals;
	/** weeks with cases, in no order */
	weeks: WeekRow[];
	/** departments with cases, in no order */
	departments: DepartmentCounts[];
	/** overdue cases, oldest first, at most overdueLimit; `overdue` as of the question */
	overdue: CaseFacts[];
}

export const inPeriod = (f: Pick<CaseFacts, 'day'>, q: Pick<MetricsQuery, 'from' | 'to'>) => f.day >= q.from && f.day <= q.to;

/** The summary over rows in memory (the lowdb store; the SQL store computes the same as aggregates). */
export function summaryOf(rows: CaseFacts[], ratingOf: (caseId: string) => Rating | undefined, q: MetricsQuery, now: string): MetricsSummary {
	const cases = rows
		.filter((f) => inPeriod(f, q) && matches(f, q))
		.map((f) => ({ ...f, overdue: overdueAt(f, now) }))
		.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
	const ratings = cases.flatMap((c) => ratingOf(c.id) ?? []);
	return {
		totals: totalsOf(cases, ratings),
		weeks: weekCounts(cases),
		departments: departmentCounts(cases),
		overdue: cases.filter((c) => c.overdue).slice(0, q.overdueLimit)
	};
}
