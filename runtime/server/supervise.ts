// 督办 (科室负责人 and administrators): who holds which open task of a department, claims untouched for too many working
// hours, the workload per officer and step, and reassigning or releasing a claim with a reason that goes to the audit.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { auditEntry } from '../core/audit';
import { HttpError, notFound } from '../core/errors';
import type { Account, Actor, Task, TaskLoad } from '../core/store';
import { workingHoursBefore, workingHoursBetween } from '../core/working-hours';
import type { App } from './app';
import { holdsTaskRole } from '../core/cases/consultations';

export const SUPERVISOR = 'supervisor';
/** Working hours after which a claim counts as untouched, unless STALE_CLAIM_HOURS or the page's field says otherwise. */
export const DEFAULT_STALE_HOURS = 4;
export const MAX_STALE_HOURS = 200;
/** Length limits of the reason a reassignment or release records. */
export const REASON_MIN = 2;
export const REASON_MAX = 200;

/** A 科室负责人 (their own department) or an administrator (any department). */
export function requireSupervisor(event: RequestEvent): Actor {
	const actor = event.locals.actor;
	if (!actor) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (!actor.roles.includes('admin') && !(actor.roles.includes(SUPERVISOR) && actor.department)) error(403, '督办仅限科室负责人和系统管理员');
	return actor;
}

/** The department supervised: the supervisor's own; an administrator's choice (`department`), else the first listed. */
export function supervisedDepartment(app: App, actor: Actor, requested: string | null): string {
	if (!actor.roles.includes('admin')) return actor.department!;
	const ids = app.catalog.dictionaries.departments.map((d) => d.id);
	if (requested && !ids.includes(requested)) throw new HttpError(400, `部门「${requested.slice(0, 40)}」不存在`);
	return requested || actor.department || ids[0];
}

/** STALE_CLAIM_HOURS, or the page's `hours`: working hours from 0.5 to MAX_STALE_HOURS. */
export function staleHours(env: Record<string, string | undefined>, requested: string | null): number {
	const raw = requested ?? env.STALE_CLAIM_HOURS;
	if (raw === undefined || raw === null || raw.trim() === '') return DEFAULT_STALE_HOURS;
	const n = Number(raw);
	if (!Number.isFinite(n) || n < 0.5 || n > MAX_STALE_HOURS)
		throw new HttpError(400, `未处理时长应为 0.5 到 ${MAX_STALE_HOURS} 之间的工作小时数（收到「${String(raw).slice(0, 20)}」）`);
	return n;
}

/** The department's officers (staff accounts other than administrators), by name. */
export async function officersOf(app: App, department: string): Promise<Account[]> {
	return (await app.store.accounts.list())
		.filter((a) => a.department === department && a.roles.some((r) => r !== 'applicant' && r !== 'admin' && r !== SUPERVISOR))
		.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** Workload per officer (claimed tasks) and per step (all open tasks), for the chart. */
export function workloadCharts(loads: TaskLoad[], names: Map<string, string>) {
	const byOfficer = new Map<string, number>();
	const byStep = new Map<string, number>();
	for (const l of loads) {
		const who = l.claimedBy ? (names.get(l.claimedBy) ?? l.claimedBy) : '未签收';
		byOfficer.set(who, (byOfficer.get(who) ?? 0) + l.count);
		byStep.set(l.label, (byStep.get(l.label) ?? 0) + l.count);
	}
	const bars = (m: Map<string, number>) => [...m.entries()].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count);
	return { byOfficer: bars(byOfficer), byStep: bars(byStep) };
}

/** A claimed task as the supervisor's table shows it, with the working hours it has waited since the claim. */
export function claimRow(app: App, t: Task, now: Date, staleBefore: string) {
	return {
		id: t.id,
		caseId: t.caseId,
		receiptNumber: t.receiptNumber,
		label: t.label,
		role: t.role,
		claimedBy: t.claimedBy!,
		claimedAt: t.claimedAt!,
		hours: Math.round(workingHoursBetween(app.cases.calendar, t.claimedAt!, now) * 10) / 10,
		stale: t.claimedAt! < staleBefore,
		...(t.dueAt ? { dueAt: t.dueAt } : {})
	};
}

export const staleCutoff = (app: App, now: Date, hours: number) => workingHoursBefore(app.cases.calendar, now, hours);

/**
 * 改派 (to another officer of the department who holds the task's role) or 收回 (to: undefined) a claim. Written only if
 * the claim is still the one the supervisor saw (`expected`); the audit records the previous holder, the new one and the reason.
 */
export async function reassign(app: App, actor: Actor, taskId: string, form: { expected: string; to?: string; reason: string }) {
	const reason = form.reason.trim();
	if ([...reason].length < REASON_MIN || [...reason].length > REASON_MAX)
		throw new HttpError(400, `请填写改派或收回的原因（${REASON_MIN}–${REASON_MAX} 个字，当前 ${[...reason].length} 个）`);
	const task = await app.store.tasks.get(taskId);
	if (!task) throw notFound(`待办「${taskId}」`);
	if (!actor.roles.includes('admin') && task.department !== actor.department) throw new HttpError(403, '只能督办本科室的待办');
	if (!task.claimedBy) throw new HttpError(409, '该待办当前无人签收，无需收回');
	if (task.claimedBy !== form.expected) throw new HttpError(409, '该待办的签收人已变化，请刷新后再操作');
	let toName: string | undefined;
	if (form.to) {
		if (form.to === task.claimedBy) throw new HttpError(400, '改派对象与当前签收人相同');
		const to = await app.store.accounts.get(form.to);
		if (!to || to.department !== task.department || !holdsTaskRole(to, task.role))
			throw new HttpError(400, `改派对象须是本科室有「${task.label}」环节权限的工作人员`);
		toName = to.name;
	}
	const at = app.time.now().toISOString();
	const updated = await app.store.tasks.setClaim(taskId, form.to || undefined, task.claimedBy, at);
	const from = await app.store.accounts.get(task.claimedBy);
	await app.store.audit.append(
		auditEntry(at, actor.id, form.to ? 'task.reassign' : 'task.revoke', task.caseId, {
			step: task.label,
			from: from ? `${from.name}（${from.username}）` : task.claimedBy,
			...(form.to ? { to: `${toName}（${form.to}）` } : {}),
			reason
		})
	);
	return { task: updated, receiptNumber: task.receiptNumber, from: from?.name ?? task.claimedBy, to: toName };
}
