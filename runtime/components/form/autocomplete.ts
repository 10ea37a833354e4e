// Autofill tokens (HTML `autocomplete`) for personal data: only on fields about a person the applicant is; another
// person's field (a student's, a guardian's when the applicant is not the guardian) gets `off`, so a browser does not fill
// it with the applicant's own details.
import type { FieldMeta, Subject } from '$core/model';
import type { FullAutoFill } from 'svelte/elements';
import type { Widget } from './widget';

/** The subject a semantic key's namespace stands for, when the field does not say (see definitions/dictionaries). */
const KEY_SUBJECT: Record<string, Subject> = {
	student: 'student',
	guardian: 'guardian',
	org: 'organization',
	school: 'organization',
	legalRepresentative: 'legalRepresentative'
};
/** Token by the semantic key's last part (applicant.name → name, contact.phone → tel). */
const BY_KEY: Record<string, FullAutoFill> = {
	name: 'name',
	fullName: 'name',
	birthDate: 'bday',
	gender: 'sex',
	phone: 'tel',
	mobile: 'tel',
	email: 'email',
	address: 'street-address',
	postalCode: 'postal-code',
	postcode: 'postal-code',
	employer: 'organization'
};
/** Token by the field's format when it has no (known) key. */
const BY_WIDGET: Partial<Record<Widget, FullAutoFill>> = { phone: 'tel', email: 'email', address: 'street-address' };
/** Widgets that take an autocomplete attribute (text-like inputs, select, textarea). */
const TAKES = new Set<Widget>(['text', 'textarea', 'date', 'idNumber', 'phone', 'email', 'address', 'select', 'number']);

/** Whose data a field holds: its own subject, else its key's namespace, else the applicant's. */
export function subjectOf(meta: Pick<FieldMeta, 'subject' | 'semanticKey'> | undefined): Subject {
	return meta?.subject ?? KEY_SUBJECT[meta?.semanticKey?.split('.')[0] ?? ''] ?? 'applicant';
}

/** The autocomplete value for a field, or undefined to leave it to the browser (no personal data recognised). */
export function autocompleteFor(
	meta: Pick<FieldMeta, 'subject' | 'semanticKey'> | undefined,
	widget: Widget,
	own: readonly Subject[]
): FullAutoFill | undefined {
	if (!TAKES.has(widget)) return undefined;
	const subject = subjectOf(meta);
	let token = BY_KEY[meta?.semanticKey?.split('.').at(-1) ?? ''] ?? BY_WIDGET[widget];
	if (token === 'name' && subject === 'organization') token = 'organization';
	// an identity number has no token: keep browsers from guessing
	if (!token) return widget === 'idNumber' ? 'off' : undefined;
	return own.includes(subject) ? token : 'off';
}
