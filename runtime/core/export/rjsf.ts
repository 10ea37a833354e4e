// An item's form, or a bundle's composed form, as one standalone draft-07 JSON Schema + uiSchema that @rjsf/core renders
// with its default registry and @rjsf/validator-ajv8 validates the way our runtime does.
//
// Visibility: rjsf has no hide-on-condition of its own. A field shown only under a condition is declared only inside
// `allOf: [{ if: <condition>, then: { properties: { field } }, else: { not: { required: [field] } } }]`: rjsf resolves
// if/then against the form data, so the field appears when the condition holds, and a validator refuses it otherwise.
// requiredWhen is `{ if: <visible and condition>, then: { required: [field] } }`.
// Situation answers are not form data of ours: they are the object property `situationsKey` (办事情形, asked first),
// so conditions on them are ordinary JSON Schema. Our condition language stays alongside as `x-onething-visibleWhen` /
// `x-onething-requiredWhen` / `x-onething-askWhen` (the members' includeWhen folded in for a bundle).
import type { Bundle, Item } from '../model';
import { mapCondition, type Condition } from '../model/condition';
import { membersOf } from '../compose';
import { mergeForms } from '../compose/form';
import type { Member } from '../compose/types';
import { and, conditionSchema, not, or, type Cond, type JsonSchema } from './conditions';
import { childrenOf, rjsfField } from './widgets';

export type ExportSource = { kind: 'item'; item: Item } | { kind: 'bundle'; bundle: Bundle; items: Item[] };

export interface RjsfExport {
	schema: JsonSchema;
	uiSchema: Record<string, unknown>;
	/** the property of the form data that holds the situation answers */
	situationsKey: string;
}

type Ui = Record<string, unknown>;
/** When a path is shown and when it is required (given shown), over every member that has it. */
type Rule = { visible: Cond; required: Cond };

const asCond = (c: Condition | undefined, fallback: boolean): Cond => c ?? fallback;

/** The member's field conditions in composed names (as compose renames them). */
function renamed(m: Member, c: Condition | undefined): Condition | undefined {
	if (!c) return undefined;
	return mapCondition(c, { answer: m.answerKey, field: (p) => [m.fieldName(p.split('.')[0]), ...p.split('.').slice(1)].join('.') });
}

/** Per composed path (`field` or `field.child`): shown when any member that has it is included and shows it. */
function rulesOf(members: Member[], include: (m: Member) => Cond): Map<string, Rule> {
	const rules = new Map<string, Rule>();
	const add = (path: string, inc: Cond, visible: Cond | undefined, required: Cond) => {
		const prev = rules.get(path) ?? { visible: false, required: false };
		const shown = and(inc, visible ?? true);
		rules.set(path, { visible: or(prev.visible, shown), required: or(prev.required, and(shown, required)) });
	};
	for (const m of members) {
		const inc = include(m);
		const form = m.item.form;
		const base = new Set(form.schema.required ?? []);
		for (const [name, prop] of Object.entries(form.schema.properties)) {
			const target = m.fieldName(name);
			const meta = form.fields[name] ?? {};
			add(target, inc, renamed(m, meta.visibleWhen), base.has(name) ? true : asCond(renamed(m, meta.requiredWhen), false));
			for (const child of Object.keys(childrenOf(prop) ?? {})) {
				const cm = form.fields[`${name}.${child}`] ?? {};
				add(`${target}.${child}`, inc, renamed(m, cm.visibleWhen), asCond(renamed(m, cm.requiredWhen), false));
			}
		}
	}
	return rules;
}

/** The exported question: an enum (radio) or, for multiple answers, a set of checkboxes. */
function question(q: Item['situations'][number]): { schema: JsonSchema; ui: Ui } {
	const values = q.options.map((o) => o.value);
	const schema: JsonSchema = q.multiple
		? { type: 'array', title: q.question, items: { type: 'string', enum: values }, uniqueItems: true, minItems: 1 }
		: { type: 'string', title: q.question, enum: values };
	if (q.help) schema.description = q.help;
	return { schema, ui: { 'ui:widget': q.multiple ? 'checkboxes' : 'radio', 'ui:enumNames': q.options.map((o) => o.label) } };
}

