// The browser side of validation: the server's form checks (without ajv, see form-validate-browser), plus a first look at the materials.
import type { ComposedMaterial } from '$core/compose';
import type { Form } from '$core/model';
import { isRequired, materialGap } from '$core/cases/materials-check';
import { validateForm } from '$core/form-validate-browser';
import { cleanValues } from '$core/form-data';
import { errorText } from '$core/error-text';
import '$lib/i18n/error-text';

/** Server errors ({path: data.x | materials.y.z}) → messages keyed by field path or materials.<id>. */
export function errorMap(list: { path: string; message: string }[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const e of list) {
		const key = e.path.startsWith('data.') ? e.path.slice(5) : e.path.startsWith('materials.') ? e.path.split('.').slice(0, 2).join('.') : e.path;
		out[key] ??= e.message;
	}
	return out;
}

export function clientErrors(
	service: { form: Form; materials: ComposedMaterial[] },
	answers: Record<string, unknown>,
	values: Record<string, unknown>,
	provided: Record<string, any>,
	consent: boolean
): Record<string, string> {
	const data = cleanValues(values);
	const out: Record<string, string> = {};
	for (const e of validateForm(service.form, data, answers).errors) out[e.path] ??= errorText.fieldError(e);
	for (const m of service.materials) {
		const p = provided[m.id];
		const key = `materials.${m.id}`;
		const gap = materialGap(m, p);
		if (gap) {
			if (isRequired(m, answers, data)) out[key] = gap;
		} else if (p.source === 'licence' && !consent) out[key] = errorText.licenceConsent(m);
	}
	return out;
}
