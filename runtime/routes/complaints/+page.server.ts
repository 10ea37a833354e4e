import { redirect } from '@sveltejs/kit';
import { COMPLAINT_REPLY_DAYS } from '$core/complaints';
import { getApp } from '$server/app';
import { withRefusals } from '$server/form-actions';
import { guardActions } from '$server/body-limits';
import { requireApplicant } from '$server/portal';
import type { Actions, PageServerLoad } from './$types';

/** 办不成事反映: the citizen's form (a department, or one of their cases) and their complaints with the replies. */
export const load: PageServerLoad = async (event) => {
	const actor = requireApplicant(event);
	const app = await getApp();
	event.setHeaders({ 'cache-control': 'no-store' });
	const cases = await app.store.cases.page({ applicantId: actor.id }, 50);
	return {
		complaints: await app.complaints.mine(actor),
		cases: cases.rows.map((c) => ({ id: c.id, label: `${c.service.name}（${c.receiptNumber}）` })),
		departments: app.catalog.dictionaries.departments.map((d) => ({ id: d.id, name: d.name })),
		chosenCase: event.url.searchParams.get('case') ?? '',
		sent: event.url.searchParams.get('sent') ?? '',
		days: COMPLAINT_REPLY_DAYS
	};
};

export const actions: Actions = guardActions({
	create: async (event) => {
		const actor = requireApplicant(event);
		const app = await getApp();
		const f = await event.request.formData();
		const field = (k: string) => String(f.get(k) ?? '');
		const body = {
			subject: field('subject'),
			text: field('text'),
			...(field('caseId') ? { caseId: field('caseId') } : field('department') ? { department: field('department') } : {})
		};
		const created = await withRefusals(() => app.complaints.create(actor, body), { values: body });
		if ('status' in created && typeof created.status === 'number') return created;
		redirect(303, `/complaints?sent=${encodeURIComponent((created as { id: string }).id)}#${encodeURIComponent((created as { id: string }).id)}`);
	}
});
