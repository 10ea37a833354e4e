import { m } from '$lib/paraglide/messages';
// Which control renders a JSON Schema property (rjsf-style ui:widget wins).
type Schema = Record<string, any>;

export type Widget =
	'text' | 'textarea' | 'number' | 'date' | 'idNumber' | 'phone' | 'email' | 'address' | 'select' | 'radio' | 'checkboxes' | 'checkbox' | 'group' | 'file';

export function widgetOf(prop: Schema, ui: Schema = {}): Widget {
	if (prop.type === 'array' && prop.items?.type === 'object') return 'group';
	if (prop.type === 'array') return 'checkboxes';
	if (prop.type === 'boolean') return 'checkbox';
	const w = ui['ui:widget'] as string | undefined;
	if (w === 'file' || prop.format === 'file-id') return 'file';
	if (w === 'radio' || w === 'select' || w === 'textarea' || w === 'address' || w === 'date' || w === 'idNumber' || w === 'phone') return w;
	if (prop.enum) return prop.enum.length <= 4 ? 'radio' : 'select';
	if (prop.type === 'number' || prop.type === 'integer') return 'number';
	if (prop.format === 'date') return 'date';
	if (prop.format === 'id-number') return 'idNumber';
	if (prop.format === 'phone') return 'phone';
	if (prop.format === 'email') return 'email';
	return 'text';
}

/** A DOM id for a field path such as group.2.name. */
export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** How a value reads in a read-only view. */
/** The text shown for an option: its label from `ui:enumNames` (the rjsf convention) when the stored value is a code. */
export function optionLabel(prop: Schema, ui: Schema, value: unknown): string {
	const options: unknown[] = (prop.type === 'array' ? prop.items?.enum : prop.enum) ?? [];
	const names = ui['ui:enumNames'];
	const i = options.indexOf(value);
	return Array.isArray(names) && i >= 0 && typeof names[i] === 'string' ? names[i] : String(value);
}

export function display(prop: Schema, value: unknown, ui: Schema = {}): string {
	if (value === undefined || value === null || value === '') return '—';
	if (Array.isArray(value)) return value.map((v) => optionLabel(prop, ui, v)).join(m.list_sep());
	if (typeof value === 'boolean') return value ? m.yes() : m.no();
	return optionLabel(prop, ui, value);
}

/** Fields holding an uploaded file's id (format file-id). */
export const isFileField = (prop: Schema, ui: Schema = {}) => widgetOf(prop, ui) === 'file';
