// The shape of one submission to one form: which conditional fields are visible and which are conditionally required.
// Two submissions of the same shape share an effective schema (and so a compiled validator); the shape key is short
// ('0'/'1' per condition that counts), computed without building the schema. See form-rules.ts for what a shape means.
import type { Condition, Form } from './model';
import { evaluate } from './model/condition';
import type { Schema } from './form-rules';

/** A field with a condition, and its children with conditions (read only when the field is visible). */
interface Conditional {
	visibleWhen?: Condition;
	requiredWhen?: Condition;
	kids: { visibleWhen?: Condition; requiredWhen?: Condition }[];
}

/** What a form's conditions are, once per form object. */
export interface FormPlan {
	/** unique per form object in this process: the first part of every shape key */
	id: number;
	/** `${id}:`, the whole key of a form without conditions */
	prefix: string;
	conditionals: Conditional[];
}

/** Which submitted keys a shape keeps: per kept key, whether it is an object field, and its own kept children. */
export type Keep = Map<string, { object: boolean; kids?: Keep }>;

function childProps(prop: Schema): Record<string, Schema> | undefined {
	if (prop?.type === 'object') return prop.properties;
	if (prop?.type === 'array' && prop.items?.type === 'object') return prop.items.properties;
	return undefined;
}

const plans = new WeakMap<Form, FormPlan>();
let nextId = 0;

export function planOf(form: Form): FormPlan {
	let plan = plans.get(form);
	if (plan) return plan;
	const conditionals: Conditional[] = [];
	for (const [name, prop] of Object.entries(form.schema.properties)) {
		const own = form.fields[name];
		const kids = Object.keys(childProps(prop) ?? {})
			.map((child) => form.fields[`${name}.${child}`])
			.filter((m) => m?.visibleWhen || m?.requiredWhen)
			.map((m) => ({ visibleWhen: m.visibleWhen, requiredWhen: m.requiredWhen }));
		if (own?.visibleWhen || own?.requiredWhen || kids.length) conditionals.push({ visibleWhen: own?.visibleWhen, requiredWhen: own?.requiredWhen, kids });
	}
	const id = nextId++;
	plan = { id, prefix: `${id}:`, conditionals };
	plans.set(form, plan);
	return plan;
}

/** The shape key of a submission: the form's id, then one digit per condition read (a hidden field's children are not read). */
export function shapeKey(plan: FormPlan, data: Record<string, unknown>, answers: Record<string, unknown>): string {
	if (!plan.conditionals.length) return plan.prefix;
	const ctx = { answers, data };
	let key = plan.prefix;
	for (const c of plan.conditionals) {
		if (c.visibleWhen) {
			if (!evaluate(c.visibleWhen, ctx)) {
				key += '0';
				continue;
			}
			key += '1';
		}
		if (c.requiredWhen) key += evaluate(c.requiredWhen, ctx) ? '1' : '0';
		for (const k of c.kids) {
			if (k.visibleWhen) {
				if (!evaluate(k.visibleWhen, ctx)) {
					key += '0';
					continue;
				}
				key += '1';
			}
			if (k.requiredWhen) key += evaluate(k.requiredWhen, ctx) ? '1' : '0';
		}
	}
	return key;
}

/** The kept keys for a set of visible field paths (as form-rules' visibleFields gives them). */
export function keepOf(props: Record<string, Schema>, visible: Set<string>, prefix = ''): Keep {
	const keep: Keep = new Map();
	for (const [name, prop] of Object.entries(props)) {
		if (!visible.has(prefix + name)) continue;
		const kids = childProps(prop);
		keep.set(name, { object: prop.type === 'object', kids: kids ? keepOf(kids, visible, `${prefix}${name}.`) : undefined });
	}
	return keep;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Does the data hold anything the shape drops? (Reads only: no copy when the answer is no.) */
function dropsAny(data: Record<string, unknown>, keep: Keep): boolean {
	for (const k of Object.keys(data)) {
		const node = keep.get(k);
		if (!node) return true;
		const kids = node.kids;
		if (!kids) continue;
		const v = data[k];
		if (node.object && isRecord(v)) {
			if (dropsAny(v, kids)) return true;
		} else if (Array.isArray(v)) {
			for (const x of v) if (isRecord(x) && dropsAny(x, kids)) return true;
		}
	}
	return false;
}

/** The submitted values a shape keeps (equal to form-rules' stripHidden for that shape): the data itself when it holds nothing to drop. */
export function kept(data: Record<string, unknown>, keep: Keep): Record<string, unknown> {
	return dropsAny(data, keep) ? strip(data, keep) : data;
}

function strip(data: Record<string, unknown>, keep: Keep): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const k of Object.keys(data)) {
		const node = keep.get(k);
		if (!node) continue;
		const v = data[k];
		const kids = node.kids;
		if (kids && node.object && isRecord(v)) out[k] = strip(v, kids);
		else if (kids && Array.isArray(v)) out[k] = v.map((x) => (isRecord(x) ? strip(x, kids) : x));
		else out[k] = v;
	}
	return out;
}
