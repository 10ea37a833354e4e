// Prefill for the right person: a field is filled from the signed-in person's profile only when its subject (申请人, 监护人…)
// is someone they are: always the applicant, and another subject only when an answer declares it (applicantIs).
// Pure, so the apply page runs the same rule in the browser when an answer changes.
import type { FieldMeta, Form, SemanticKey, Subject } from './model';

/** What the profile can fill: semantic key → the key's subject and the profile's value. */
export type ProfileOffer = Record<string, { subject: Subject; value: unknown }>;

/** Whose data a field holds: its own subject, else its semantic key's, else the applicant's. */
export function fieldSubject(meta: Pick<FieldMeta, 'subject' | 'semanticKey'> | undefined, keys: Map<string, { subject?: Subject }>): Subject {
	return meta?.subject ?? (meta?.semanticKey ? keys.get(meta.semanticKey)?.subject : undefined) ?? 'applicant';
}

/** The subjects the signed-in applicant is: the applicant, plus each one a chosen option declares. */
export function applicantSubjects(
	questions: { key: string; options: { value: string; applicantIs?: Subject }[] }[],
	answers: Record<string, unknown>
): Subject[] {
	const out = new Set<Subject>(['applicant']);
	for (const q of questions) {
		const chosen = [answers[q.key]].flat();
		for (const o of q.options) if (o.applicantIs && chosen.includes(o.value)) out.add(o.applicantIs);
	}
	return [...out];
}

/** The profile values each semantic key with a `profile` field could take (whether it may is decided per field). */
export function profileOffer(keys: SemanticKey[], profile: Record<string, unknown> | undefined): ProfileOffer {
	const out: ProfileOffer = {};
	for (const k of keys) {
		const value = k.profile ? profile?.[k.profile] : undefined;
		if (value !== undefined && value !== '') out[k.key] = { subject: k.subject ?? 'applicant', value };
	}
	return out;
}

/** Values for the form's top-level fields that hold data of a subject the applicant is; nobody else's field is filled. */
export function prefillValues(form: Pick<Form, 'schema' | 'fields'>, offer: ProfileOffer, subjects: Subject[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const name of Object.keys(form.schema.properties)) {
		const meta = form.fields[name];
		const o = meta?.semanticKey ? offer[meta.semanticKey] : undefined;
		if (!o) continue;
		// the field's own subject wins over its key's: a field for someone else is never filled
		if (subjects.includes(meta?.subject ?? o.subject)) out[name] = o.value;
	}
	return out;
}

const empty = (v: unknown) => v === undefined || v === '' || v === null;

/**
 * After an answer changes who the applicant is: fills the empty fields now theirs (`next`), and empties the fields filled
 * before (`previous`) that are no longer theirs, unless edited since. Changes `values` in place; returns the prefilled names.
 */
export function refill(values: Record<string, unknown>, prefilled: string[], previous: Record<string, unknown>, next: Record<string, unknown>): string[] {
	const out = new Set(prefilled);
	for (const [k, v] of Object.entries(previous))
		if (!(k in next) && values[k] === v) {
			delete values[k];
			out.delete(k);
		}
	for (const [k, v] of Object.entries(next))
		if (empty(values[k])) {
			values[k] = v;
			out.add(k);
		}
	return [...out];
}
