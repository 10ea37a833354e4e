// The workbench figures (/workbench/metrics): who may see them, the filters read from the page's query, and the store's
// summary of the period. The store counts the cases' facts rows (case_metrics, written with each case: core/metrics/facts.ts)
// as SQL aggregates, or in memory in lowdb; the figures themselves are defined in runtime/core/metrics.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { addWorkingDays, localDate, workingDaysBetween } from '../core/calendar';
import { HttpError } from '../core/errors';
import type { MetricsSummary } from '../core/metrics/facts';
import type { MetricsFilter } from '../core/metrics/figures';
import type { Actor } from '../core/store';
import type { App } from './app';

/** Roles that see their own department's figures (部门管理员, 科室负责人); administrators see every department. */
const DEPARTMENT_HEADS = ['deptAdmin', 'supervisor'];
/** The period shown when the page names none: the last 90 days. */
export const DEFAULT_DAYS = 90;
/** The longest period one page counts (a year: the weekly chart stays readable). */
const MAX_DAYS = 366;
/** How many overdue cases the page (and its CSV) lists, the oldest first; the 超期 figure counts them all. */
export const OVERDUE_LISTED = 500;

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

/** The period's summary for the filters. An overdue case still in progress is listed with the days it has used by now. */
export async function metricsSummary(app: App, f: ReturnType<typeof filterOf>): Promise<MetricsSummary> {
	const now = app.time.now();
	const summary = await app.store.caseMetrics.summary(
		{
			from: f.from,
			to: f.to,
			region: f.region,
			department: f.department,
			service: f.service,
			overdueLimit: OVERDUE_LISTED
		},
		now.toISOString()
	);
	const cal = app.cases.calendar;
	for (const c of summary.overdue)
		if (c.status === 'active' && !c.paused) c.usedDays = Math.max(0, workingDaysBetween(cal, addWorkingDays(cal, c.createdAt, 0), now) - c.pausedDays);
	return summary;
}
