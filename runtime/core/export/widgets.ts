// One field of our form → a property and uiSchema that @rjsf/core's default registry renders: our widgets become rjsf
// widget names (ours kept in `ui:options.onething.widget`), our formats become `pattern`s (ours kept in `x-onething-format`).
import type { JsonSchema } from './conditions';

/**
 * Our formats as patterns: the shape only (the check digits of 身份证号码 and 统一社会信用代码 need code;
 * runtime/core/formats.ts has it, and `x-onething-format` names it).
 */
export const FORMAT_PATTERNS: Record<string, string> = {
	'id-number': '^[1-9]\\d{5}(18|19|20)\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])\\d{3}[\\dX]$',
	phone: '^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?|[48]00-?\\d{3}-?\\d{4}|12345)$',
	'credit-code': '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$',
	postcode: '^\\d{6}$'
};

/** Our widgets, by the format that implies them when the uiSchema names none. */
const FORMAT_WIDGETS: Record<string, string> = { 'id-number': 'idNumber', phone: 'phone', 'credit-code': 'creditCode', 'file-id': 'file' };

/** Our widget → the rjsf widget that takes the same value (rjsf's default registry, by schema type). */
const RJSF_WIDGETS: Record<string, string> = {
	text: 'text',
	textarea: 'textarea',
	select: 'select',
	radio: 'radio',
	checkboxes: 'checkboxes',
	checkbox: 'checkbox',
	date: 'date',
	email: 'email',
	idNumber: 'text',
	phone: 'text',
	creditCode: 'text',
	address: 'text',
	file: 'file'
};

type Ui = Record<string, unknown>;

/** Our widget for a field, as the runtime renderer (runtime/components/form/widget.ts) picks it. */
function ourWidget(prop: JsonSchema, ui: Ui): string | undefined {
	const w = ui['ui:widget'];
	if (typeof w === 'string') return w;
	if (typeof prop.format === 'string' && FORMAT_WIDGETS[prop.format]) return FORMAT_WIDGETS[prop.format];
	return undefined;
}

/** A string field with our format: a pattern (with the field's own pattern, both must hold) and the format named aside. */
function standardFormat(prop: JsonSchema): JsonSchema {
	const format = prop.format as string | undefined;
	if (!format || (!(format in FORMAT_PATTERNS) && format !== 'file-id')) return prop;
	const { format: _ours, ...rest } = prop;
	const out: JsonSchema = { ...rest, 'x-onething-format': format };
	// an uploaded file: rjsf's FileWidget holds the file itself as a data URL; our runtime stores the upload's id
	if (format === 'file-id') return { ...out, format: 'data-url' };
	const pattern = FORMAT_PATTERNS[format];
	if (typeof prop.pattern === 'string') return { ...out, allOf: [...((prop.allOf as JsonSchema[]) ?? []), { pattern }] };
	return { ...out, pattern };
}

/** The rjsf uiSchema of one field: `ui:widget` from rjsf's registry, our widget kept under `ui:options.onething`. */
function rjsfUi(prop: JsonSchema, ui: Ui): Ui {
	const ours = ourWidget(prop, ui);
	const { 'ui:widget': _w, 'ui:options': options, items: _items, ...rest } = ui;
	const out: Ui = { ...rest };
	let widget: string | undefined = ours ? RJSF_WIDGETS[ours] : undefined;
	const items = prop.items as JsonSchema | undefined;
	if (prop.type === 'boolean') widget = 'checkbox';
	else if (prop.type === 'array') widget = items && Array.isArray(items.enum) ? 'checkboxes' : undefined;
	else if (widget === 'text' || widget === undefined) {
		// our renderer's defaults: a short list is a radio group, a longer one a select
		if (Array.isArray(prop.enum)) widget = prop.enum.length <= 4 ? 'radio' : 'select';
		else if (prop.format === 'date') widget = 'date';
		else if (prop.format === 'email') widget = 'email';
		else if (prop.format === 'uri') widget = 'uri';
	}
	if ((widget === 'radio' || widget === 'select') && !Array.isArray(prop.enum)) widget = 'text';
	if (widget === 'date' && prop.type !== 'string') widget = undefined;
	if (widget) out['ui:widget'] = widget;
	const extra: Ui = { ...(ours === 'phone' ? { inputType: 'tel' } : {}) };
	if (ours || Object.keys(extra).length || options)
		out['ui:options'] = { ...(options as Ui | undefined), ...extra, ...(ours ? { onething: { widget: ours } } : {}) };
	return out;
}

/** A field (and the fields of its object or repeatable group) as rjsf renders it. */
export function rjsfField(prop: JsonSchema, ui: Ui = {}): { schema: JsonSchema; ui: Ui } {
	const schema = standardFormat(prop);
	const out = rjsfUi(prop, ui);
	const kids = childrenOf(schema);
	if (!kids) return { schema, ui: out };
	const subUi = (schema.type === 'array' ? (ui.items as Ui | undefined) : ui) ?? {};
	const properties: Record<string, JsonSchema> = {};
	const childUi: Ui = {};
	for (const [k, p] of Object.entries(kids)) {
		const f = rjsfField(p, (subUi[k] as Ui | undefined) ?? {});
		properties[k] = f.schema;
		if (Object.keys(f.ui).length) childUi[k] = f.ui;
	}
	if (schema.type === 'object') return { schema: { ...schema, properties }, ui: { ...out, ...childUi } };
	const items = schema.items as JsonSchema;
	return { schema: { ...schema, items: { ...items, properties } }, ui: { ...out, items: { ...((ui.items as Ui) ?? {}), ...childUi } } };
}

/** The child properties of an object field or of a repeatable group's rows. */
export function childrenOf(prop: JsonSchema): Record<string, JsonSchema> | undefined {
	if (prop.type === 'object') return (prop.properties as Record<string, JsonSchema>) ?? {};
	const items = prop.items as JsonSchema | undefined;
	if (prop.type === 'array' && items?.type === 'object') return (items.properties as Record<string, JsonSchema>) ?? {};
	return undefined;
}
