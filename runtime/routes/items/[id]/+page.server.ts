import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { HttpError } from '$core/errors';
import type { Item } from '$core/model';
import { walkStates } from '$core/workflow/graph';
import { routeByDiscretion, standardsBySteps } from '$core/workflow/discretion';

export const load: PageServerLoad = async ({ params }) => {
	const app = await getApp();
	try {
		const { definition, version } = await app.defs.published<Item>('item', params.id);
		const d = app.catalog.dictionaries;
		const roles = Object.fromEntries(d.roles.map((r) => [r.id, r.name]));
		// 办理流程: the workflow's human steps in order, as the citizen reads them (routed by the item's 自由裁量 tier)
		const routed = routeByDiscretion(definition.workflow, definition.discretion);
		const procedure = walkStates(routed)
			.filter((e) => e.node.type !== 'final' && e.node.meta?.role && e.node.meta.role !== 'applicant')
			.map((e) => ({
				label: e.node.meta!.label,
				role: roles[e.node.meta!.role!] ?? e.node.meta!.role,
				days: e.node.meta!.budgetDays,
				pauses: !!e.node.meta!.pausesClock
			}));
		// 开卷式审批: each step's published review standards; 中介服务 from the dictionary
		const standards = standardsBySteps(routed);
		const intermediary = definition.intermediaryServices.flatMap((id) => (d.intermediaryServices ?? []).filter((x) => x.id === id));
		return {
			item: definition,
			version,
			procedure,
			standards,
			intermediary,
			department: d.departments.find((x) => x.id === definition.department)?.name ?? definition.department
		};
	} catch (e) {
		if (e instanceof HttpError) error(e.status, e.message);
		throw e;
	}
};
