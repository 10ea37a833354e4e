// The reviewers' inbox: one keyset page of the tasks for the caller's roles and department, soonest deadline first,
// with the tabs' counts from the store. Rows are built from the tasks alone (no case loads).
import { isProvisionalDeadline, remainingWorkingDays, workingDaysBetween } from '../core/calendar';
import type { Catalog } from '../core/check';
import { badRequest } from '../core/errors';
import type { StateNodeDef } from '../core/model';
import type { Actor, Task, TaskFilter } from '../core/store';
import type { App } from './app';

export const TABS = { intake: '待受理', review: '待审查', inspect: '待踏勘', issue: '待出件', verify: '待核查' } as const;
export type Tab = keyof typeof TABS;
const TAB_OF_ROLE: Record<string, Tab> = { frontDesk: 'intake', reviewer: 'review', decider: 'review', inspector: 'inspect', issuer: 'issue' };
const tabOf = (t: Task): Tab | undefined => (t.verification || t.statePath.startsWith('verify:') ? 'verify' : TAB_OF_ROLE[t.role]);
export const isTab = (x: unknown): x is Tab => typeof x === 'string' && Object.hasOwn(TABS, x);

/** The inbox page size: the default and the largest a caller may ask for. */
export const INBOX_LIMIT = 50;
export const INBOX_MAX_LIMIT = 200;

export const staffRoles = (actor: Actor) => actor.roles.filter((r) => r !== 'applicant' && r !== 'admin');

export interface InboxFilter {
	service?: string;
	/** the step key the task's state path ends with */
	state?: string;
	/** 受理编号 */
	receiptNumber?: string;
	/** tasks whose step is due before this instant */
	dueBefore?: string;
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
		dueBefore: clean(f.dueBefore)
	};
}

const emptyCounts = () => Object.fromEntries(Object.keys(TABS).map((t) => [t, 0])) as Record<Tab, number>;

/** How many tasks each tab holds, counted by the store. */
export async function inboxCounts(app: App, actor: Actor, f: InboxFilter = {}): Promise<Record<Tab, number>> {
	const roles = staffRoles(actor);
	const counts = emptyCounts();
	if (!roles.length || !actor.department) return counts;
	for (const c of await app.store.tasks.count(baseFilter(roles, actor.department, f))) {
		const tab = c.verification ? 'verify' : TAB_OF_ROLE[c.role];
		if (tab) counts[tab] += c.count;
	}
	return counts;
}

/** One page of the inbox: `next` is the cursor of the following page (absent on the last), `counts` the tasks per tab. */
export async function inbox(app: App, actor: Actor, q: InboxQuery = {}) {
	const roles = staffRoles(actor);
	const limit = Math.max(1, Math.min(Math.floor(q.limit ?? INBOX_LIMIT) || INBOX_LIMIT, INBOX_MAX_LIMIT));
	if (!roles.length || !actor.department) return { tab: q.tab, rows: [] as InboxTask[], next: undefined as string | undefined, counts: emptyCounts() };
	const base = baseFilter(roles, actor.department, q);
	let tab = q.tab;
	let counts: Record<Tab, number>;
	let page: { rows: Task[]; next?: string };
	const pageOf = (t: Tab | undefined) => {
		if (!t) return app.store.tasks.page(base, limit, clean(q.cursor));
		const f: TaskFilter = t === 'verify' ? { ...base, verification: true } : { ...base, roles: roles.filter((r) => TAB_OF_ROLE[r] === t), verification: false };
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

/** Service names from the catalog in memory; a service published only in the studio is looked up once per call. */
async function serviceNames(app: App, ids: string[]): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	for (const id of new Set(ids)) {
		const known = app.catalog.bundles.get(id)?.name ?? app.catalog.items.get(id)?.name;
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

interface Step {
	service: string;
	key: string;
	label: string;
	role: string;
}

/** Every staff step of the catalog, by acting department (departments filled in as composition does). */
const stepsCache = new WeakMap<Catalog, Map<string, Step[]>>();

function stepsByDepartment(catalog: Catalog): Map<string, Step[]> {
	let out = stepsCache.get(catalog);
	if (out) return out;
	const byDept = new Map<string, Step[]>();
	const add = (department: string, step: Step) => (byDept.get(department) ?? byDept.set(department, []).get(department)!).push(step);
	const walk = (service: string, states: Record<string, StateNodeDef> | undefined, department: string, skip?: (k: string, s: StateNodeDef) => boolean) => {
		for (const [key, s] of Object.entries(states ?? {})) {
			if (skip?.(key, s)) continue;
			const dept = s.meta?.department ?? department;
			if (s.type !== 'final' && s.meta?.role && !s.states) add(dept, { service, key, label: s.meta.label, role: s.meta.role });
			walk(service, s.states, dept);
		}
	};
	for (const item of catalog.items.values()) walk(item.id, item.workflow.states, item.department);
	for (const b of catalog.bundles.values()) {
		add(b.frontDesk.department, { service: b.id, key: 'intake', label: b.frontDesk.label, role: 'frontDesk' });
		add(b.issuance.department, { service: b.id, key: 'issuing', label: b.issuance.label, role: 'issuer' });
		// a member's review phase runs inside the bundle; its own intake and issuance do not
		for (const m of b.members) {
			const item = catalog.items.get(m.item);
			if (item) walk(b.id, item.workflow.states, item.department, (k, s) => k === 'issuing' || s.meta?.phase === 'intake' || s.meta?.phase === 'issue');
		}
	}
	out = byDept;
	stepsCache.set(catalog, out);
	return out;
}

/** The filter choices of the workbench: services and steps where the caller's roles act in the caller's department (from the catalog, not the tasks). */
export function inboxChoices(app: App, actor: Actor, service?: string) {
	const roles = new Set(staffRoles(actor));
	const steps = (actor.department ? (stepsByDepartment(app.catalog).get(actor.department) ?? []) : []).filter((s) => roles.has(s.role));
	const name = (id: string) => app.catalog.bundles.get(id)?.name ?? app.catalog.items.get(id)?.name ?? id;
	const services = new Map(steps.map((s) => [s.service, name(s.service)]));
	const states = new Map(steps.filter((s) => !service || s.service === service).map((s) => [s.key, s.label]));
	return { services: [...services.entries()], states: [...states.entries()] };
}

/** Case ids the officer has acted on (已办), most recent first, from the latest 200 audit entries. */
async function handledIds(app: App, actor: Actor, limit: number): Promise<string[]> {
	const entries = await app.store.audit.list({ actorId: actor.id, limit: 200 });
	return [...new Set(entries.filter((e) => e.action.startsWith('case.') && e.action !== 'case.view' && e.caseId).map((e) => e.caseId!))].slice(0, limit);
}

/** How many cases handled() lists (at most `limit`). */
export async function handledCount(app: App, actor: Actor, limit = 50) {
	return (await handledIds(app, actor, limit)).length;
}

/** Cases the officer has acted on (已办), most recently acted on first; at most `limit`. */
export async function handled(app: App, actor: Actor, limit = 50) {
	const ids = await handledIds(app, actor, limit);
	const byId = new Map((ids.length ? await app.store.cases.list({ ids, limit }) : []).map((c) => [c.id, c]));
	return ids
		.map((id) => byId.get(id))
		.filter((c) => !!c)
		.map((c) => ({ id: c.id, receiptNumber: c.receiptNumber, service: c.service, status: c.status, updatedAt: c.updatedAt }));
}

export type { Task };
