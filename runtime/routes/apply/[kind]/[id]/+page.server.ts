import { fail, redirect } from '@sveltejs/kit';
import { compose } from '$core/compose';
import { defaultSource } from '$core/cases/materials-check';
import { consentActive } from '$core/consents';
import { HttpError } from '$core/errors';
import { getApp, type App } from '$server/app';
import type { SubmitBody } from '$core/cases/service';
import { readApplyPost } from '$server/apply-post';
import { answersFor, applicantOf, asKind, citizenLicences, fileNamesOf, orError, prefillFromProfile, serviceView } from '$server/portal';
import { endFiling } from '$server/on-behalf';
import { barredCommitments } from '$server/credit-view';
import { fetchForApplication, sharedView } from '$server/shared-fetch';
import { guardActions } from '$server/body-limits';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async (event) => {
	const app = await getApp();
	// the citizen, or the citizen the front desk files for (帮办代办: no draft, the citizen's profile and licences)
	const { actor, applicant, filing } = await applicantOf(app, event);
	const kind = asKind(event.params.kind);
	const source = await orError(app.defs.source(kind, event.params.id));
	const draft = filing ? undefined : await app.store.drafts.get(actor.id, kind, event.params.id);
	const fromUrl = answersFor(source, [...event.url.searchParams]);
	const answers = Object.keys(fromUrl).length ? fromUrl : (draft?.answers ?? {});
	const service = compose(source, answers);
	const licences = await citizenLicences(app, applicant);
	const account = await app.store.accounts.get(applicant.id);
	const standingConsent = consentActive(account, 'licenceFetch');
	const prefill = await prefillFromProfile(app, applicant, service, answers);
	const held = new Set(licences.map((l) => l.type));
	// 信用记录: no 告知承诺 where a false one bars it, and the note says why
	const { materials, barred } = await barredCommitments(
		app.store,
		applicant.id,
		service.materials,
		app.time.now(),
		event.locals.locale ?? 'zh-CN',
		m.apply_credit_barred
	);
	const kept = (id: string) => {
		const d = draft?.materials?.[id] as { source?: string } | undefined;
		return d && !(barred.has(id) && d.source === 'commitment') ? d : undefined;
	};
	const provided = Object.fromEntries(materials.map((x) => [x.id, kept(x.id) ?? { source: defaultSource(x, held) }]));
	const values = { ...prefill.values, ...(draft?.data ?? {}) };
	// 部门共享 with the standing consent: the shared materials are fetched as the page opens, and prefill the form
	const shareConsent = consentActive(account, 'sharedFetch');
	if (shareConsent) for (const p of Object.values(provided) as Record<string, any>[]) if (p.source === 'shared' && !p.fetched) p.consent = true;
	const shared = await fetchForApplication(app, actor, applicant, service, answers, provided, values);
	return {
		service: { ...serviceView(service), materials },
		answers,
		values,
		prefilled: [...Object.keys(prefill.values).filter((k) => draft?.data?.[k] === undefined), ...shared.prefilled],
		sharedErrors: shared.errors,
		sharedView: sharedView(service.materials, provided, departmentNames(app)),
		profileOffer: prefill.offer,
		provided,
		licences,
		draftSavedAt: draft?.updatedAt,
		standingConsent,
		fileNames: await fileNamesOf(app, provided, { schema: service.form.schema, data: values }),
		departments: departmentNames(app),
		onBehalf: filing ?? null,
		delivery: { allowed: service.guide.delivery, address: postalFromProfile(account?.profile) }
	};
};

const departmentNames = (app: App) => Object.fromEntries(app.catalog.dictionaries.departments.map((d) => [d.id, d.name]));

/** 邮寄 prefilled from the profile: the name, the mobile number and the address it holds. */
function postalFromProfile(profile: Record<string, unknown> | undefined): Record<string, string> {
	const pick = (k: string) => (typeof profile?.[k] === 'string' ? (profile[k] as string) : '');
	return { recipient: pick('name'), phone: pick('phone'), address: pick('address'), postcode: pick('postcode') };
}