/** Every question a bundle or item may ask, keyed as composed, with when it is asked. */
function questionsOf(members: Member[], include: (m: Member) => Cond, bundle?: Bundle) {
	const out = new Map<string, { q: Item['situations'][number]; ask: Cond }>();
	const add = (key: string, q: Item['situations'][number], ask: Cond) => {
		const prev = out.get(key);
		out.set(key, { q: prev?.q ?? q, ask: or(prev?.ask ?? false, ask) });
	};
	for (const s of bundle?.situations ?? []) add(s.id, s, asCond(s.askWhen, true));
	for (const m of members)
		for (const s of m.item.situations) add(m.answerKey(s.id), s, and(include(m), s.askWhen ? mapCondition(s.askWhen, { answer: m.answerKey }) : true));
	return out;
}

/** A property name for the answers no form field uses. */
function freeKey(props: Record<string, unknown>): string {
	let key = 'situations';
	while (key in props) key = `_${key}`;
	return key;
}

/** The schema keyword block that puts `sub` at `path` below the root (through a repeatable group's items). */
function nest(parent: JsonSchema | undefined, name: string, sub: JsonSchema): JsonSchema {
	if (!parent) return { properties: { [name]: sub } };
	return { properties: { [name]: parent.type === 'array' ? { items: sub } : sub } };
}

export function rjsfForm(source: ExportSource): RjsfExport {
	const bundle = source.kind === 'bundle' ? source.bundle : undefined;
	const members = membersOf(bundle, source.kind === 'bundle' ? source.items : [source.item]);
	const include = (m: Member): Cond => asCond(bundle?.members.find((x) => x.item === m.item.id)?.includeWhen, true);
	const merged = mergeForms(members, bundle?.fieldMappings ?? []).form;
	const rules = rulesOf(members, include);
	const sk = freeKey(merged.schema.properties);
	const S = (c: Cond) => conditionSchema(c, sk);
	const allOf: JsonSchema[] = [];
	const annotate = (schema: JsonSchema, rule: Rule): JsonSchema => ({
		...schema,
		...(typeof rule.visible === 'object' ? { 'x-onething-visibleWhen': rule.visible } : {}),
		...(typeof rule.required === 'object' ? { 'x-onething-requiredWhen': rule.required } : {})
	});

	// 办事情形
	const questions = questionsOf(members, include, bundle);
	const situations: JsonSchema = { type: 'object', title: '办事情形', properties: {}, required: [] };
	const situationsUi: Ui = { 'ui:order': [...questions.keys(), '*'] };
	for (const [key, { q, ask }] of questions) {
		const { schema, ui } = question(q);
		situationsUi[key] = ui;
		if (ask === true) {
			(situations.properties as JsonSchema)[key] = schema;
			(situations.required as string[]).push(key);
		} else if (ask !== false)
			allOf.push({
				if: S(ask),
				then: { properties: { [sk]: { properties: { [key]: { ...schema, 'x-onething-askWhen': ask } }, required: [key] } } },
				else: { properties: { [sk]: { not: { required: [key] } } } }
			});
	}

	// the form's fields
	const properties: Record<string, JsonSchema> = { [sk]: situations };
	const required: string[] = [sk];
	const uiSchema: Ui = { [sk]: situationsUi };
	for (const [name, raw] of Object.entries(merged.schema.properties)) {
		const field = rjsfField(raw as JsonSchema, (merged.uiSchema[name] as Ui | undefined) ?? {});
		if (Object.keys(field.ui).length) uiSchema[name] = field.ui;
		const rule = rules.get(name) ?? { visible: true, required: false };
		let prop = annotate(field.schema, rule);
		const semanticKey = merged.fields[name]?.semanticKey;
		if (semanticKey) prop['x-onething-semanticKey'] = semanticKey;
		prop = childRules(name, prop, rule.visible, rules, allOf, S);
		// required exactly when shown: one block
		const withShown = rule.required === true || JSON.stringify(rule.required) === JSON.stringify(rule.visible);
		const requiredBlock = withShown ? { required: [name] } : {};
		if (rule.visible === true) {
			properties[name] = prop;
			if (rule.required === true) required.push(name);
		} else if (rule.visible !== false)
			allOf.push({ if: S(rule.visible), then: { properties: { [name]: prop }, ...requiredBlock }, else: { not: { required: [name] } } });
		if (typeof rule.required === 'object' && !withShown) allOf.push({ if: S(and(rule.visible, rule.required)), then: { required: [name] } });
	}

	const sections = merged.uiSchema['ui:sections'];
	const order = (merged.uiSchema['ui:order'] as string[] | undefined) ?? Object.keys(merged.schema.properties);
	uiSchema['ui:order'] = [sk, ...order, '*'];
	if (sections) uiSchema['ui:options'] = { onething: { sections } };
	const name = source.kind === 'bundle' ? source.bundle.name : source.item.name;
	const id = source.kind === 'bundle' ? source.bundle.id : source.item.id;
	const schema: JsonSchema = {
		$schema: 'http://json-schema.org/draft-07/schema#',
		$id: `urn:onething:${source.kind}:${id}:form`,
		$comment: `Situation answers (办事情形) are the object "${sk}". A field shown only under a condition is declared in allOf as if/then (refused when its condition fails); our condition language is kept in x-onething-visibleWhen / x-onething-requiredWhen / x-onething-askWhen, our widgets in uiSchema ui:options.onething, our formats in x-onething-format.`,
		type: 'object',
		title: name,
		properties,
		required,
		...(allOf.length ? { allOf } : {}),
		'x-onething': { kind: source.kind, id, situationsKey: sk }
	};
	return { schema, uiSchema, situationsKey: sk };
}

