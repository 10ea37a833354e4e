// Server-side form validation: ajv compiles the effective schema (authoritative). The browser runs the same
// checks through form-validate-browser.ts, which has no ajv and no `new Function`.
// Cost per submission: one WeakMap lookup for the form, its conditions evaluated into a short shape key, one LRU
// lookup, the hidden fields dropped, and ajv's compiled function. The effective schema is built and compiled once per
// shape: per (form object, condition outcomes). A composed form stands for (service, pinned versions, answers), and
// CaseService keeps one per such triple, so its shapes stay cached across submissions.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Form } from './model/form';
import { FORMATS } from './formats';
import { errorText } from './error-text';
import { effectiveSchema, fieldErrors, visibleFields, type FormValidation, type Schema } from './form-rules';
import { keepOf, kept, planOf, shapeKey, type Keep } from './form-shape';
import { Lru } from './lru';

export type { FieldError } from './form-rules';

const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (a: Ajv) => Ajv;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
for (const [name, test] of Object.entries(FORMATS)) ajv.addFormat(name, test);

/** Bounds: at most this many shapes and compiled validators are kept, the least recently used forgotten first. */
export const VALIDATOR_CACHE = { shapes: 500, compiled: 200 } as const;

/** Compiled validators by effective schema text: forms of equal content (composed anew) share them. Read on a shape miss only. */
const compiledBySchema = new Lru<string, ValidateFunction>(VALIDATOR_CACHE.compiled);
interface Shape {
	schema: Schema;
	keep: Keep;
	validate: ValidateFunction;
}
const shapes = new Lru<string, Shape>(VALIDATOR_CACHE.shapes);
let compilations = 0;

function compiled(schema: Schema): ValidateFunction {
	const key = JSON.stringify(schema);
	let fn = compiledBySchema.get(key);
	if (!fn) {
		fn = ajv.compile(schema);
		compilations++;
		compiledBySchema.set(key, fn);
	}
	return fn;
}

/** ajv's raw errors for a schema and value (empty when valid); the equivalence test compares them with the interpreter's. */
export function ajvErrors(schema: Schema, value: unknown) {
	const validate = compiled(schema);
	return validate(value) ? [] : (validate.errors ?? []);
}

export function validateForm(form: Form, data: unknown, answers: Record<string, unknown> = {}): FormValidation {
	if (!data || typeof data !== 'object' || Array.isArray(data))
		return { valid: false, errors: [{ path: '', field: errorText.form(), message: errorText.notObject() }], value: {} };
	const input = data as Record<string, unknown>;
	const key = shapeKey(planOf(form), input, answers);
	let shape = shapes.get(key);
	if (!shape) {
		const schema = effectiveSchema(form, input, answers);
		shape = { schema, keep: keepOf(form.schema.properties, visibleFields(form, input, answers)), validate: compiled(schema) };
		shapes.set(key, shape);
	}
	const value = kept(input, shape.keep);
	if (shape.validate(value)) return { valid: true, errors: [], value };
	return { valid: false, errors: fieldErrors(shape.validate.errors ?? [], shape.schema), value };
}

/** How many shapes and compiled validators are cached, and how many compilations ran: for tests and the bench. */
export function validatorCacheStats() {
	return { shapes: shapes.size, compiled: compiledBySchema.size, compilations };
}

/** Forgets every cached shape and validator (the bench's cold runs). */
export function clearValidatorCache() {
	shapes.clear();
	compiledBySchema.clear();
}
