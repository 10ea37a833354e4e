import { workingDaysBetween } from '$core/calendar';
import { api } from '$server/http';

/** The inbox: tasks the caller's roles and department may act on now, soonest deadline first. */
export const GET = api(async ({ app, event, actor }) => {
	const staffRoles = actor!.roles.filter((r) => r !== 'applicant' && r !== 'admin');
	if (!staffRoles.length || !actor!.department) return { tasks: [] };
	const q = event.url.searchParams;
	const now = app.time.now();
	let tasks = await app.store.tasks.query({ roles: staffRoles, department: actor!.department });
	if (q.get('state')) tasks = tasks.filter((t) => t.statePath.endsWith(q.get('state')!));
	const out = [];
	for (const t of tasks) {
		const c = await app.store.cases.get(t.caseId);
		if (!c) continue;
		if (q.get('service') && c.service.id !== q.get('service')) continue;
		const remainingDays = t.dueAt ? workingDaysBetween(app.cases.calendar, now, t.dueAt) : undefined;
		out.push({
			...t,
			case: { id: c.id, receiptNumber: c.receiptNumber, service: c.service, version: c.version, createdAt: c.createdAt },
			remainingDays,
			overdue: !!t.dueAt && now.toISOString() > t.dueAt,
			dueSoon: remainingDays !== undefined && remainingDays >= 0 && remainingDays <= 1
		});
	}
	return { tasks: out };
});
