// 常用意见: a department's administrator keeps the department's opinion templates (the platform administrator any department's).
import { error, fail } from '@sveltejs/kit';
import { managesOpinions } from '$core/review/shared';
import { getApp } from '$server/app';
import { requireStaff } from '$server/staff';
import { withRefusals } from '$server/form-actions';
import { guardActions } from '$server/body-limits';
import { departmentSteps, opinionService } from '$server/review';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The department this page keeps: the administrator's own, or for the platform administrator the one chosen (?department=). */
function departmentOf(event: RequestEvent, chosen: string | null | undefined) {
	const actor = requireStaff(event);
	const department = actor.roles.includes('admin') ? chosen || undefined : actor.department;
	if (!department || !managesOpinions(actor, department)) error(403, '只有部门管理员可以维护本部门的常用意见');
	return { actor, department };
}

const bodyOf = (f: FormData) => ({
	step: String(f.get('step') ?? ''),
	title: String(f.get('title') ?? ''),
	text: String(f.get('text') ?? ''),
	basis: String(f.get('basis') ?? '')
});

export const load: PageServerLoad = async (event) => {
	const app = await getApp();
	const departments = app.catalog.dictionaries.departments.map((d) => ({ id: d.id, name: d.name }));
	const { actor, department } = departmentOf(event, event.url.searchParams.get('department') || departments[0]?.id);
	return {
		department,
		departmentName: departments.find((d) => d.id === department)?.name ?? department,
		departments: actor.roles.includes('admin') ? departments : [],
		templates: await opinionService(app).list(department),
		steps: await departmentSteps(app, department)
	};
};

export const actions: Actions = guardActions({
	create: async (event) => {
		const f = await event.request.formData();
		const { actor, department } = departmentOf(event, String(f.get('department') ?? '') || '-');
		const app = await getApp();
		const body = bodyOf(f);
		if (!app.catalog.dictionaries.departments.some((d) => d.id === department))
			return fail(422, { message: `部门「${department}」不存在`, errors: [{ path: 'department', message: '请选择部门' }], editing: 'new', values: body });
		return withRefusals(async () => ({ saved: (await opinionService(app).create(actor, department, body)).id }), { editing: 'new', values: body });
	},
	update: async (event) => {
		const actor = requireStaff(event);
		const app = await getApp();
		const f = await event.request.formData();
		const id = String(f.get('id') ?? '');
		const body = bodyOf(f);
		return withRefusals(async () => ({ saved: (await opinionService(app).update(actor, id, Number(f.get('rev')), body)).id }), { editing: id, values: body });
	},
	delete: async (event) => {
		const actor = requireStaff(event);
		const app = await getApp();
		const f = await event.request.formData();
		const id = String(f.get('id') ?? '');
		return withRefusals(
			async () => {
				await opinionService(app).remove(actor, id, Number(f.get('rev')));
				return { deleted: true };
			},
			{ editing: id }
		);
	}
});
