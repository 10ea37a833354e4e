// 字段权限 at run time: what a staff viewer reads of a case (hidden and masked fields, hidden materials), and which
// fields a step's action may change or must complete, checked on the server whatever the page sent.
import type { Form } from '../model';
import type { Actor, CaseRecord } from '../store';
import type { ComposedService } from '../compose';
import { FULL_ACCESS, fieldAccess, materialAccess, unionAccess, withStaffFields, type Access } from '../compose/access';
import { validateForm } from '../form-validate';
import { errorText } from '../error-text';
import { nodeAt } from '../workflow/graph';

export const accessAt = (service: Pick<ComposedService, 'access'>, statePath: string): Access => service.access[statePath] ?? FULL_ACCESS;

/** Events that move a step on: its 本环节填写 fields must be filled first. Refusals, 补正 and returns need not. */
const LEAVES_INCOMPLETE = new Set(['REJECT', 'REQUEST_CORRECTION', 'RETURN', 'DENY', 'WITHDRAW', 'RESUBMIT', 'SUPPLY', 'TERMINATE']);

/**
 * A staff viewer's access: the steps they may act on now, else every step of their role and department in the workflow;
 * administrators, and staff with no step (督办, 征求意见), read everything.
 */
export function viewerAccess(service: Pick<ComposedService, 'access' | 'workflow'>, actor: Actor, actingAt: string[]): Access {
	if (actor.roles.includes('admin')) return FULL_ACCESS;
	if (actingAt.length) return unionAccess(actingAt.map((p) => accessAt(service, p)));
	const mine = Object.keys(service.access).filter((p) => {
		const meta = nodeAt(service.workflow, p)?.meta;
		return !!meta?.role && actor.roles.includes(meta.role) && (!meta.department || meta.department === actor.department);
	});
	return mine.length ? unionAccess(mine.map((p) => accessAt(service, p))) : FULL_ACCESS;
}

/** 张* / 3505**********1234: the first character (and an identifier's last four) kept. */
export function maskText(v: string): string {
	const s = v.trim();
	if (s.length <= 1) return '*';
	if (/^[0-9A-Za-z-]{7,}$/.test(s)) return `${s.slice(0, 4)}${'*'.repeat(Math.max(s.length - 8, 2))}${s.slice(-4)}`;
	return `${s[0]}${'*'.repeat(Math.min(s.length - 1, 6))}`;
}

const restricted = (a: Access) =>
	a.others !== 'read' || Object.values(a.fields).some((v) => v === 'hidden' || v === 'masked') || Object.keys(a.materials).length > 0;

/** Form data as the viewer may read it: hidden fields gone, masked text masked (other masked values hidden). */
export function readableData(data: Record<string, unknown>, a: Access): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(data)) {
		const level = fieldAccess(a, k);
		if (level === 'hidden') continue;
		if (level === 'masked') {
			if (typeof v === 'string') out[k] = maskText(v);
			continue;
		}
		out[k] = v;
	}
	return out;
}

