import type { Condition, FieldMeta, Form } from '../model';
import { eitherCondition, mapCondition } from '../model/condition';
import type { Conflict, Member } from './types';

type Prop = Record<string, unknown> & { type: string; title: string };
type Mapping = { item: string; field: string; target: string; canonical?: boolean };

const COMPARED = ['type', 'format', 'enum', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'items'] as const;

function differences(a: Prop, b: Prop): string[] {
	return COMPARED.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

export function semanticFieldName(key: string): string {
	return key.replace(/\./g, '_');
}

/** Name of an item field in the composed form: semantic key, explicit mapping, or scoped by item. */
export function fieldNamer(itemId: string, form: Form, mappings: Mapping[], scoped: boolean) {
	return (name: string): string => {
		const mapped = mappings.find((m) => m.item === itemId && m.field === name);
		if (mapped) return mapped.target;
		const key = form.fields[name]?.semanticKey;
		if (key) return semanticFieldName(key);
		return scoped ? `${itemId}__${name}` : name;
	};
}

function renameMeta(meta: FieldMeta, m: Member): FieldMeta {
	const ren = (c: Condition) => mapCondition(c, { answer: m.answerKey, field: (p) => [m.fieldName(p.split('.')[0]), ...p.split('.').slice(1)].join('.') });
	const out = { ...meta };
	if (meta.visibleWhen) out.visibleWhen = ren(meta.visibleWhen);
	if (meta.requiredWhen) out.requiredWhen = ren(meta.requiredWhen);
	return out;
}

/** Field paths below each field of a form (`a` → `a.b`, `a.b.c`), found once per form instead of once per field. */
function pathsBelow(fields: Record<string, FieldMeta>): Map<string, [string, FieldMeta][]> {
	const out = new Map<string, [string, FieldMeta][]>();
	for (const [path, meta] of Object.entries(fields))
		for (let i = path.indexOf('.'); i > 0; i = path.indexOf('.', i + 1)) {
			const name = path.slice(0, i);
			const list = out.get(name);
			if (list) list.push([path, meta]);
			else out.set(name, [[path, meta]]);
		}
	return out;
}

/** Merges the forms of the included members: one field per semantic key or mapping target. */
export function mergeForms(members: Member[], mappings: Mapping[]) {
	// Maps while merging (150+ keys make plain objects slow to probe); objects once done
	const properties = new Map<string, Prop>();
	const required = new Set<string>();
	const uiSchema: Record<string, unknown> = {};
	const order: string[] = [];
	const fields = new Map<string, FieldMeta>();
	const fieldOrigins = new Map<string, { items: string[]; semanticKey?: string }>();
	const conflicts: Conflict[] = [];
	const sections: { title: string; start: string; page?: boolean }[] = [];
	let fieldsMerged = 0;

	for (const m of members.filter((x) => x.included)) {
		const form = m.item.form;
		const itemSections = new Map(((form.uiSchema['ui:sections'] as typeof sections | undefined) ?? []).map((x) => [x.start, x]));
		const itemOrder = (form.uiSchema['ui:order'] as string[] | undefined) ?? Object.keys(form.schema.properties);
		const names = [...new Set([...itemOrder.filter((n) => n in form.schema.properties), ...Object.keys(form.schema.properties)])];
		const below = pathsBelow(form.fields);
		const itemRequired = new Set(form.schema.required ?? []);
		for (const name of names) {
			const prop = form.schema.properties[name] as Prop;
			const target = m.fieldName(name);
			const canonical = mappings.some((x) => x.item === m.item.id && x.field === name && x.canonical);
			const existing = properties.get(target);
			if (existing) {
				fieldsMerged++;
				const origins = fieldOrigins.get(target)!;
				origins.items.push(m.item.id);
				const diff = differences(existing, prop);
				if (canonical) properties.set(target, prop);
				else if (diff.length && !mappings.some((x) => x.target === target && x.canonical))
					conflicts.push({
						kind: 'field',
						target,
						items: [...origins.items],
						message: `字段 ${target}（${prop.title}）在 ${origins.items.join('、')} 中定义不一致：${diff.join(', ')}`
					});
				// a merged field is required when any item requires it, visible when any item shows it
				const merged = { ...fields.get(target) };
				const prevVisible = merged.visibleWhen;
				const nextVisible = renameMeta(form.fields[name] ?? {}, m).visibleWhen;
				if (prevVisible && nextVisible) merged.visibleWhen = eitherCondition(prevVisible, nextVisible);
				else delete merged.visibleWhen;
				fields.set(target, merged);
			} else {
				properties.set(target, prop);
				order.push(target);
				// 分节/分页 follow their first field; a section whose field merged into an earlier one starts nowhere
				const section = itemSections.get(name);
				if (section) sections.push({ ...section, start: target });
				fieldOrigins.set(target, { items: [m.item.id], semanticKey: form.fields[name]?.semanticKey });
				fields.set(target, renameMeta(form.fields[name] ?? {}, m));
				if (form.uiSchema[name] !== undefined) uiSchema[target] = form.uiSchema[name];
			}
			if (itemRequired.has(name)) required.add(target);
			for (const [path, meta] of below.get(name) ?? []) fields.set(`${target}${path.slice(name.length)}`, renameMeta(meta, m));
		}
	}
	const kept: Record<string, FieldMeta> = {};
	for (const [k, v] of fields) {
		if (!v.visibleWhen) delete v.visibleWhen;
		if (!v.requiredWhen) delete v.requiredWhen;
		if (v.semanticKey || v.subject || v.visibleWhen || v.requiredWhen) kept[k] = v;
	}
	const form: Form = {
		schema: { type: 'object', properties: Object.fromEntries(properties) as Form['schema']['properties'], required: [...required] },
		uiSchema: { ...uiSchema, 'ui:order': order, ...(sections.length ? { 'ui:sections': sections } : {}) },
		fields: kept
	};
	return { form, fieldOrigins: Object.fromEntries(fieldOrigins), conflicts, fieldsMerged };
}
