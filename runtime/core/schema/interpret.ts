// A JSON Schema (draft-07) interpreter for the keywords forms may use (see ./subset.ts), for the browser where
// ajv's compiled validators (`new Function`) cannot run under the CSP. It mirrors ajv 8 with
// { allErrors: true, strict: false } step by step — the same errors ({keyword, instancePath, schemaPath, params}),
// in the same order — so the shared Chinese messages come out identical; tests/unit/validate-equivalence.test.ts
// holds it to that.
import equal from 'fast-deep-equal';
import type { Schema, SchemaError } from '../form-rules';
import { FORMAT_CHECKS } from './formats';

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array';
type Group = { type?: 'number' | 'string' | 'array' | 'object'; keywords: string[] };

// ajv's rule groups and the order of keywords inside each (draft-07 vocabularies as ajv registers them)
const GROUPS: Group[] = [
	{ keywords: ['type', 'const', 'enum', 'anyOf', 'oneOf', 'allOf'] },
	{ type: 'number', keywords: ['maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'multipleOf', 'format'] },
	{ type: 'string', keywords: ['maxLength', 'minLength', 'pattern', 'format'] },
	{ type: 'array', keywords: ['maxItems', 'minItems', 'items', 'uniqueItems'] },
	{ type: 'object', keywords: ['required', 'additionalProperties', 'properties'] }
];
const RULES = new Set(GROUPS.flatMap((g) => g.keywords));
const COMPARISON: Record<string, string> = { maximum: '<=', minimum: '>=', exclusiveMaximum: '<', exclusiveMinimum: '>' };

const patterns = new Map<string, RegExp>();
const regExp = (p: string) => patterns.get(p) ?? patterns.set(p, new RegExp(p, 'u')).get(p)!;

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const escapeFragment = (s: string) => encodeURIComponent(escapePointer(s));

function isType(t: string, data: any): boolean {
	switch (t) {
		case 'null':
			return data === null;
		case 'array':
			return Array.isArray(data);
		case 'object':
			return !!data && typeof data == 'object' && !Array.isArray(data);
		case 'integer':
			return typeof data == 'number' && !(data % 1) && !isNaN(data);
		case 'number':
			return typeof data == 'number';
		default:
			return typeof data == t;
	}
}

/** Counts code points as ajv does (a surrogate pair is one character). */
function ucs2length(str: string): number {
	let length = 0;
	for (let pos = 0; pos < str.length;) {
		length++;
		const value = str.charCodeAt(pos++);
		if (value >= 0xd800 && value <= 0xdbff && pos < str.length && (str.charCodeAt(pos) & 0xfc00) === 0xdc00) pos++;
	}
	return length;
}

const hasRules = (schema: unknown) => typeof schema === 'object' && schema !== null && Object.keys(schema).some((k) => RULES.has(k));
const used = (schema: Schema, g: Group) => g.keywords.some((k) => schema[k] !== undefined);

class Run {
	errors: SchemaError[] = [];

	error(keyword: string, instancePath: string, schemaPath: string, params: Record<string, any> = {}) {
		this.errors.push({ instancePath, schemaPath: `${schemaPath}/${keyword}`, keyword, params });
	}

	/** Validates `data` against `schema`; true when it added no error. */
	schema(schema: Schema, data: any, path: string, sp: string): boolean {
		const before = this.errors.length;
		if (!hasRules(schema)) return true;
		const types: JsonType[] = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
		// one declared type with keywords of its own: the type error comes from that group, else it comes first
		const ownGroup = types.length === 1 && GROUPS.some((g) => g.type === types[0] && used(schema, g));
		if (types.length && !ownGroup && !types.some((t) => isType(t, data))) this.error('type', path, sp, { type: schema.type });
		for (const g of GROUPS) {
			if (!used(schema, g)) continue;
			if (!g.type || isType(g.type, data)) {
				for (const k of g.keywords) if (schema[k] !== undefined) this.keyword(k, g.type, schema, data, path, sp);
			} else if (ownGroup && types[0] === g.type) this.error('type', path, sp, { type: schema.type });
		}
		return this.errors.length === before;
	}

	keyword(k: string, group: Group['type'], schema: Schema, data: any, path: string, sp: string) {
		const v = schema[k];
		switch (k) {
			case 'const':
				if (v && typeof v == 'object' ? !equal(data, v) : v !== data) this.error(k, path, sp, { allowedValue: v });
				return;
			case 'enum':
				if (!(v as unknown[]).some((x) => (x && typeof x == 'object' ? equal(data, x) : data === x))) this.error(k, path, sp, { allowedValues: v });
				return;
			case 'anyOf':
			case 'oneOf':
				return this.union(k, v, data, path, sp);
			case 'allOf':
				(v as Schema[]).forEach((s, i) => hasRules(s) && this.schema(s, data, path, `${sp}/allOf/${i}`));
				return;
			case 'maximum':
			case 'minimum':
			case 'exclusiveMaximum':
			case 'exclusiveMinimum': {
				const c = COMPARISON[k];
				const ok = c === '<=' ? data <= v : c === '>=' ? data >= v : c === '<' ? data < v : data > v;
				if (!ok || isNaN(data)) this.error(k, path, sp, { comparison: c, limit: v });
				return;
			}
			case 'multipleOf': {
				const res = data / v;
				if (v === 0 || res !== parseInt(res as unknown as string)) this.error(k, path, sp, { multipleOf: v });
				return;
			}
			case 'format': {
				const f = FORMAT_CHECKS.get(v);
				if (f && f.type === group && !f.test(data)) this.error(k, path, sp, { format: v });
				return;
			}
			case 'maxLength':
			case 'minLength':
				if (k === 'maxLength' ? ucs2length(data) > v : ucs2length(data) < v) this.error(k, path, sp, { limit: v });
				return;
			case 'pattern':
				if (!regExp(v).test(data)) this.error(k, path, sp, { pattern: v });
				return;
			case 'maxItems':
			case 'minItems':
				if (k === 'maxItems' ? data.length > v : data.length < v) this.error(k, path, sp, { limit: v });
				return;
			case 'items':
				if (hasRules(v)) for (let i = 0; i < data.length; i++) this.schema(v, data[i], `${path}/${i}`, `${sp}/items`);
				return;
			case 'uniqueItems':
				if (v) this.unique(schema, data, path, sp);
				return;
			case 'required':
				for (const p of v as string[]) if (data[p] === undefined) this.error(k, path, sp, { missingProperty: p });
				return;
			case 'additionalProperties':
				return this.additional(schema, data, path, sp);
			case 'properties':
				for (const p of Object.keys(v).filter((x) => x !== '__proto__'))
					if (hasRules(v[p]) && data[p] !== undefined) this.schema(v[p], data[p], `${path}/${escapePointer(p)}`, `${sp}/properties/${escapeFragment(p)}`);
				return;
		}
	}

	union(k: 'anyOf' | 'oneOf', list: Schema[], data: any, path: string, sp: string) {
		const before = this.errors.length;
		let valid = false;
		let passing: number | [number, number] | null = null;
		if (k === 'anyOf') {
			if (list.some((s) => !hasRules(s))) return;
			for (let i = 0; i < list.length && !valid; i++) valid = this.schema(list[i], data, path, `${sp}/anyOf/${i}`);
		} else {
			for (let i = 0; i < list.length; i++) {
				const ok = !hasRules(list[i]) || this.schema(list[i], data, path, `${sp}/oneOf/${i}`);
				if (ok && valid) {
					// a second passing schema: ajv stops looking
					valid = false;
					passing = [passing as number, i];
					break;
				}
				if (ok) [valid, passing] = [true, i];
			}
		}
		if (valid) this.errors.length = before;
		else this.error(k, path, sp, k === 'oneOf' ? { passingSchemas: passing } : {});
	}

	unique(schema: Schema, data: any[], path: string, sp: string) {
		const t = schema.items?.type;
		const itemTypes: string[] = schema.items && !Array.isArray(schema.items) ? (t === undefined ? [] : Array.isArray(t) ? t : [t]) : [];
		let i = data.length;
		let j: number;
		if (i <= 1) return;
		if (itemTypes.length && !itemTypes.some((x) => x === 'object' || x === 'array')) {
			// primitives: an index by value, as ajv's generated code keeps it (a plain object)
			const indices: Record<string, any> = {};
			while (i--) {
				let item = data[i];
				if (!itemTypes.some((x) => isType(x, item))) continue;
				if (itemTypes.length > 1 && typeof item == 'string') item += '_';
				if (typeof indices[item] == 'number') {
					j = indices[item];
					return this.error('uniqueItems', path, sp, { i, j });
				}
				indices[item] = i;
			}
		} else {
			while (i--) for (j = i; j--;) if (equal(data[i], data[j])) return this.error('uniqueItems', path, sp, { i, j });
		}
	}

	additional(schema: Schema, data: Record<string, unknown>, path: string, sp: string) {
		const ap = schema.additionalProperties;
		if (ap === true || (typeof ap == 'object' && !hasRules(ap))) return;
		const props = Object.keys(schema.properties ?? {}).filter((p) => p !== '__proto__');
		const declared = (key: string) => (props.length > 8 ? Object.prototype.hasOwnProperty.call(schema.properties, key) : props.includes(key));
		for (const key in data) {
			if (declared(key)) continue;
			if (ap === false) this.error('additionalProperties', path, sp, { additionalProperty: key });
			else this.schema(ap, data[key], `${path}/${escapePointer(key)}`, `${sp}/additionalProperties`);
		}
	}
}

/** ajv-shaped errors of `data` against `schema`, in ajv's order; empty when valid. */
export function interpret(schema: Schema, data: unknown): SchemaError[] {
	const run = new Run();
	run.schema(schema, data, '', '#');
	return run.errors;
}
