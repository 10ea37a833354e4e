// The workbench figures (/workbench/metrics): who may see them, the filters read from the page's query, and each case of
// the period turned into a MetricCase with its clock. The figures themselves are counted in runtime/core/metrics.
//
// The store gives the period's cases (cases.list with createdFrom/createdBefore: an index range on created_at in SQL, a
// scan in lowdb) and their ratings; the working-day clock needs the case's composed workflow and the work calendar, which
// SQL does not hold, so the counting is done here over those rows rather than as SQL aggregates.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { localDate } from '../core/calendar';
import { reformFigures } from '../core/compose/reform';
import { HttpError } from '../core/errors';
import { matches, type MetricCase, type MetricsFilter } from '../core/metrics/figures';
import type { Actor, CaseRecord, Rating } from '../core/store';
import { walkStates } from '../core/workflow/graph';
import type { Item } from '../core/model';
import type { App } from './app';
import { LIMITS } from './store-common';

/** Roles that see their own department's figures (部门管理员, 科室负责人); administrators see every department. */
const DEPARTMENT_HEADS = ['deptAdmin', 'supervisor'];
/** The period shown when the page names none: the last 90 days. */
export const DEFAULT_DAYS = 90;
/** The longest period one page counts (the cases are read, at most LIMITS.list of them). */
const MAX_DAYS = 366;
const COMPLETED = new Set(['closed', 'denied', 'rejected']);

export function requireMetricsViewer(event: RequestEvent): Actor {
	const actor = event.locals.actor;
	if (!actor) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (actor.roles.includes('admin')) return actor;
	if (actor.department && actor.roles.some((r) => DEPARTMENT_HEADS.includes(r))) return actor;
	error(403, '统计分析仅限系统管理员、部门管理员和科室负责人');
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
/** Local midnight (UTC+8) starting a date, as an ISO instant. */
const startOf = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();

/** The page's filters, checked: a bad one names its field. A department head's department is always their own. */
export function filterOf(app: App, actor: Actor, q: URLSearchParams): Required<Pick<MetricsFilter, 'from' | 'to'>> & MetricsFilter {
	const today = localDate(app.time.now());
	const from = q.get('from') || addDays(today, -(DEFAULT_DAYS - 1));
	const to = q.get('to') || today;
	if (!validDate(from)) throw new HttpError(400, `起始日期（from）应为 YYYY-MM-DD 格式的日期，收到「${from.slice(0, 20)}」`);
	if (!validDate(to)) throw new HttpError(400, `截止日期（to）应为 YYYY-MM-DD 格式的日期，收到「${to.slice(0, 20)}」`);
	if (from > to) throw new HttpError(400, `起始日期（from）${from} 晚于截止日期（to）${to}`);
	if (addDays(from, MAX_DAYS - 1) < to) throw new HttpError(400, `统计期间（from–to）最长 ${MAX_DAYS} 天`);
	const d = app.catalog.dictionaries;
	const region = q.get('region') || undefined;
	if (region && !d.departments.some((x) => x.region === region)) throw new HttpError(400, `区划（region）「${region.slice(0, 20)}」下没有部门`);
	let department = q.get('department') || undefined;
	if (!actor.roles.includes('admin')) department = actor.department;
	else if (department && !d.departments.some((x) => x.id === department)) throw new HttpError(400, `部门（department）「${department.slice(0, 40)}」不存在`);
	const service = q.get('service') || undefined;
	if (service && !/^(item|bundle):[A-Za-z0-9_-]+$/.test(service))
		throw new HttpError(400, `事项（service）应为 item:<编码> 或 bundle:<编码>，收到「${service.slice(0, 40)}」`);
	return { from, to, region, department, service };
}

/** One case as the figures need it: its clock (as the case page shows it), departments and what the bundle saved. */
export async function metricCaseOf(app: App, c: CaseRecord): Promise<MetricCase> {
	const service = await app.cases.composeFor(c);
	const clock = app.cases.clockOf(c, service).case;
	const departments = [...new Set(walkStates(service.workflow).flatMap((e) => (e.node.meta?.department ? [e.node.meta.department] : [])))];
	const regionOf = new Map(app.catalog.dictionaries.departments.map((d) => [d.id, d.region]));
	const ctx = c.state.machine.context;
	const provided = Object.values(c.state.initial.context.materials);
	let visitsSaved = 0;
	let bundleSaved = 0;
	if (service.kind === 'bundle') {
		const items = c.pins.filter((p) => p.kind === 'item').flatMap((p) => app.defs.cachedItem(p.id, p.version) ?? []) as Item[];
		const r = reformFigures(service, items);
		visitsSaved = Math.max(0, r.visits.separately - r.visits.once);
		bundleSaved = Math.max(0, r.materials.separately - r.materials.once);
	}
	const verifications = { confirmed: 0, false: 0, open: 0 };
	for (const v of c.state.verifications) verifications[v.status === 'confirmed' ? 'confirmed' : v.status === 'false' ? 'false' : 'open']++;
	return {
		id: c.id,
		receiptNumber: c.receiptNumber,
		service: { kind: c.service.kind, id: c.service.id, name: c.service.name },
		departments,
		regions: [...new Set(departments.flatMap((d) => regionOf.get(d) ?? []))],
		createdAt: c.createdAt,
		status: c.status,
		accepted: c.events.some((e) => e.type === 'ACCEPT'),
		completed: COMPLETED.has(c.status),
		...(clock.finishedAt ? { finishedAt: clock.finishedAt } : {}),
		dueAt: clock.dueAt,
		// 超期 counts cases in progress or 办结; a withdrawn or terminated case is neither
		overdue: clock.overdue && (c.status === 'active' || COMPLETED.has(c.status)),
		usedDays: clock.elapsedDays,
		promisedDays: clock.limitDays,
		corrected: ctx.corrections.length > 0,
		deferred: provided.filter((m) => m.source === 'deferred').length,
		commitments: provided.filter((m) => m.source === 'commitment').length,
		verifications,
		online: !c.state.intake,
		materialsSaved: bundleSaved + provided.filter((m) => m.source === 'licence' || m.source === 'shared').length,
		visitsSaved,
		// 领导签批: an event taken at a leadership step is logged with `leadership` (cases/checks.ts)
		escalated: c.events.some((e) => e.payload.leadership === true)
	};
}

/** The period's cases matching the filters, with their ratings; `capped` when the period held more cases than one page reads. */
export async function metricsData(app: App, f: ReturnType<typeof filterOf>): Promise<{ cases: MetricCase[]; ratings: Rating[]; capped: boolean }> {
	const rows = await app.store.cases.list({ createdFrom: startOf(f.from), createdBefore: startOf(addDays(f.to, 1)), limit: LIMITS.list });
	const all = await Promise.all(rows.map((c) => metricCaseOf(app, c)));
	const cases = all.filter((c) => matches(c, f)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
	const ratings = cases.length ? await app.store.ratings.list({ caseIds: cases.map((c) => c.id), limit: LIMITS.list }) : [];
	return { cases, ratings, capped: rows.length >= LIMITS.list };
}
