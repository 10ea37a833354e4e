// The reviewers' inbox: tasks for the caller's roles and department, soonest deadline first.
import { remainingWorkingDays, workingDaysBetween } from '../core/calendar';
import type { Actor, Task } from '../core/store';
import type { App } from './app';

export const TABS = { intake: '待受理', review: '待审查', inspect: '待踏勘', issue: '待出件', verify: '待核查' } as const;
export type Tab = keyof typeof TABS;
const TAB_OF_ROLE: Record<string, Tab> = { frontDesk: 'intake', reviewer: 'review', decider: 'review', inspector: 'inspect', issuer: 'issue' };
const tabOf = (t: Task): Tab => (t.statePath.startsWith('verify:') ? 'verify' : TAB_OF_ROLE[t.role]);

export const staffRoles = (actor: Actor) => actor.roles.filter((r) => r !== 'applicant' && r !== 'admin');

export async function inbox(app: App, actor: Actor, filter: { service?: string; state?: string; tab?: Tab } = {}) {
	const roles = staffRoles(actor);
	if (!roles.length || !actor.department) return [];
	const now = app.time.now();
	const out = [];
	for (const t of await app.store.tasks.query({ roles, department: actor.department })) {
		if (filter.state && !t.statePath.endsWith(filter.state)) continue;
		if (filter.tab && tabOf(t) !== filter.tab) continue;
		const c = await app.store.cases.get(t.caseId);
		if (!c) continue;
		if (filter.service && c.service.id !== filter.service) continue;
		const remainingDays = t.dueAt ? remainingWorkingDays(app.cases.calendar, t.enteredAt, now, t.dueAt) : undefined;
		const limit = t.limitDueAt ?? t.dueAt;
		const overdue = !!limit && now.toISOString() > limit;
		out.push({
			...t,
			tab: tabOf(t),
			case: { id: c.id, receiptNumber: c.receiptNumber, service: c.service, version: c.version, createdAt: c.createdAt },
			remainingDays,
			/** past the promised limit of the case (or its branch) */
			overdue,
			/** past this step's own budget, the case itself still in time */
			stepLate: !overdue && !!t.dueAt && now.toISOString() > t.dueAt,
			/** 行政许可法 art. 32: more than 5 working days at intake without acceptance or a 补正 notice */
			intakeOverdue: tabOf(t) === 'intake' && workingDaysBetween(app.cases.calendar, t.enteredAt, now) > 5,
			dueSoon: remainingDays !== undefined && remainingDays >= 0 && remainingDays <= 1
		});
	}
	return out.sort((a, b) => (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'));
}

/** Cases the officer has acted on (已办), newest first. */
export async function handled(app: App, actor: Actor, limit = 50) {
	const entries = await app.store.audit.list({ actorId: actor.id, limit: 500 });
	const ids = [...new Set(entries.filter((e) => e.action.startsWith('case.') && e.action !== 'case.view' && e.caseId).map((e) => e.caseId!))].slice(0, limit);
	const cases = ids.length ? await app.store.cases.list({ ids }) : [];
	return cases.map((c) => ({ id: c.id, receiptNumber: c.receiptNumber, service: c.service, status: c.status, updatedAt: c.updatedAt }));
}

export type InboxTask = Awaited<ReturnType<typeof inbox>>[number];
export type { Task };
