// What the server (ajv) and the browser (schema/interpret) share: the effective schema, the submitted values kept,
// and ajv-shaped errors → Chinese FieldErrors. No validator is imported here.
import type { Form } from './model/form';
import { evaluate } from './model/condition';
import { errorText } from './error-text';

export interface FieldError {
	path: string;
	field: string;
	message: string;
}

/** The parts of an ajv ErrorObject that messages use; the browser interpreter emits the same shape. */
export interface SchemaError {
	keyword: string;
	instancePath: string;
	schemaPath: string;
	params: Record<string, any>;
}

export type Schema = Record<string, any>;

/** Child properties of an object field, or of the objects in a repeatable group. */
function childProps(prop: Schema): Record<string, Schema> | undefined {
	if (prop?.type === 'object') return prop.properties;
	if (prop?.type === 'array' && prop.items?.type === 'object') return prop.items.properties;
	return undefined;
}

export function visibleFields(form: Form, data: Record<string, unknown>, answers: Record<string, unknown>): Set<string> {
	const out = new Set<string>();
	const shown = (path: string) => evaluate(form.fields[path]?.visibleWhen, { answers, data });
	for (const [name, prop] of Object.entries(form.schema.properties)) {
		if (!shown(name)) continue;
		out.add(name);
		for (const child of Object.keys(childProps(prop) ?? {})) if (shown(`${name}.${child}`)) out.add(`${name}.${child}`);
	}
	return out;
}

function prune(
	props: Record<string, Schema>,
	required: string[] | undefined,
	prefix: string,
	visible: Set<string>,
	form: Form,
	ctx: { answers: Record<string, unknown>; data: Record<string, unknown> }
) {
	const properties: Record<string, Schema> = {};
	const req = new Set((required ?? []).filter((r) => visible.has(prefix + r)));
	for (const [name, prop] of Object.entries(props)) {
		const path = prefix + name;
		if (!visible.has(path)) continue;
		if (form.fields[path]?.requiredWhen && evaluate(form.fields[path].requiredWhen, ctx)) req.add(name);
		const kids = childProps(prop);
		if (!kids) properties[name] = prop;
		else if (prop.type === 'object') properties[name] = { ...prop, ...prune(kids, prop.required, `${path}.`, visible, form, ctx) };
		else properties[name] = { ...prop, items: { ...prop.items, ...prune(kids, prop.items.required, `${path}.`, visible, form, ctx) } };
	}
	return { properties, required: [...req] };
}

export function effectiveSchema(form: Form, data: Record<string, unknown>, answers: Record<string, unknown>): Schema {
	const visible = visibleFields(form, data, answers);
	return { ...form.schema, ...prune(form.schema.properties, form.schema.required, '', visible, form, { answers, data }) };
}

/** The submitted values of declared fields that are visible; everything else is dropped. */
function stripHidden(data: Record<string, unknown>, props: Record<string, Schema>, prefix: string, visible: Set<string>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(data)) {
		const prop = props[k];
		// only declared, visible fields are kept: nothing undeclared is stored with a case
		if (!prop || !visible.has(prefix + k)) continue;
		const kids = prop && childProps(prop);
		if (kids && prop.type === 'object' && v && typeof v === 'object' && !Array.isArray(v))
			out[k] = stripHidden(v as Record<string, unknown>, kids, `${prefix}${k}.`, visible);
		else if (kids && Array.isArray(v))
			out[k] = v.map((x) => (x && typeof x === 'object' && !Array.isArray(x) ? stripHidden(x as Record<string, unknown>, kids, `${prefix}${k}.`, visible) : x));
		else out[k] = v;
	}
	return out;
}

function titleAt(schema: Schema, segments: string[]): { title: string; prop?: Schema } {
	let cur: Schema | undefined = schema;
	let title = '';
	for (const seg of segments) {
		if (cur?.type === 'array') cur = cur.items;
		if (/^\d+$/.test(seg)) continue;
		cur = cur?.properties?.[seg];
		if (cur?.title) title = cur.title;
	}
	return { title: title || segments.join('.'), prop: cur };
}

function message(e: SchemaError & { message?: string }, prop: Schema | undefined): string {
	const p = e.params as Record<string, any> & { limit: number };
	const t = errorText;
	switch (e.keyword) {
		case 'required':
			return t.required();
		case 'minLength':
			return t.minLength(p);
		case 'maxLength':
			return t.maxLength(p);
		case 'pattern':
			return prop?.['x-error'] ?? t.pattern();
		case 'format':
			return prop?.['x-error'] ?? t.formats[p.format]?.() ?? t.pattern();
		case 'minimum':
			return t.minimum(p);
		case 'maximum':
			return t.maximum(p);
		case 'exclusiveMinimum':
			return t.exclusiveMinimum(p);
		case 'exclusiveMaximum':
			return t.exclusiveMaximum(p);
		case 'multipleOf':
			return t.multipleOf({ limit: p.multipleOf });
		case 'enum':
		case 'oneOf':
		case 'anyOf':
		case 'const':
			return t.option();
		case 'minItems':
			return t.minItems(p);
		case 'maxItems':
			return t.maxItems(p);
		case 'uniqueItems':
			return t.uniqueItems();
		case 'type':
			return p.type === 'number' || p.type === 'integer' ? t.number() : t.type();
		case 'additionalProperties':
			return t.extraField({ name: p.additionalProperty });
		default:
			return e.message ?? t.invalid();
	}
}

/** Validator errors → one FieldError per path (the first one), with the field's title and a Chinese message. */
export function fieldErrors(list: readonly (SchemaError & { message?: string })[], schema: Schema): FieldError[] {
	const errors: FieldError[] = [];
	for (const e of list) {
		if (e.keyword === 'if') continue;
		const segments = e.instancePath
			.split('/')
			.slice(1)
			.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
		if (e.keyword === 'required') segments.push((e.params as { missingProperty: string }).missingProperty);
		const path = segments.join('.');
		if (errors.some((x) => x.path === path)) continue;
		const { title, prop } = titleAt(schema, segments);
		errors.push({ path, field: title, message: message(e, prop) });
	}
	return errors;
}

export interface FormValidation {
	valid: boolean;
	errors: FieldError[];
	/** the submitted values of declared, visible fields (the server may return the submitted object itself when nothing is dropped) */
	value: Record<string, unknown>;
}

/** The whole check around a validator: hidden fields dropped, conditions applied, errors in Chinese. */
export function validateFormWith(
	run: (schema: Schema, value: Record<string, unknown>) => readonly SchemaError[],
	form: Form,
	data: unknown,
	answers: Record<string, unknown>
): FormValidation {
	if (!data || typeof data !== 'object' || Array.isArray(data))
		return { valid: false, errors: [{ path: '', field: errorText.form(), message: errorText.notObject() }], value: {} };
	const input = data as Record<string, unknown>;
	const visible = visibleFields(form, input, answers);
	const value = stripHidden(input, form.schema.properties, '', visible);
	const schema = effectiveSchema(form, input, answers);
	const list = run(schema, value);
	if (!list.length) return { valid: true, errors: [], value };
	return { valid: false, errors: fieldErrors(list, schema), value };
}
