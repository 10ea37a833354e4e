import { fail, redirect } from '@sveltejs/kit';
import { compose } from '$core/compose';
import { defaultSource } from '$core/cases/materials-check';
import { valuesFromEntries } from '$core/form-data';
import { SubmitBody } from '$core/cases/service';
import { consentActive } from '$core/consents';
import { HttpError } from '$core/errors';
import { getApp } from '$server/app';
import { materialsFromForm, savePosted } from '$server/material-form';
import { isFileField } from '$components/form/widget';
import { answersFor, asKind, citizenLicences, fileNamesOf, orError, prefillFromProfile, requireApplicant, serviceView } from '$server/portal';
import { guardActions } from '$server/body-limits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireApplicant(event);
	const app = await getApp();
	const kind = asKind(event.params.kind);
	const source = await orError(app.defs.source(kind, event.params.id));
	const draft = await app.store.drafts.get(actor.id, kind, event.params.id);
	const fromUrl = answersFor(source, [...event.url.searchParams]);
	const answers = Object.keys(fromUrl).length ? fromUrl : (draft?.answers ?? {});
	const service = compose(source, answers);
	const licences = await citizenLicences(app, actor);
	const standingConsent = consentActive(await app.store.accounts.get(actor.id), 'licenceFetch');
	const prefill = await prefillFromProfile(app, actor, service);
	const held = new Set(licences.map((l) => l.type));
	const provided = Object.fromEntries(service.materials.map((m) => [m.id, draft?.materials?.[m.id] ?? { source: defaultSource(m, held) }]));
	const values = { ...prefill, ...(draft?.data ?? {}) };
	return {
		service: serviceView(service),
		answers,
		values,
		prefilled: Object.keys(prefill).filter((k) => draft?.data?.[k] === undefined),
		provided,
		licences,
		draftSavedAt: draft?.updatedAt,
		standingConsent,
		fileNames: await fileNamesOf(app, provided, { schema: service.form.schema, data: values }),
		departments: Object.fromEntries(app.catalog.dictionaries.departments.map((d) => [d.id, d.name]))
	};
};

async function readPost(event: Parameters<Actions[string]>[0]) {
	const actor = requireApplicant(event);
	const app = await getApp();
	const kind = asKind(event.params.kind);
	const form = await event.request.formData();
	const source = await orError(app.defs.source(kind, event.params.id));
	const answers = answersFor(source, [...form.entries()]);
	const service = compose(source, answers);
	// a file field posted without JavaScript arrives as the file itself
	const refused: { path: string; message: string }[] = [];
	for (const [name, prop] of Object.entries(service.form.schema.properties))
		if (isFileField(prop, service.form.uiSchema[name] as Record<string, unknown>)) {
			const f = form.get(`d:${name}:file`);
			const saved = f && typeof f !== 'string' && f.size ? await savePosted(app, actor.id, f, `data.${name}`, refused) : undefined;
			if (saved) form.set(`d:${name}`, saved);
		}
	const data = valuesFromEntries(service.form.schema, form.entries());
	const materials = await materialsFromForm(app, actor.id, form, service.materials, refused);
	// what the page shows again when the post is refused: nothing typed or uploaded is lost
	const kept = { answers, values: data, provided: materials, fileNames: await fileNamesOf(app, materials, { schema: service.form.schema, data }) };
	return { actor, app, kind, answers, data, materials, refused, kept, consent: form.get('consent:licence') === 'true' };
}

export const actions: Actions = guardActions({
	submit: async (event) => {
		const { actor, app, kind, answers, data, materials, refused, consent, kept: posted } = await readPost(event);
		const kept = { ...posted, consent };
		if (refused.length) return fail(422, { ...kept, message: '有文件未能上传', errors: refused });
		const body = SubmitBody.safeParse({ service: { kind, id: event.params.id }, answers, data, materials, consents: { licenceFetch: consent } });
		if (!body.success)
			return fail(422, {
				...kept,
				message: '申请有需要修改的地方',
				errors: body.error.issues.map((i) => ({ path: i.path.slice(0, 2).join('.'), message: i.message }))
			});
		try {
			const created = await app.cases.submit(actor, body.data);
			await app.store.drafts.delete(actor.id, kind, event.params.id);
			redirect(303, `/cases/${created.case.id}?submitted=1`);
		} catch (e) {
			if (e instanceof HttpError && e.status < 500) return fail(e.status, { ...kept, message: e.message, errors: e.errors ?? [] });
			throw e;
		}
	},
	save: async (event) => {
		const { actor, app, kind, answers, data, materials, refused, kept } = await readPost(event);
		await app.store.drafts.put({
			userId: actor.id,
			serviceKind: kind,
			serviceId: event.params.id,
			answers,
			data,
			materials,
			updatedAt: app.time.now().toISOString()
		});
		if (refused.length) return fail(422, { ...kept, message: '草稿已保存，但有文件未能上传', errors: refused });
		return { saved: true, ...kept };
	}
});
