// The reviewers' inbox: one keyset page of the tasks for the caller's roles and department, soonest deadline first,
// with the tabs' counts from the store. Rows are built from the tasks alone (no case loads).
import { isProvisionalDeadline, remainingWorkingDays, workingDaysBetween } from '../core/calendar';
import { badRequest } from '../core/errors';
import type { Actor, Task, TaskFilter } from '../core/store';
import type { App } from './app';
import { consultRolesOf, isConsultRole } from '../core/cases/consultations';

export const TABS = { intake: '待受理', review: '待审查', inspect: '待踏勘', issue: '待出件', verify: '待核查', consult: '征求意见' } as const;
export type Tab = keyof typeof TABS;
const TAB_OF_ROLE: Record<string, Tab> = { frontDesk: 'intake', reviewer: 'review', decider: 'review', inspector: 'inspect', issuer: 'issue' };
/** 征求意见 requests carry the inbox roles `consult` (a department) and `consult:<account>` (one officer) */
const tabOfRole = (role: string): Tab | undefined => (isConsultRole(role) ? 'consult' : TAB_OF_ROLE[role]);
const tabOf = (t: Task): Tab | undefined => (t.verification || t.statePath.startsWith('verify:') ? 'verify' : tabOfRole(t.role));
export const isTab = (x: unknown): x is Tab => typeof x === 'string' && Object.hasOwn(TABS, x);

/** The inbox page size: the default and the largest a caller may ask for. */
export const INBOX_LIMIT = 50;
export const INBOX_MAX_LIMIT = 200;

export const staffRoles = (actor: Actor) => actor.roles.filter((r) => r !== 'applicant' && r !== 'admin');
/** The task roles the caller's inbox holds: its staff roles, and the 征求意见 addressed to its department or to it. */
const inboxRoles = (actor: Actor) => {
	const roles = staffRoles(actor);
	return roles.length ? [...roles, ...consultRolesOf(actor.id)] : roles;
};

export interface InboxFilter {
	service?: string;
	/** the step key the task's state path ends with */
	state?: string;
	/** 受理编号 */
	receiptNumber?: string;
	/** tasks whose step is due before this instant */
	dueBefore?: string;
	/** the applicant's full name (matched by its keyed hash) */
	applicantName?: string;
	/** tasks claimed by this account (已签收) */
	claimedBy?: string;
}

export interface InboxQuery extends InboxFilter {
	/** one tab; absent: every task of the caller (the API), or with firstTab the first tab that has tasks (the workbench) */
	tab?: Tab;
	firstTab?: boolean;
	cursor?: string;
	limit?: number;
}

const clean = (s: string | null | undefined) => s?.trim() || undefined;

/** The store filter for the caller and the query's filters (every tab). */
function baseFilter(roles: string[], department: string, f: InboxFilter): TaskFilter {
	return {
		roles,
		department,
		serviceId: clean(f.service),
		state: clean(f.state),
		receiptNumber: clean(f.receiptNumber)?.toUpperCase(),
		dueBefore: clean(f.dueBefore),
		applicantName: clean(f.applicantName),
		claimedBy: clean(f.claimedBy)
	};
}

const emptyCounts = () => Object.fromEntries(Object.keys(TABS).map((t) => [t, 0])) as Record<Tab, number>;

/** How many tasks each tab holds, counted by the store. */
export async function inboxCounts(app: App, actor: Actor, f: InboxFilter = {}): Promise<Record<Tab, number>> {
	const roles = inboxRoles(actor);
	const counts = emptyCounts();
	if (!roles.length || !actor.department) return counts;
	for (const c of await app.store.tasks.count(baseFilter(roles, actor.department, f))) {
		const tab = c.verification ? 'verify' : tabOfRole(c.role);
		if (tab) counts[tab] += c.count;
	}
	return counts;
}

/** One page of the inbox: `next` is the cursor of the following page (absent on the last), `counts` the tasks per tab. */
export async function inbox(app: App, actor: Actor, q: InboxQuery = {}) {
	const roles = inboxRoles(actor);
	const limit = Math.max(1, Math.min(Math.floor(q.limit ?? INBOX_LIMIT) || INBOX_LIMIT, INBOX_MAX_LIMIT));
	if (!roles.length || !actor.department) return { tab: q.tab, rows: [] as InboxTask[], next: undefined as string | undefined, counts: emptyCounts() };
	const base = baseFilter(roles, actor.department, q);
	let tab = q.tab;
	let counts: Record<Tab, number>;
	let page: { rows: Task[]; next?: string };
	const pageOf = (t: Tab | undefined) => {
		if (!t) return app.store.tasks.page(base, limit, clean(q.cursor));
		const f: TaskFilter = t === 'verify' ? { ...base, verification: true } : { ...base, roles: roles.filter((r) => tabOfRole(r) === t), verification: false };
		return f.roles!.length ? app.store.tasks.page(f, limit, clean(q.cursor)) : Promise.resolve({ rows: [] });
	};
	try {
		if (!tab && q.firstTab) {
			counts = await inboxCounts(app, actor, q);
			tab = (Object.keys(TABS) as Tab[]).find((t) => counts[t] > 0) ?? 'intake';
			page = await pageOf(tab);
		} else [page, counts] = await Promise.all([pageOf(tab), inboxCounts(app, actor, q)]);
	} catch (e) {
		if (e instanceof Error && e.message === 'invalid cursor') throw badRequest('cursor', '翻页参数 cursor 无效，请从第一页开始');
		throw e;
	}
	const names = await serviceNames(
		app,
		page.rows.map((t) => t.serviceId)
	);
	const now = app.time.now();
	return { tab, rows: page.rows.map((t) => inboxRow(app, t, now, names)), next: page.next, counts };
}

