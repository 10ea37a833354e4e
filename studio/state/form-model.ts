// The form builder's view of a definition form: an ordered list of fields ⇄ JSON Schema + UI schema + field meta.
// Every key the builder does not know is carried through untouched.
type Json = Record<string, any>;
export interface FormJson {
	schema: Json & { properties: Record<string, Json>; required?: string[] };
	uiSchema?: Json;
	fields?: Record<string, Json>;
	[k: string]: unknown;
}
export interface FieldModel {
	name: string;
	schema: Json;
	ui: Json;
	meta: Json;
	required: boolean;
}

export const FIELD_TYPES = {
	text: { label: '单行文本', make: () => ({ schema: { type: 'string', title: '单行文本', maxLength: 50 }, ui: {} }) },
	textarea: { label: '多行文本', make: () => ({ schema: { type: 'string', title: '多行文本', maxLength: 500 }, ui: { 'ui:widget': 'textarea' } }) },
	number: { label: '数字', make: () => ({ schema: { type: 'number', title: '数字' }, ui: {} }) },
	integer: { label: '整数', make: () => ({ schema: { type: 'integer', title: '整数' }, ui: {} }) },
	date: { label: '日期', make: () => ({ schema: { type: 'string', title: '日期', format: 'date' }, ui: {} }) },
	select: {
		label: '下拉选择',
		make: () => ({ schema: { type: 'string', title: '下拉选择', enum: ['选项一', '选项二', '选项三', '选项四', '选项五'] }, ui: { 'ui:widget': 'select' } })
	},
	radio: { label: '单选', make: () => ({ schema: { type: 'string', title: '单选', enum: ['是', '否'] }, ui: { 'ui:widget': 'radio' } }) },
	checkboxes: {
		label: '多选',
		make: () => ({ schema: { type: 'array', title: '多选', items: { type: 'string', enum: ['选项一', '选项二'] }, uniqueItems: true }, ui: {} })
	},
	boolean: { label: '勾选', make: () => ({ schema: { type: 'boolean', title: '勾选' }, ui: {} }) },
	idNumber: { label: '身份证号', make: () => ({ schema: { type: 'string', title: '身份证号码', format: 'id-number' }, ui: {} }) },
	phone: { label: '电话', make: () => ({ schema: { type: 'string', title: '联系电话', format: 'phone' }, ui: {} }) },
	email: { label: '电子邮箱', make: () => ({ schema: { type: 'string', title: '电子邮箱', format: 'email' }, ui: {} }) },
	address: { label: '地址', make: () => ({ schema: { type: 'string', title: '地址', maxLength: 100 }, ui: { 'ui:widget': 'address' } }) },
	creditCode: { label: '统一社会信用代码', make: () => ({ schema: { type: 'string', title: '统一社会信用代码', format: 'credit-code' }, ui: {} }) },
	file: { label: '附件', make: () => ({ schema: { type: 'string', title: '附件', format: 'file-id' }, ui: { 'ui:widget': 'file' } }) },
	group: {
		label: '重复组',
		make: () => ({
			schema: {
				type: 'array',
				title: '重复组',
				minItems: 1,
				maxItems: 10,
				items: { type: 'object', title: '一项', required: [], properties: { name: { type: 'string', title: '名称' } } }
			},
			ui: {}
		})
	}
} as const;
export type FieldType = keyof typeof FIELD_TYPES;

const order = (form: FormJson): string[] => {
	const keys = Object.keys(form.schema.properties);
	const listed = ((form.uiSchema?.['ui:order'] as string[] | undefined) ?? []).filter((k) => keys.includes(k));
	return [...listed, ...keys.filter((k) => !listed.includes(k))];
};

export function fieldsOf(form: FormJson): FieldModel[] {
	const required = new Set(form.schema.required ?? []);
	return order(form).map((name) => ({
		name,
		schema: form.schema.properties[name],
		ui: (form.uiSchema?.[name] as Json) ?? {},
		meta: form.fields?.[name] ?? {},
		required: required.has(name)
	}));
}

/** Rebuilds the form JSON from fields; keys of removed fields go, everything else stays. */
export function withFields(form: FormJson, fields: FieldModel[]): FormJson {
	const names = new Set(fields.map((f) => f.name));
	const before = new Set(Object.keys(form.schema.properties));
	const uiSchema: Json = Object.fromEntries(Object.entries(form.uiSchema ?? {}).filter(([k]) => !before.has(k) || names.has(k)));
	const meta: Record<string, Json> = Object.fromEntries(
		Object.entries(form.fields ?? {}).filter(([k]) => !before.has(k.split('.')[0]) || names.has(k.split('.')[0]))
	);
	for (const f of fields) {
		if (Object.keys(f.ui).length) uiSchema[f.name] = f.ui;
		else delete uiSchema[f.name];
		if (Object.keys(f.meta).length) meta[f.name] = f.meta;
		else delete meta[f.name];
	}
	uiSchema['ui:order'] = fields.map((f) => f.name);
	const sections = sectionsOf(form).filter((x) => names.has(x.start));
	if (sections.length) uiSchema['ui:sections'] = sections;
	else delete uiSchema['ui:sections'];
	return {
		...form,
		schema: {
			...form.schema,
			properties: Object.fromEntries(fields.map((f) => [f.name, f.schema])),
			required: fields.filter((f) => f.required).map((f) => f.name)
		},
		uiSchema,
		fields: meta
	};
}

