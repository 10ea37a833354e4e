// A repeatable group's sub-fields as the builder edits them: id, type, label, options, required — every field type
// but a group. Schemas go to `items.properties`, UI options to the group's `uiSchema[group].items[sub]` (rjsf's place).
import { FIELD_NAME, FIELD_TYPES, textToOptions, type FieldType } from './form-model';
import { widgetOf } from '$components/form/widget';

type Json = Record<string, any>;
export interface SubField {
	key: string;
	schema: Json;
	ui: Json;
	required: boolean;
}
export type SubType = Exclude<FieldType, 'group'>;
export const SUB_TYPES = Object.fromEntries(Object.entries(FIELD_TYPES).filter(([k]) => k !== 'group')) as Record<SubType, (typeof FIELD_TYPES)[SubType]>;

/** Which palette type a field is (for the type picker), from its schema and UI options. */
export function fieldType(schema: Json, ui: Json = {}): FieldType {
	if (schema.type === 'array') return schema.items?.type === 'object' ? 'group' : 'checkboxes';
	if (schema.type === 'boolean') return 'boolean';
	if (schema.type === 'integer') return 'integer';
	if (schema.format === 'credit-code') return 'creditCode';
	const w = widgetOf(schema, ui);
	if (w === 'radio' || w === 'select') return ui['ui:widget'] === 'radio' || (!ui['ui:widget'] && w === 'radio') ? 'radio' : 'select';
	const map: Partial<Record<string, FieldType>> = {
		textarea: 'textarea',
		number: 'number',
		date: 'date',
		idNumber: 'idNumber',
		phone: 'phone',
		email: 'email',
		address: 'address',
		file: 'file'
	};
	return map[w] ?? 'text';
}

export function subFieldsOf(group: Json, groupUi: Json = {}): SubField[] {
	const required = new Set<string>(group.items?.required ?? []);
	return Object.entries<Json>(group.items?.properties ?? {}).map(([key, schema]) => ({
		key,
		schema,
		ui: (groupUi.items?.[key] as Json) ?? {},
		required: required.has(key)
	}));
}

/** The group field's patch (schema and UI) for a list of sub-fields. */
export function subFieldsPatch(group: Json, groupUi: Json, list: SubField[]): { schema: Json; ui: Json } {
	const ui = Object.fromEntries(list.filter((s) => Object.keys(s.ui).length).map((s) => [s.key, s.ui]));
	return {
		schema: {
			items: {
				...group.items,
				properties: Object.fromEntries(list.map((s) => [s.key, s.schema])),
				required: list.filter((s) => s.required).map((s) => s.key)
			}
		},
		ui: { ...groupUi, items: Object.keys(ui).length ? ui : undefined }
	};
}

/** A new sub-field of a type, with a fresh id (`phone1`, `phone2`…). */
export function addSubField(list: SubField[], type: SubType): SubField[] {
	let n = 1;
	while (list.some((s) => s.key === `${type}${n}`)) n++;
	const { schema, ui } = SUB_TYPES[type].make();
	return [...list, { key: `${type}${n}`, schema: structuredClone(schema) as Json, ui: { ...ui }, required: false }];
}

/** Why an id cannot be a sub-field's: the pattern, or another sub-field of the group has it. */
export function subIdProblem(list: SubField[], key: string, next: string): string | undefined {
	if (!FIELD_NAME.test(next)) return `组内字段标识「${next}」须以英文字母开头，只含字母、数字、下划线`;
	if (next !== key && list.some((s) => s.key === next)) return `组内字段标识「${next}」已在本组使用，同一组内不能重复`;
	return undefined;
}

export function renameSubField(list: SubField[], key: string, next: string): SubField[] {
	return list.map((s) => (s.key === key ? { ...s, key: next } : s));
}

/** A sub-field's type changed: the new type's schema and UI, keeping its label. */
export function retypeSubField(list: SubField[], key: string, type: SubType): SubField[] {
	const { schema, ui } = SUB_TYPES[type].make();
	return list.map((s) => (s.key === key ? { ...s, schema: { ...(structuredClone(schema) as Json), title: s.schema.title }, ui: { ...ui } } : s));
}

/** Options of a choice sub-field, one per line (`代码=名称` when the code differs). */
export function setSubOptions(list: SubField[], key: string, text: string): SubField[] {
	const { values, names } = textToOptions(text);
	return list.map((s) => {
		if (s.key !== key) return s;
		const schema = s.schema.type === 'array' ? { ...s.schema, items: { ...s.schema.items, enum: values } } : { ...s.schema, enum: values };
		const ui: Json = { ...s.ui };
		if (names) ui['ui:enumNames'] = names;
		else delete ui['ui:enumNames'];
		return { ...s, schema, ui };
	});
}

/** Why a group's row limits cannot stand. */
export function rowLimitsProblem(min?: number, max?: number): string | undefined {
	if (min !== undefined && (!Number.isInteger(min) || min < 0)) return '最少项数须为不小于 0 的整数';
	if (max !== undefined && (!Number.isInteger(max) || max < 1)) return '最多项数须为不小于 1 的整数';
	if (min !== undefined && max !== undefined && min > max) return `最少项数（${min}）不能大于最多项数（${max}）`;
	return undefined;
}
