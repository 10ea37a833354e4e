import { error } from '@sveltejs/kit';
import { overdue } from '$core/complaints';
import { HttpError } from '$core/errors';
import { getApp } from '$server/app';
import { guardActions } from '$server/body-limits';
import { withRefusals } from '$server/form-actions';
import { requireSupervisor } from '$server/supervise';
import type { Actions, PageServerLoad } from './$types';

/** 办不成事反映 for a department's supervisors (administrators: every department, or the one chosen): open ones first, overdue flagged. */
export const load: PageServerLoad = async (event) => {
	const actor = requireSupervisor(event);
	const app = await getApp();
	const department = event.url.searchParams.get('department') || undefined;
	const departments = app.catalog.dictionaries.departments;
	if (department && !departments.some((d) => d.id === department)) error(400, `部门「${department.slice(0, 40)}」不存在`);
	let list;
	try {
		list = await app.complaints.forStaff(actor, department);
	} catch (e) {
		if (e instanceof HttpError) error(e.status, e.message);
		throw e;
	}
	const now = app.time.now().toISOString();
	const names = new Map(departments.map((d) => [d.id, d.name]));
	const rows = list
		.map((c) => ({ ...c, overdue: overdue(c, now), departmentName: names.get(c.department) ?? c.department }))
		.sort((a, b) => (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1));
	return {
		complaints: rows,
		admin: actor.roles.includes('admin'),
		department: department ?? '',
		departments: departments.map((d) => ({ id: d.id, name: d.name }))
	};
};

export const actions: Actions = guardActions({
	reply: async (event) => {
		const actor = requireSupervisor(event);
		const app = await getApp();
		const f = await event.request.formData();
		const id = String(f.get('complaint') ?? '');
		return withRefusals(
			async () => {
				await app.complaints.reply(actor, id, { text: String(f.get('text') ?? '') });
				return { replied: id };
			},
			{ complaint: id }
		);
	}
});
