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
	const ren = (c: Condition | undefined) =>
		c && mapCondition(c, { answer: m.answerKey, field: (p) => [m.fieldName(p.split('.')[0]), ...p.split('.').slice(1)].join('.') });
	return { ...meta, visibleWhen: ren(meta.visibleWhen), requiredWhen: ren(meta.requiredWhen) };
}

/** Merges the forms of the included members: one field per semantic key or mapping target. */
export function mergeForms(members: Member[], mappings: Mapping[]) {
	const properties: Record<string, Prop> = {};
	const required = new Set<string>();
	const uiSchema: Record<string, unknown> = {};
	const order: string[] = [];
	const fields: Record<string, FieldMeta> = {};
	const fieldOrigins: Record<string, { items: string[]; semanticKey?: string }> = {};
	const conflicts: Conflict[] = [];
	const sections: { title: string; start: string; page?: boolean }[] = [];
	let fieldsMerged = 0;

	for (const m of members.filter((x) => x.included)) {
		const form = m.item.form;
		const itemSections = new Map(((form.uiSchema['ui:sections'] as typeof sections | undefined) ?? []).map((x) => [x.start, x]));
		const itemOrder = (form.uiSchema['ui:order'] as string[] | undefined) ?? Object.keys(form.schema.properties);
		const names = [...new Set([...itemOrder.filter((n) => n in form.schema.properties), ...Object.keys(form.schema.properties)])];
		for (const name of names) {
			const prop = form.schema.properties[name] as Prop;
			const target = m.fieldName(name);
			const isRequired = (form.schema.required ?? []).includes(name);
			const canonical = mappings.some((x) => x.item === m.item.id && x.field === name && x.canonical);
			const existing = properties[target];
			if (existing) {
				fieldsMerged++;
				fieldOrigins[target].items.push(m.item.id);
				const diff = differences(existing, prop);
				if (canonical) properties[target] = prop;
				else if (diff.length && !mappings.some((x) => x.target === target && x.canonical))
					conflicts.push({
						kind: 'field',
						target,
						items: [...fieldOrigins[target].items],
						message: `字段 ${target}（${prop.title}）在 ${fieldOrigins[target].items.join('、')} 中定义不一致：${diff.join(', ')}`
					});
				// a merged field is required when any item requires it, visible when any item shows it
				const prevVisible = fields[target]?.visibleWhen;
				const nextVisible = renameMeta(form.fields[name] ?? {}, m).visibleWhen;
				fields[target] = {
					...fields[target],
					visibleWhen: prevVisible && nextVisible ? eitherCondition(prevVisible, nextVisible) : undefined
				};
			} else {
				properties[target] = prop;
				order.push(target);
				// 分节/分页 follow their first field; a section whose field merged into an earlier one starts nowhere
				const section = itemSections.get(name);
				if (section) sections.push({ ...section, start: target });
				fieldOrigins[target] = { items: [m.item.id], semanticKey: form.fields[name]?.semanticKey };
				fields[target] = renameMeta(form.fields[name] ?? {}, m);
				if (form.uiSchema[name] !== undefined) uiSchema[target] = form.uiSchema[name];
			}
			if (isRequired) required.add(target);
			for (const [path, meta] of Object.entries(form.fields)) {
				if (path.startsWith(`${name}.`)) fields[`${target}${path.slice(name.length)}`] = renameMeta(meta, m);
			}
		}
	}
	for (const [k, v] of Object.entries(fields)) {
		if (!v.visibleWhen) delete v.visibleWhen;
		if (!v.requiredWhen) delete v.requiredWhen;
		if (!v.semanticKey && !v.visibleWhen && !v.requiredWhen) delete fields[k];
	}
	const form: Form = {
		schema: { type: 'object', properties: properties as Form['schema']['properties'], required: [...required] },
		uiSchema: { ...uiSchema, 'ui:order': order, ...(sections.length ? { 'ui:sections': sections } : {}) },
		fields
	};
	return { form, fieldOrigins, conflicts, fieldsMerged };
}
