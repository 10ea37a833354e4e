// The apply form of 中考加分确认一件事, composed as our apply page shows it, and the same fields in each peer's format
// (rjsf: JSON Schema as is; SurveyJS and form.io: a mapping of text, choice, date, number, checkbox and repeated groups).
import { readFileSync } from 'node:fs';
import { compose } from '../../runtime/core/compose';
import { Bundle, Item, type Form } from '../../runtime/core/model';

const DEFINITIONS = new URL('../../definitions/', import.meta.url);
const readJson = (path: string) => JSON.parse(readFileSync(new URL(path, DEFINITIONS), 'utf8'));

/** The bundle's form with the situation answers that show the most fields (the fullest form an applicant can get). */
export function applyForm(bundleId = 'zhongkao-jiafen'): Form {
	const bundle = Bundle.parse(readJson(`bundles/${bundleId}.json`));
	const items = bundle.members.map((m) => ({ definition: Item.parse(readJson(`items/${m.item}.json`)), version: 1, hash: m.item }));
	const formOf = (answers: Record<string, unknown>) =>
		compose({ kind: 'bundle', bundle: { definition: bundle, version: 1, hash: bundle.id }, items }, answers).form;
	const answers: Record<string, unknown> = {};
	for (const s of bundle.situations) {
		const size = (value: unknown) => Object.keys(formOf({ ...answers, [s.id]: value }).schema.properties).length;
		answers[s.id] = s.options.map((o) => o.value).reduce((best, v) => (size(v) > size(best) ? v : best));
	}
	return formOf(answers);
}

/** Regular expressions standing in for our custom formats (peers have no Chinese ID-card or phone checks of their own). */
export const FORMAT_PATTERNS: Record<string, string> = {
	'id-number': '^[1-9]\\d{16}[\\dX]$',
	phone: '^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$',
	'credit-code': '^[0-9A-HJ-NPQRTUWXY]{18}$',
	postcode: '^\\d{6}$'
};

type Schema = Record<string, any>;
type Ui = Record<string, any>;
const RJSF_WIDGETS = new Set(['radio', 'select', 'textarea', 'checkboxes', 'checkbox', 'date', 'updown', 'hidden', 'password', 'email']);

const fieldsOf = (schema: Schema, ui: Ui) => {
	const names = Object.keys(schema.properties ?? {});
	const order = ((ui['ui:order'] as string[] | undefined) ?? names).filter((n) => names.includes(n));
	return order.map((name) => ({
		name,
		prop: schema.properties[name] as Schema,
		ui: (ui[name] ?? {}) as Ui,
		required: (schema.required ?? []).includes(name)
	}));
};
const choicesOf = (prop: Schema): { value: unknown; label: string }[] | undefined =>
	prop.enum?.map((v: unknown) => ({ value: v, label: String(v) })) ??
	prop.oneOf?.filter((o: Schema) => 'const' in o).map((o: Schema) => ({ value: o.const, label: o.title ?? String(o.const) }));
const patternOf = (prop: Schema) => prop.pattern ?? (prop.format ? FORMAT_PATTERNS[prop.format] : undefined);

/** rjsf takes our JSON Schema and uiSchema; our own widgets (idNumber, phone) become its text input, formats get patterns. */
export function rjsfForm(form: Form) {
	const uiSchema: Ui = { 'ui:submitButtonOptions': { submitText: '提交' } };
	for (const [key, value] of Object.entries(form.uiSchema)) {
		const { 'ui:widget': widget, ...rest } = (value ?? {}) as Ui;
		uiSchema[key] = key.startsWith('ui:') || RJSF_WIDGETS.has(widget) ? value : rest;
	}
	const used = new Set<string>();
	const walk = (s: Schema) => {
		if (typeof s.format === 'string') used.add(s.format);
		for (const sub of [...Object.values(s.properties ?? {}), s.items].filter(Boolean)) walk(sub as Schema);
	};
	walk(form.schema);
	return {
		schema: form.schema,
		uiSchema,
		formats: Object.fromEntries(Object.entries(FORMAT_PATTERNS).filter(([name]) => used.has(name)))
	};
}

