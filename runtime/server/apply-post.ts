// The apply page's posts: the form's own fields (without JavaScript also its files), or the checked answers the 核对 step posts back as JSON.
import type { RequestEvent } from '@sveltejs/kit';
import { compose } from '../core/compose';
import type { SubmitBody } from '../core/cases/service';
import { valuesFromEntries } from '../core/form-data';
import { isFileField } from '../components/form/widget';
import { getApp } from './app';
import { materialsFromForm, savePosted } from './material-form';
import { answersFor, applicantOf, asKind, fileNamesOf, orError } from './portal';

type Refusal = { path: string; message: string };
const record = (v: unknown): Record<string, any> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : {});

/** 领取方式: the form's delivery.method and delivery.address.* fields (the 核对 step posts them back as hidden fields too). */
function deliveryOf(form: FormData): { method?: string; address?: Record<string, string> } {
	const method = String(form.get('delivery.method') ?? '').trim();
	if (!method) return {};
	const address: Record<string, string> = {};
	for (const [k, v] of form.entries()) if (k.startsWith('delivery.address.') && typeof v === 'string') address[k.slice(17)] = v.slice(0, 200);
	return method === 'post' ? { method, address } : { method };
}

/** Reads a post of the apply page; `kept` is what the page shows again, so nothing typed, chosen or uploaded is lost. */
export async function readApplyPost(event: RequestEvent) {
	const app = await getApp();
	// uploads are the signed-in user's (the officer's scans when filing for a citizen)
	const { actor, filing } = await applicantOf(app, event);
	const kind = asKind(event.params.kind!);
	const form = await event.request.formData();
	const source = await orError(app.defs.source(kind, event.params.id!));
	const refused: Refusal[] = [];
	const reviewed = form.get('reviewed');
	let answers: Record<string, unknown>, data: Record<string, unknown>, materials: Record<string, any>, consent: boolean;
	if (typeof reviewed === 'string') {
		// the 核对 step: what was checked, as JSON (validated again when submitted)
		let posted: Record<string, any> = {};
		try {
			posted = record(JSON.parse(reviewed));
		} catch {
			/* an unreadable post is checked as empty and its problems listed */
		}
		answers = answersFor(
			source,
			Object.entries(record(posted.answers)).flatMap(([k, v]) => [v].flat().map((x) => [`a:${k}`, String(x)] as [string, unknown]))
		);
		data = record(posted.data);
		materials = record(posted.materials);
		consent = posted.consent === true;
	} else {
		answers = answersFor(source, [...form.entries()]);
		const service = compose(source, answers);
		// a file field posted without JavaScript arrives as the file itself
		for (const [name, prop] of Object.entries(service.form.schema.properties))
			if (isFileField(prop, service.form.uiSchema[name] as Record<string, unknown>)) {
				const f = form.get(`d:${name}:file`);
				const saved = f && typeof f !== 'string' && f.size ? await savePosted(app, actor.id, f, `data.${name}`, refused) : undefined;
				if (saved) form.set(`d:${name}`, saved);
			}
		data = valuesFromEntries(service.form.schema, form.entries());
		materials = await materialsFromForm(app, actor.id, form, service.materials, refused);
		consent = form.get('consent:licence') === 'true';
	}
	const delivery = deliveryOf(form);
	const schema = compose(source, answers).form.schema;
	const kept = { answers, values: data, provided: materials, consent, delivery, fileNames: await fileNamesOf(app, materials, { schema, data }) };
	// answersFor keeps only offered options (strings); each material choice is an object, as SubmitBody wants
	const body: SubmitBody = {
		service: { kind: kind as SubmitBody['service']['kind'], id: event.params.id! },
		answers: answers as SubmitBody['answers'],
		data,
		materials: Object.fromEntries(Object.entries(materials).map(([id, p]) => [id, record(p)])),
		consents: { licenceFetch: consent },
		...(delivery.method ? { delivery: delivery as SubmitBody['delivery'] } : {})
	};
	return { actor, app, kind, body, refused, kept, filing };
}
