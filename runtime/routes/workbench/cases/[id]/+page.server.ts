import { paymentView } from '$server/payments';
import { isProvisionalDeadline } from '$core/calendar';
import { datasetLabels } from '$server/shared-fetch';
import { documentLinks } from '$server/documents';
import { getApp } from '$server/app';
import { eventFromForm, stepFieldsFromForm } from '$server/event-form';
import { withStaffFields } from '$core/compose/access';
import { fileNamesOf, orError } from '$server/portal';
import { requireStaff } from '$server/staff';
import { caseViewFor, maskedLicence } from '$server/pii-view';
import { claimAction, withRefusals } from '$server/form-actions';
import { guardActions } from '$server/body-limits';
import { licenceData, markService, materialFiles, opinionService, reviewData, type LicenceData } from '$server/review';
import { askFromForm, consultData, consultService } from '$server/consult';
import { intermediaryData, intermediaryTracker } from '$server/intermediary';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

/** The textarea of an action form a template goes into: a reason for refusals, else the opinion. */
const opinionField = (type: string) => (['REJECT', 'DENY', 'RETURN'].includes(type) ? 'reason' : 'opinion');

export const load: PageServerLoad = async (event) => {
	const actor = requireStaff(event);
	const app = await getApp();
	// identifiers in full only for staff with a step of the case to act on (pii-view.ts)
	const view = caseViewFor(app.pii, actor, await orError(app.cases.view(event.params.id, actor)));
	const ctx = view.case.state.machine.context;
	// deadlines counted past the last loaded calendar year are 暂定 (statutory holidays only)
	const provisional = (dueAt: string) => isProvisionalDeadline(app.cases.calendar, dueAt);
	const licences = [];
	const licenceDetails: Record<string, LicenceData> = {};
	for (const [material, p] of Object.entries(ctx.materials))
		if (p?.source === 'licence') {
			const l = await app.licences.get(p.licenceId);
			const shown = l && (view.masked ? maskedLicence(l) : l);
			if (shown) licences.push({ id: shown.id, type: shown.type, name: shown.name, number: shown.number, issuer: shown.issuer });
			if (l) licenceDetails[material] = licenceData(l, view.masked);
		}
	const applicant = await app.store.accounts.get(view.case.applicantId);
	return {
		view,
		me: actor.id,
		documents: await documentLinks(app, view.case),
		fileNames: await fileNamesOf(app, ctx.materials, { schema: view.service.form.schema, data: ctx.data }),
		licences,
		licenceDetails,
		files: await materialFiles(app, ctx.materials),
		review: await reviewData(app, actor, view.case.id, event.url.searchParams.getAll('correct')),
		applicant: applicant?.name ?? view.case.applicantId,
		// 缴费: 出件 waits until the fees are paid
		payment: paymentView(await app.payments.statusOf(await app.cases.get(event.params.id))),
		filed: event.url.searchParams.has('filed'),
		openCorrections: ctx.corrections.filter((c) => !c.resolvedAt),
		pending: ctx.pending.map((p) => ({ ...p, late: p.dueAt < app.time.now().toISOString(), provisional: provisional(p.dueAt) })),
		commitments: ctx.commitments,
		verifications: view.case.state.verifications.map((v) => ({
			...v,
			mine: v.status === 'open' && actor.roles.includes('reviewer') && actor.department === v.department,
			provisional: provisional(v.dueAt)
		})),
		datasetLabels: datasetLabels(),
		departments: Object.fromEntries(app.catalog.dictionaries.departments.map((d) => [d.id, d.name])),
		intermediary: await intermediaryData(app, actor, view.case),
		consult: await consultData(
			app,
			actor,
			view.case,
			view.actions.some((a) => a.role !== 'applicant')
		)
	};
};

export const actions: Actions = guardActions({
	act: async (event) => {
		const actor = requireStaff(event);
		const app = await getApp();
		const posted = await event.request.formData();
		const body = eventFromForm(posted);
		return withRefusals(
			async () => {
				const service = await app.cases.composeFor(await app.cases.get(event.params.id));
				const fields = stepFieldsFromForm(withStaffFields(service.form, service.staffForm), posted);
				await app.cases.act(actor, event.params.id, fields ? { ...body, fields } : body);
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
	/** 已核 / 有问题 on one material */
	mark: async (event) => {
		const actor = requireStaff(event);
		const app = await getApp();
		const f = await event.request.formData();
		const material = String(f.get('material') ?? '');
		const body = { material, status: String(f.get('status') ?? ''), note: String(f.get('note') ?? '') || undefined };
		return withRefusals(
			async () => {
				await markService(app).mark(actor, event.params.id, body);
				return { marked: material };
			},
			{ markFor: material }
		);
	},
	/** A 常用意见 added to an action form's opinion (without JavaScript: the form comes back with the text filled in) */
	opinion: async (event) => {
		const actor = requireStaff(event);
		const app = await getApp();
		const f = await event.request.formData();
		const type = String(f.get('type') ?? '');
		const branch = String(f.get('branch') ?? '');
		const field = opinionField(type);
		const c = await app.store.cases.get(event.params.id);
		if (!c || !(await app.cases.canSee(actor, c))) return fail(403, { message: '您无权查看该办件', errors: [] });
		const templates = actor.department ? await opinionService(app).list(actor.department) : [];
		const t = templates.find((x) => x.id === f.get('template'));
		if (!t) return fail(422, { message: '该常用意见不存在或不属于您的部门', errors: [{ path: 'template', message: '请刷新页面后重新选择常用意见' }] });
		const typed = String(f.get(field) ?? '').trim();
		return { inserted: { form: `act-${type}-${branch || 'case'}`, text: typed ? `${typed}\n${t.text}` : t.text } };
	},
	/** 征求意见: ask a colleague or a department without moving the workflow */
	consult: async (event) => {
		const actor = requireStaff(event);
		const app = await getApp();
		const body = askFromForm(await event.request.formData());
		return withRefusals(
			async () => {
				const x = await consultService(app).ask(actor, event.params.id, body);
				return { consulted: x.to.name };
			},
			{ consultForm: true }
		);
	},
	/** the addressee's answer to one 征求意见 */
	answer: async (event) => {
		const actor = requireStaff(event);
		const app = await getApp();
		const f = await event.request.formData();
		const id = String(f.get('consultation') ?? '');
		return withRefusals(
			async () => {
				await consultService(app).answer(actor, event.params.id, id, { answer: String(f.get('answer') ?? '') });
				return { answered: id };
			},
			{ answerFor: id }
		);
	},
	/** 中介服务 started or finished (its time is not counted in the limit) */
	intermediary: async (event) => {
		const actor = requireStaff(event);
		const app = await getApp();
		const f = await event.request.formData();
		return withRefusals(async () => {
			const note = String(f.get('note') ?? '').trim();
			await intermediaryTracker(app).record(actor, event.params.id, {
				service: String(f.get('service') ?? ''),
				action: String(f.get('action') ?? ''),
				version: Number(f.get('version')),
				...(note ? { note } : {})
			});
			return { intermediary: String(f.get('action')) };
		});
	},
	claim: claimAction(false),
	release: claimAction(true)
});