function surveyElement(name: string, prop: Schema, ui: Ui, required: boolean): Schema {
	const common = { name, title: prop.title, isRequired: required, description: ui['ui:help'], placeholder: ui['ui:placeholder'] };
	const choices = choicesOf(prop);
	if (choices)
		return { ...common, type: ui['ui:widget'] === 'radio' ? 'radiogroup' : 'dropdown', choices: choices.map((c) => ({ value: c.value, text: c.label })) };
	if (prop.type === 'boolean') return { ...common, type: 'boolean' };
	if (prop.type === 'integer' || prop.type === 'number')
		return {
			...common,
			type: 'text',
			inputType: 'number',
			min: prop.minimum,
			max: prop.maximum,
			validators: [{ type: 'numeric', minValue: prop.minimum, maxValue: prop.maximum }]
		};
	if (prop.type === 'array' && prop.items?.type === 'object')
		return {
			...common,
			type: 'paneldynamic',
			minPanelCount: prop.minItems,
			maxPanelCount: prop.maxItems,
			panelCount: prop.minItems ?? 0,
			templateTitle: prop.items.title,
			templateElements: fieldsOf(prop.items, ui.items ?? {}).map((f) => surveyElement(f.name, f.prop, f.ui, f.required))
		};
	if (prop.type === 'array' && prop.items) {
		const items = choicesOf(prop.items) ?? [];
		return { ...common, type: 'checkbox', choices: items.map((c) => ({ value: c.value, text: c.label })), maxSelectedChoices: prop.maxItems };
	}
	if (prop.format === 'date') return { ...common, type: 'text', inputType: 'date' };
	const pattern = patternOf(prop);
	return {
		...common,
		type: ui['ui:widget'] === 'textarea' ? 'comment' : 'text',
		maxLength: prop.maxLength,
		validators: [
			...(prop.minLength || prop.maxLength ? [{ type: 'text', minLength: prop.minLength ?? 0, maxLength: prop.maxLength ?? 0 }] : []),
			...(pattern ? [{ type: 'regex', regex: pattern, text: `${prop.title}格式不正确` }] : [])
		]
	};
}

/** SurveyJS survey JSON: one page, zh-cn. */
export function surveyForm(form: Form) {
	return {
		locale: 'zh-cn',
		completeText: '提交',
		elements: fieldsOf(form.schema, form.uiSchema).map((f) => surveyElement(f.name, f.prop, f.ui, f.required))
	};
}

function formioComponent(key: string, prop: Schema, ui: Ui, required: boolean): Schema {
	const common = { key, label: prop.title, input: true, description: ui['ui:help'], placeholder: ui['ui:placeholder'] };
	const choices = choicesOf(prop);
	if (choices) {
		const values = choices.map((c) => ({ value: c.value, label: c.label }));
		return ui['ui:widget'] === 'radio'
			? { ...common, type: 'radio', values, validate: { required } }
			: { ...common, type: 'select', dataSrc: 'values', data: { values }, validate: { required } };
	}
	if (prop.type === 'boolean') return { ...common, type: 'checkbox', validate: { required } };
	if (prop.type === 'integer' || prop.type === 'number')
		return { ...common, type: 'number', decimalLimit: prop.type === 'integer' ? 0 : undefined, validate: { required, min: prop.minimum, max: prop.maximum } };
	if (prop.type === 'array' && prop.items?.type === 'object')
		return {
			...common,
			type: 'datagrid',
			validate: { required, minLength: prop.minItems, maxLength: prop.maxItems },
			components: fieldsOf(prop.items, ui.items ?? {}).map((f) => formioComponent(f.name, f.prop, f.ui, f.required))
		};
	if (prop.type === 'array' && prop.items) {
		const values = (choicesOf(prop.items) ?? []).map((c) => ({ value: c.value, label: c.label }));
		return { ...common, type: 'selectboxes', values, validate: { required } };
	}
	// its datetime component loads flatpickr from cdn.form.io at run time; day is bundled
	if (prop.format === 'date') return { ...common, type: 'day', validate: { required } };
	return {
		...common,
		type: ui['ui:widget'] === 'textarea' ? 'textarea' : 'textfield',
		validate: { required, minLength: prop.minLength, maxLength: prop.maxLength, pattern: patternOf(prop) }
	};
}

/** form.io form JSON: the fields and a submit button. */
export function formioForm(form: Form) {
	return {
		display: 'form',
		components: [
			...fieldsOf(form.schema, form.uiSchema).map((f) => formioComponent(f.name, f.prop, f.ui, f.required)),
			{ type: 'button', key: 'submit', label: '提交', action: 'submit', input: true }
		]
	};
}
