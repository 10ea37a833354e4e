import { isProvisionalDeadline } from '$core/calendar';
import { getApp } from '$server/app';
import { eventFromForm } from '$server/event-form';
import { fileNamesOf, orError } from '$server/portal';
import { requireStaff } from '$server/staff';
import { caseViewFor, maskedLicence } from '$server/pii-view';
import { claimAction, withRefusals } from '$server/form-actions';
import { guardActions } from '$server/body-limits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireStaff(event);
	const app = await getApp();
	// identifiers in full only for staff with a step of the case to act on (pii-view.ts)
	const view = caseViewFor(app.pii, actor, await orError(app.cases.view(event.params.id, actor)));
	const ctx = view.case.state.machine.context;
	// deadlines counted past the last loaded calendar year are 暂定 (statutory holidays only)
	const provisional = (dueAt: string) => isProvisionalDeadline(app.cases.calendar, dueAt);
	const licences = [];
	for (const p of Object.values(ctx.materials))
		if (p?.source === 'licence') {
			const l = await app.licences.get(p.licenceId);
			const shown = l && (view.masked ? maskedLicence(l) : l);
			if (shown) licences.push({ id: shown.id, type: shown.type, name: shown.name, number: shown.number, issuer: shown.issuer });
		}
	const applicant = await app.store.accounts.get(view.case.applicantId);
	return {
		view,
		me: actor.id,
		fileNames: await fileNamesOf(app, ctx.materials, { schema: view.service.form.schema, data: ctx.data }),
		licences,
		applicant: applicant?.name ?? view.case.applicantId,
		openCorrections: ctx.corrections.filter((c) => !c.resolvedAt),
		pending: ctx.pending.map((p) => ({ ...p, late: p.dueAt < app.time.now().toISOString(), provisional: provisional(p.dueAt) })),
		commitments: ctx.commitments,
		verifications: view.case.state.verifications.map((v) => ({
			...v,
			mine: v.status === 'open' && actor.roles.includes('reviewer') && actor.department === v.department,
			provisional: provisional(v.dueAt)
		})),
		departments: Object.fromEntries(app.catalog.dictionaries.departments.map((d) => [d.id, d.name]))
	};
};

export const actions: Actions = guardActions({
	act: async (event) => {
		const actor = requireStaff(event);
		const app = await getApp();
		const body = eventFromForm(await event.request.formData());
		return withRefusals(
			async () => {
				await app.cases.act(actor, event.params.id, body);
				return { done: body.type };
			},
			{ type: body.type }
		);
	},
	verify: async (event) => {
		const actor = requireStaff(event);
		const app = await getApp();
		const f = await event.request.formData();
		return withRefusals(async () => {
			await app.cases.verify(actor, event.params.id, String(f.get('verification')), {
				version: Number(f.get('version')),
				result: String(f.get('result') ?? ''),
				note: String(f.get('note') ?? '')
			});
			return { done: 'VERIFY' };
		});
	},
	claim: claimAction(false),
	release: claimAction(true)
});
