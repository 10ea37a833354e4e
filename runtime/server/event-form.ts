// A reviewer's posted action form → the event body the case service expects; each event module reads its own fields.
import { EVENTS, text } from '../core/cases/events';

export function eventFromForm(f: FormData): Record<string, unknown> {
	const type = text(f, 'type');
	const body: Record<string, unknown> = { type, version: Number(f.get('version')) };
	if (text(f, 'branch')) body.branch = text(f, 'branch');
	const module = EVENTS[type as keyof typeof EVENTS];
	return module?.fromForm ? { ...body, ...module.fromForm(f) } : body;
}