/** A group's (or object's) children shown or required under conditions: moved out of the field into root if/then blocks. */
function childRules(
	name: string,
	prop: JsonSchema,
	parentVisible: Cond,
	rules: Map<string, Rule>,
	allOf: JsonSchema[],
	S: (c: Cond) => JsonSchema | boolean
): JsonSchema {
	const kids = childrenOf(prop);
	if (!kids) return prop;
	const holder = (prop.type === 'array' ? prop.items : prop) as JsonSchema;
	const properties = { ...kids };
	let baseRequired = [...((holder.required as string[] | undefined) ?? [])];
	for (const [child, childProp] of Object.entries(kids)) {
		const rule = rules.get(`${name}.${child}`) ?? { visible: true, required: false };
		if (rule.visible !== true) {
			const wasRequired = baseRequired.includes(child);
			delete properties[child];
			baseRequired = baseRequired.filter((r) => r !== child);
			const shown = and(parentVisible, rule.visible);
			const sub = { properties: { [child]: { ...childProp, 'x-onething-visibleWhen': rule.visible } }, ...(wasRequired ? { required: [child] } : {}) };
			// no else: a block naming the field would make rjsf show its parent while that is hidden
			allOf.push({ if: S(shown), then: nest(prop, name, sub) });
			allOf.push({ if: S(and(parentVisible, not(rule.visible))), then: nest(prop, name, { not: { required: [child] } }) });
		}
		if (typeof rule.required === 'object')
			allOf.push({ if: S(and(parentVisible, rule.visible, rule.required)), then: nest(prop, name, { required: [child] }) });
	}
	const newHolder = { ...holder, properties, ...(baseRequired.length ? { required: baseRequired } : {}) };
	if (!baseRequired.length) delete newHolder.required;
	return prop.type === 'array' ? { ...prop, items: newHolder } : { ...prop, ...newHolder };
}
