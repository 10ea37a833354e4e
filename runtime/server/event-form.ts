// A reviewer's posted action form → the event body the case service expects; each event module reads its own fields.
import { EVENTS, text } from '../core/cases/events';
import { valuesFromEntries } from '../core/form-data';
import type { Form } from '../core/model';

export function eventFromForm(f: FormData): Record<string, unknown> {
	const type = text(f, 'type');
	const body: Record<string, unknown> = { type, version: Number(f.get('version')) };
	if (text(f, 'branch')) body.branch = text(f, 'branch');
	const module = EVENTS[type as keyof typeof EVENTS];
	return module?.fromForm ? { ...body, ...module.fromForm(f) } : body;
}

/** 字段权限: the step's fields an action form posted (`d:` inputs), read by the case's composed form; a cleared one is undefined. */
export function stepFieldsFromForm(form: Form, f: FormData): Record<string, unknown> | undefined {
	const posted = new Set([...f.keys()].filter((k) => k.startsWith('d:')).map((k) => k.slice(2).split(/[.[]/)[0]));
	if (!posted.size) return undefined;
	const schema = { ...form.schema, properties: Object.fromEntries(Object.entries(form.schema.properties).filter(([k]) => posted.has(k))) };
	const values = valuesFromEntries(schema, f.entries());
	return Object.fromEntries([...posted].filter((k) => k in schema.properties).map((k) => [k, values[k]]));
}