const readableForm = (form: Form, a: Access): Form => {
	const keep = (k: string) => fieldAccess(a, k.split(/[.[]/)[0]) !== 'hidden';
	return {
		schema: {
			...form.schema,
			properties: Object.fromEntries(Object.entries(form.schema.properties).filter(([k]) => keep(k))),
			required: (form.schema.required ?? []).filter(keep)
		},
		uiSchema: { ...form.uiSchema, 'ui:order': ((form.uiSchema['ui:order'] as string[] | undefined) ?? Object.keys(form.schema.properties)).filter(keep) },
		fields: Object.fromEntries(Object.entries(form.fields).filter(([k]) => keep(k)))
	} as Form;
};

/** The case and its service as a staff viewer with this access reads them: the log's copies of the data too. */
export function readableCase<C extends Pick<CaseRecord, 'state' | 'events'>>(
	c: C,
	service: ComposedService,
	a: Access
): { case: C; form: Form; materials: ComposedService['materials'] } {
	const form = withStaffFields(service.form, service.staffForm);
	if (!restricted(a)) return { case: c, form, materials: service.materials };
	const showMaterial = (id: string) => materialAccess(a, id) !== 'hidden';
	const materialsOf = (m: unknown) =>
		m && typeof m === 'object' ? Object.fromEntries(Object.entries(m as Record<string, unknown>).filter(([id]) => showMaterial(id))) : m;
	const payloadOf = (p: Record<string, unknown>) => ({
		...p,
		...(p.data && typeof p.data === 'object' ? { data: readableData(p.data as Record<string, unknown>, a) } : {}),
		...(p.merged && typeof p.merged === 'object' ? { merged: readableData(p.merged as Record<string, unknown>, a) } : {}),
		...(p.fields && typeof p.fields === 'object' ? { fields: readableData(p.fields as Record<string, unknown>, a) } : {}),
		...(p.materials && typeof p.materials === 'object' ? { materials: materialsOf(p.materials) } : {})
	});
	const ctx = c.state.machine.context;
	return {
		case: {
			...c,
			state: {
				...c.state,
				machine: { ...c.state.machine, context: { ...ctx, data: readableData(ctx.data, a), materials: materialsOf(ctx.materials) as typeof ctx.materials } }
			},
			events: c.events.map((e) => ({ ...e, payload: payloadOf(e.payload as Record<string, unknown>) }))
		},
		form: readableForm(form, a),
		materials: service.materials.filter((m) => showMaterial(m.id))
	};
}

/** The fields a step's action may change (可修改) or must complete (本环节填写), for its form. */
export function stepFields(service: ComposedService, statePath: string, type: string): { form: Form; required: string[] } {
	const a = accessAt(service, statePath);
	const whole = withStaffFields(service.form, service.staffForm);
	// a refusal, 补正 or return changes no field: the step's fields travel with the actions that move it on
	const editable = LEAVES_INCOMPLETE.has(type) ? [] : Object.keys(whole.schema.properties).filter((k) => ['edit', 'complete'].includes(fieldAccess(a, k)));
	const required = editable.filter((k) => fieldAccess(a, k) === 'complete');
	const keep = new Set(editable);
	const form = {
		schema: { ...whole.schema, properties: Object.fromEntries(editable.map((k) => [k, whole.schema.properties[k]])), required },
		uiSchema: { ...whole.uiSchema, 'ui:order': ((whole.uiSchema['ui:order'] as string[] | undefined) ?? editable).filter((k) => keep.has(k)) },
		fields: Object.fromEntries(Object.entries(whole.fields).filter(([k]) => keep.has(k.split(/[.[]/)[0])))
	} as Form;
	return { form, required };
}

/**
 * What an action posts for the step's fields, checked: values equal to the case's are no change; a changed field the step
 * may not edit is refused by name; the step's required fields must be filled; values are validated as the form says.
 */
export function checkStepFields(
	service: ComposedService,
	statePath: string,
	type: string,
	stepLabel: string,
	data: Record<string, unknown>,
	answers: Record<string, unknown>,
	posted: Record<string, unknown> | undefined
): { changed: Record<string, unknown>; errors: { path: string; message: string }[] } {
	const { form } = stepFields(service, statePath, type);
	const whole = withStaffFields(service.form, service.staffForm);
	const title = (k: string) => (whole.schema.properties[k] as { title?: string } | undefined)?.title ?? k;
	const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
	const changes = Object.entries(posted ?? {}).filter(([k, v]) => !same(v, data[k]) && !(v === '' && data[k] === undefined));
	const refused = changes.filter(([k]) => !(k in form.schema.properties));
	if (refused.length)
		return {
			changed: {},
			errors: refused.map(([k]) => ({
				path: `fields.${k}`,
				message: k in whole.schema.properties ? `「${stepLabel}」环节不能修改字段「${title(k)}」` : `没有字段「${k}」`
			}))
		};
	if (!Object.keys(form.schema.properties).length) return { changed: {}, errors: [] };
	const checked = validateForm(form, { ...data, ...Object.fromEntries(changes) }, answers);
	if (!checked.valid) return { changed: {}, errors: checked.errors.map((e) => ({ path: `fields.${e.path}`, message: errorText.fieldError(e) })) };
	return {
		changed: Object.fromEntries(
			Object.keys(form.schema.properties)
				.filter((k) => changes.some(([c]) => c === k))
				.map((k) => [k, checked.value[k]])
		),
		errors: []
	};
}