function inboxRow(app: App, t: Task, now: Date, names: Map<string, string>) {
	const remainingDays = t.dueAt ? remainingWorkingDays(app.cases.calendar, t.enteredAt, now, t.dueAt) : undefined;
	const limit = t.limitDueAt ?? t.dueAt;
	const overdue = !!limit && now.toISOString() > limit;
	const tab = tabOf(t);
	return {
		...t,
		tab,
		case: { id: t.caseId, receiptNumber: t.receiptNumber, service: { id: t.serviceId, name: names.get(t.serviceId) ?? t.serviceId }, version: t.caseVersion },
		remainingDays,
		/** past the promised limit of the case (or its branch) */
		overdue,
		/** past this step's own budget, the case itself still in time */
		stepLate: !overdue && !!t.dueAt && now.toISOString() > t.dueAt,
		/** 行政许可法 art. 32: more than 5 working days at intake without acceptance or a 补正 notice */
		intakeOverdue: tab === 'intake' && workingDaysBetween(app.cases.calendar, t.enteredAt, now) > 5,
		dueSoon: remainingDays !== undefined && remainingDays >= 0 && remainingDays <= 1,
		/** the deadline falls past the last loaded calendar year (暂定) */
		provisional: !!t.dueAt && isProvisionalDeadline(app.cases.calendar, t.dueAt)
	};
}

export type InboxTask = ReturnType<typeof inboxRow>;

/** Service names from the catalog in memory (a service published a moment ago in another process: looked up in the store). */
async function serviceNames(app: App, ids: string[]): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	const index = await app.catalog.fresh();
	for (const id of new Set(ids)) {
		const known = index.name(id);
		if (known) {
			out.set(id, known);
			continue;
		}
		const r = (await app.store.definitions.get('bundle', id)) ?? (await app.store.definitions.get('item', id));
		const name = (r?.versions.at(-1)?.definition as { name?: string } | undefined)?.name;
		if (name) out.set(id, name);
	}
	return out;
}

/** The filter choices of the workbench: services and steps where the caller's roles act in the caller's department (from the catalog, not the tasks). */
export function inboxChoices(app: App, actor: Actor, service?: string) {
	const roles = new Set(staffRoles(actor));
	const index = app.catalog.current;
	const steps = (actor.department ? (index.stepsByDepartment().get(actor.department) ?? []) : []).filter((s) => roles.has(s.role));
	const name = (id: string) => index.name(id) ?? id;
	const services = new Map(steps.map((s) => [s.service, name(s.service)]));
	const states = new Map(steps.filter((s) => !service || s.service === service).map((s) => [s.key, s.label]));
	return { services: [...services.entries()], states: [...states.entries()] };
}

/** 已办: one keyset page of the cases the officer acted on, most recently acted on first, and how many there are in all. */
export async function handled(app: App, actor: Actor, limit: number, cursor?: string) {
	const [page, total] = await Promise.all([app.store.audit.actedOn(actor.id, limit, cursor), app.store.audit.actedOnCount(actor.id)]);
	const ids = page.rows.map((r) => r.caseId);
	const byId = new Map((ids.length ? await app.store.cases.list({ ids, limit: ids.length }) : []).map((c) => [c.id, c]));
	const rows = ids
		.map((id) => byId.get(id))
		.filter((c) => !!c)
		.map((c) => ({ id: c.id, receiptNumber: c.receiptNumber, service: c.service, status: c.status, updatedAt: c.updatedAt }));
	return { rows, next: page.next, total };
}

/** What the workbench's inbox table shows of a row (the API sends the whole row); flags only when set. */
export function listRow(t: InboxTask) {
	return {
		// the case id is the task id's first part (`<case id>:<step>`): not sent twice
		id: t.id,
		receiptNumber: t.receiptNumber,
		service: t.case.service.name,
		label: t.label,
		...(t.applicant ? { applicant: t.applicant } : {}),
		// the days left are shown only for a step neither late nor due soon
		...(t.dueAt ? { dueAt: t.dueAt, ...(t.overdue || t.stepLate || t.dueSoon ? {} : { remainingDays: t.remainingDays }) } : {}),
		...(t.claimedBy ? { claimedBy: t.claimedBy } : {}),
		...(t.overdue ? { overdue: true } : {}),
		...(t.stepLate ? { stepLate: true } : {}),
		...(t.dueSoon ? { dueSoon: true } : {}),
		...(t.intakeOverdue ? { intakeOverdue: true } : {}),
		...(t.provisional ? { provisional: true } : {})
	};
}

export type { Task };
