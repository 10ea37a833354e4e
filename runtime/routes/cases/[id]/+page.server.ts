import type { CaseContext } from '$core/cases/state';
import { sharedView } from '$server/shared-fetch';
import { documentLinks, trackUrl } from '$server/documents';
import { qrDataUrl } from '$server/licence-qr';
import { humanNumber } from '$core/certificates';
import { DELIVERY_LABELS, deliveryStatus } from '$core/cases/delivery';
import { valuesFromEntries } from '$core/form-data';
import { isProvisionalDeadline } from '$core/calendar';
import { getApp } from '$server/app';
import { materialsFromForm } from '$server/material-form';
import { withRefusals } from '$server/form-actions';
import { citizenLicences, fileNamesOf, orError, requireApplicant } from '$server/portal';
import { guardActions } from '$server/body-limits';
import { correctionOf } from '$server/correction';
import { paymentView } from '$server/payments';
import { acceptanceText, complaintsText, paymentText } from '$server/case-page-text';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireApplicant(event);
	const app = await getApp();
	const view = await orError(app.cases.view(event.params.id, actor));
	const ctx = view.case.state.machine.context;
	// deadlines counted past the last loaded calendar year are 暂定 (statutory holidays only)
	const provisional = (dueAt: string) => isProvisionalDeadline(app.cases.calendar, dueAt);
	return {
		view,
		acceptance: acceptanceText(view, view.case.status),
		documents: await documentLinks(app, view.case),
		openCorrections: ctx.corrections.filter((c) => !c.resolvedAt),
		// what the 补正 asks, composed again for a situation answer the applicant proposes (?a:<key>=…)
		fix: await correctionOf(app, view.case, [...event.url.searchParams]),
		pending: ctx.pending.map((p) => ({ ...p, provisional: provisional(p.dueAt) })),
		results: view.case.state.results.map((r) => ({ ...r, number: r.licence ? humanNumber(r.licence) : r.number })),
		delivery: deliveryView(
			ctx.delivery,
			view.case.events.some((e) => e.type === 'ISSUE')
		),
		rating: (await app.ratings.forCase(actor, event.params.id)) ?? null,
		// 办不成事反映 about this case, with their replies
		complaints: complaintsText(await app.store.complaints.list({ complainantId: actor.id, caseId: event.params.id })),
		// 缴费: what is due, 票据 and refunds
		payment: paymentText(paymentView(await app.payments.statusOf(await app.cases.get(event.params.id))), event.url.searchParams.has('paid')),
		licences: await citizenLicences(app, actor),
		fileNames: await fileNamesOf(app, ctx.materials, { schema: view.service.form.schema, data: ctx.data }),
		submitted: event.url.searchParams.has('submitted'),
		// the receipt's QR code opens the case lookup, as on every 文书
		receiptQr: event.url.searchParams.has('submitted')
			? { url: trackUrl(event.url.origin, view.case.receiptNumber), image: await qrDataUrl(trackUrl(event.url.origin, view.case.receiptNumber)) }
			: undefined,
		sharedView: sharedView(view.service.materials, ctx.materials as Record<string, any>, {}, false),
		departments: Object.fromEntries(app.catalog.dictionaries.departments.map((d) => [d.id, d.name]))
	};
};

/** Sends one applicant event; a refusal comes back with its message, nothing is lost. */
async function send(
	event: Parameters<Actions[string]>[0],
	build: (form: FormData, view: Awaited<ReturnType<Awaited<ReturnType<typeof getApp>>['cases']['view']>>) => Promise<Record<string, unknown>>
) {
	const actor = requireApplicant(event);
	const app = await getApp();
	const form = await event.request.formData();
	const view = await orError(app.cases.view(event.params.id, actor));
	const version = Number(form.get('version'));
	return withRefusals(async () => {
		await app.cases.act(actor, event.params.id, { version, ...(await build(form, view)) });
		return { done: true };
	});
}

export const actions: Actions = guardActions({
	resubmit: (event) =>
		send(event, async (form, view) => {
			const app = await getApp();
			const fix = await correctionOf(app, view.case, [...form.entries()]);
			const data = valuesFromEntries(fix.form.schema, form.entries());
			const materials = await materialsFromForm(
				app,
				event.locals.actor!.id,
				form,
				fix.materials.filter((m) => fix.materialIds.includes(m.id))
			);
			return {
				type: 'RESUBMIT',
				data: Object.fromEntries(Object.entries(data).filter(([k]) => fix.fields.includes(k))),
				materials,
				...(Object.keys(fix.changedAnswers).length ? { answers: fix.changedAnswers } : {}),
				licenceConsent: form.get('consent:licence') === 'true'
			};
		}),
	withdraw: (event) =>
		send(event, async (form) => ({ type: 'WITHDRAW', ...(String(form.get('reason') ?? '').trim() ? { reason: String(form.get('reason')).trim() } : {}) })),
	supply: (event) =>
		send(event, async (form, view) => {
			const app = await getApp();
			const material = String(form.get('material'));
			const provided = await materialsFromForm(
				app,
				event.locals.actor!.id,
				form,
				view.service.materials.filter((m) => m.id === material)
			);
			return { type: 'SUPPLY', material, provided: provided[material], licenceConsent: form.get('consent:licence') === 'true' };
		}),
	/** 在线缴费: opens an order for what is due and goes to the provider's pay page */
	pay: async (event) => {
		const actor = requireApplicant(event);
		const app = await getApp();
		let payUrl = '';
		const refused = await withRefusals(async () => {
			payUrl = (await app.payments.open(actor, event.params.id)).payUrl;
			return { done: true };
		});
		if (payUrl) redirect(303, payUrl);
		return refused;
	},
	rate: async (event) => {
		const actor = requireApplicant(event);
		const app = await getApp();
		const form = await event.request.formData();
		const num = (k: string) => Number(form.get(k));
		return withRefusals(async () => {
			await app.ratings.rate(actor, event.params.id, {
				grade: num('grade'),
				aspects: { attitude: num('attitude'), efficiency: num('efficiency'), quality: num('quality') },
				...(String(form.get('comment') ?? '').trim() ? { comment: String(form.get('comment')).trim() } : {})
			});
			return { rated: true };
		});
	}
});

/** 送达: the method, where it stands and the tracking number (the applicant's own address is theirs to see). */
function deliveryView(d: CaseContext['delivery'], handedOver: boolean) {
	if (!d) return null;
	return {
		method: DELIVERY_LABELS[d.method],
		status: deliveryStatus(d, handedOver),
		...(d.trackingNumber ? { trackingNumber: d.trackingNumber } : {}),
		...(d.address ? { address: `${d.address.recipient}，${d.address.phone}，${d.address.address}` } : {})
	};
}
