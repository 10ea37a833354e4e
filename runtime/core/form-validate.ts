// Server-side form validation: ajv compiles the effective schema (authoritative). The browser runs the same
// checks through form-validate-browser.ts, which has no ajv and no `new Function`.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Form } from './model/form';
import { FORMATS } from './formats';
import { validateFormWith, type FormValidation, type Schema } from './form-rules';

export type { FieldError } from './form-rules';

const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (a: Ajv) => Ajv;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
for (const [name, test] of Object.entries(FORMATS)) ajv.addFormat(name, test);

const cache = new Map<string, ValidateFunction>();
function compiled(schema: Schema): ValidateFunction {
	const key = JSON.stringify(schema);
	let fn = cache.get(key);
	if (fn) {
		cache.delete(key);
	} else {
		fn = ajv.compile(schema);
		if (cache.size >= 200) cache.delete(cache.keys().next().value!);
	}
	cache.set(key, fn);
	return fn;
}

/** ajv's raw errors for a schema and value (empty when valid); the equivalence test compares them with the interpreter's. */
export function ajvErrors(schema: Schema, value: unknown) {
	const validate = compiled(schema);
	return validate(value) ? [] : (validate.errors ?? []);
}

export function validateForm(form: Form, data: unknown, answers: Record<string, unknown> = {}): FormValidation {
	return validateFormWith(ajvErrors, form, data, answers);
}