/** Every problem at once: files refused on upload first, then what the check finds (one message per field or material). */
/** The application as typed, kept as the citizen's draft of this service. */
function saveDraft(app: App, userId: string, serviceKind: 'item' | 'bundle', serviceId: string, body: SubmitBody) {
	const { answers, data, materials } = body;
	return app.store.drafts.put({ userId, serviceKind, serviceId, answers, data, materials: materials as never, updatedAt: app.time.now().toISOString() });
}

function problems(refused: { path: string; message: string }[], found: { path: string; message: string }[]) {
	const seen = new Set(refused.map((r) => r.path));
	return [...refused, ...found.filter((e) => !seen.has(e.path))];
}

export const actions: Actions = guardActions({
	/** 下一步: check everything; the page then shows the 核对 step (a draft keeps what was checked) */
	check: async (event) => {
		const { actor, app, kind, body, refused, kept, filing } = await readApplyPost(event);
		try {
			const { errors } = await app.cases.check(actor, body, filing?.onBehalfOf);
			const all = problems(refused, errors);
			if (all.length) return fail(422, { ...kept, message: m.apply_errors_count({ count: all.length }), errors: all });
		} catch (e) {
			if (e instanceof HttpError && e.status < 500) return fail(e.status, { ...kept, message: e.message, errors: problems(refused, e.errors ?? []) });
			throw e;
		}
		if (!filing) await saveDraft(app, actor.id, kind, event.params.id, body);
		return { ...kept, review: true };
	},
	/** 修改 from the 核对 step without JavaScript: back to the form with everything checked */
	edit: async (event) => {
		const { kept } = await readApplyPost(event);
		return { ...kept, review: false };
	},
	/** 确认提交 */
	submit: async (event) => {
		const { actor, app, kind, body, refused, kept, filing } = await readApplyPost(event);
		try {
			const created = await app.cases.submit(actor, body, filing?.onBehalfOf);
			if (filing) {
				endFiling(event.cookies, event.url);
				redirect(303, `/workbench/cases/${created.case.id}?filed=1`);
			}
			await app.store.drafts.delete(actor.id, kind, event.params.id);
			redirect(303, `/cases/${created.case.id}?submitted=1`);
		} catch (e) {
			if (e instanceof HttpError && e.status < 500) return fail(e.status, { ...kept, message: e.message, errors: problems(refused, e.errors ?? []) });
			throw e;
		}
	},
	/** 授权并获取: fetches the shared materials the citizen consented to, shows them and prefills the form (nothing is checked yet) */
	share: async (event) => {
		const { actor, app, kind, kept, filing } = await readApplyPost(event);
		const { applicant } = await applicantOf(app, event);
		const service = compose(await orError(app.defs.source(kind, event.params.id)), kept.answers);
		const provided = kept.provided as Record<string, any>;
		const values = { ...kept.values };
		const { prefilled, errors } = await fetchForApplication(app, actor, applicant, service, kept.answers, provided, values);
		if (!filing)
			await app.store.drafts.put({
				userId: actor.id,
				serviceKind: kind,
				serviceId: event.params.id,
				answers: kept.answers as never,
				data: values,
				materials: provided as never,
				updatedAt: app.time.now().toISOString()
			});
		const view = sharedView(service.materials, provided, departmentNames(app));
		return { ...kept, values, provided, shared: { prefilled }, sharedView: view, errors, ...(errors.length ? { message: errors[0].message } : {}) };
	},
	save: async (event) => {
		const { actor, app, kind, body, refused, kept, filing } = await readApplyPost(event);
		if (filing) return fail(400, { ...kept, message: '代为申请不保存草稿：请当场填写并提交', errors: [] });
		await saveDraft(app, actor.id, kind, event.params.id, body);
		if (refused.length) return fail(422, { ...kept, message: m.apply_draft_files_failed(), errors: refused });
		return { saved: true, ...kept };
	}
});