export function uniqueName(form: FormJson, base: string): string {
	for (let i = 1; ; i++) if (!(`${base}${i}` in form.schema.properties)) return `${base}${i}`;
}

export function addField(form: FormJson, type: FieldType, index?: number): { form: FormJson; name: string } {
	const fields = fieldsOf(form);
	const name = uniqueName(form, type);
	const { schema, ui } = FIELD_TYPES[type].make();
	fields.splice(index ?? fields.length, 0, { name, schema: structuredClone(schema) as Json, ui: { ...ui }, meta: {}, required: false });
	return { form: withFields(form, fields), name };
}

export function moveField(form: FormJson, name: string, to: number): FormJson {
	const fields = fieldsOf(form);
	const from = fields.findIndex((f) => f.name === name);
	if (from < 0) return form;
	const [f] = fields.splice(from, 1);
	fields.splice(Math.max(0, Math.min(to, fields.length)), 0, f);
	return withFields(form, fields);
}

export function removeField(form: FormJson, name: string): FormJson {
	return withFields(
		form,
		fieldsOf(form).filter((f) => f.name !== name)
	);
}

export type FieldPatch = Partial<{
	name: string;
	required: boolean;
	schema: Json;
	ui: Json;
	meta: Json;
	/** a sub-field of this repeatable group renamed: its conditions and references follow */
	subRename: { from: string; to: string };
}>;

/** Applies a change to one field; schema/ui/meta patches merge, keys set to undefined are dropped. */
export function updateField(form: FormJson, name: string, patch: FieldPatch): FormJson {
	const merge = (a: Json, b?: Json) => (b ? Object.fromEntries(Object.entries({ ...a, ...b }).filter(([, v]) => v !== undefined && v !== '')) : a);
	const fields = fieldsOf(form).map((f) =>
		f.name !== name
			? f
			: {
					name: patch.name ?? f.name,
					schema: merge(f.schema, patch.schema),
					ui: merge(f.ui, patch.ui),
					meta: merge(f.meta, patch.meta),
					required: patch.required ?? f.required
				}
	);
	const renamed = patch.name && patch.name !== name ? patch.name : undefined;
	const base =
		renamed && sectionsOf(form).length
			? { ...form, uiSchema: { ...form.uiSchema, 'ui:sections': sectionsOf(form).map((x) => (x.start === name ? { ...x, start: renamed } : x)) } }
			: form;
	let next = withFields(base, fields);
	if (renamed) next = renameReferences(next, name, renamed);
	const sub = patch.subRename;
	if (sub && sub.from !== sub.to) {
		const group = renamed ?? name;
		const [from, to] = [`${group}.${sub.from}`, `${group}.${sub.to}`];
		const meta = Object.fromEntries(Object.entries(next.fields ?? {}).map(([k, v]) => [k === from ? to : k, v]));
		next = renameReferences({ ...next, fields: meta }, from, to);
	}
	return next;
}

/** Field conditions keep pointing at a renamed field. */
function renameReferences(form: FormJson, from: string, to: string): FormJson {
	const rewrite = (c: unknown): unknown => {
		if (Array.isArray(c)) return c.map(rewrite);
		if (c && typeof c === 'object') {
			const o = Object.fromEntries(Object.entries(c).map(([k, v]) => [k, rewrite(v)]));
			if (o.field === from) o.field = to;
			else if (typeof o.field === 'string' && (o.field as string).startsWith(`${from}.`)) o.field = to + (o.field as string).slice(from.length);
			return o;
		}
		return c;
	};
	return { ...form, fields: rewrite(form.fields) as Record<string, Json> };
}

export const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** 分节: a titled section begins at a field (uiSchema "ui:sections"); it moves with that field. */
export interface Section {
	title: string;
	start: string;
	/** 分页: with JavaScript the form shows one page at a time, starting a new page here */
	page?: boolean;
}
export const sectionsOf = (form: FormJson): Section[] => (form.uiSchema?.['ui:sections'] as Section[] | undefined) ?? [];

export function setSection(form: FormJson, start: string, title: string | undefined, page?: boolean): FormJson {
	const current = sectionsOf(form).find((x) => x.start === start);
	const rest = sectionsOf(form).filter((x) => x.start !== start);
	const keepPage = page ?? current?.page;
	const sections = title === undefined ? rest : [...rest, { title, start, ...(keepPage ? { page: true } : {}) }];
	const uiSchema: Json = { ...form.uiSchema };
	if (sections.length) uiSchema['ui:sections'] = sections;
	else delete uiSchema['ui:sections'];
	return { ...form, uiSchema };
}

/** Options as the builder edits them: one per line, `代码=名称` when the stored code differs from the name shown. */
export function optionsToText(values: string[], names?: string[]): string {
	return values.map((v, i) => (names?.[i] !== undefined && names[i] !== v ? `${v}=${names[i]}` : v)).join('\n');
}

/** The lines back to `enum` and, when any name differs from its code, `ui:enumNames`. */
export function textToOptions(text: string): { values: string[]; names?: string[] } {
	const lines = text
		.split('\n')
		.map((x) => x.trim())
		.filter(Boolean)
		.map((x) => (x.includes('=') ? x.split('=').map((p) => p.trim()) : [x, x]));
	const values = lines.map(([v]) => v);
	const names = lines.map(([v, l]) => l || v);
	return names.some((l, i) => l !== values[i]) ? { values, names } : { values };
}
