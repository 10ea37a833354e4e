import { getApp } from '$server/app';
import { requireApplicant } from '$server/portal';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireApplicant(event);
	const app = await getApp();
	const cases = await app.store.cases.list({ applicantId: actor.id });
	const drafts = await app.store.drafts.listByUser(actor.id);
	const rows = [];
	for (const c of cases.sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
		const v = await app.cases.view(c.id, actor);
		rows.push({
			id: c.id,
			receiptNumber: c.receiptNumber,
			name: c.service.name,
			status: c.status,
			createdAt: c.createdAt,
			steps: [...v.progress.steps, ...v.progress.branches].filter((s) => !s.final).map((s) => s.label),
			// a 补正 to answer, or a 容缺 material still to supply (SUPPLY itself is offered on every case)
			needsMe: v.actions.some((a) => a.type === 'RESUBMIT') || (v.case.status === 'active' && v.case.state.machine.context.pending.length > 0),
			deadline: v.clock.case.dueAt,
			overdue: v.clock.case.overdue
		});
	}
	return { cases: rows, drafts: drafts.map((d) => ({ kind: d.serviceKind, id: d.serviceId, updatedAt: d.updatedAt })) };
};
