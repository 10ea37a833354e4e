// 字段权限 as composed: each step's access in the composed names (a bundle's 综合受理 and 统一出件 take the members'
// intake and issue steps), and the fields staff complete, split off the applicant's form.
import type { Form, StepAccess } from '../model';
import { walkStates } from '../workflow/graph';
import type { ComposedMaterial, Member } from './types';

export type Access = StepAccess;

const RANK = { hidden: 0, masked: 1, read: 2, edit: 3, complete: 4 } as const;
export const FULL_ACCESS: Access = { others: 'read', fields: {}, materials: {} };

export const fieldAccess = (a: Access, field: string) => a.fields[field] ?? a.others;
export const materialAccess = (a: Access, id: string) => a.materials[id] ?? (a.others === 'hidden' ? 'hidden' : 'read');

/** The most a viewer may do where several steps apply: each field at its most open; no steps = everything readable. */
export function unionAccess(list: Access[]): Access {
	if (!list.length) return FULL_ACCESS;
	const max = <T extends keyof typeof RANK>(xs: T[]) => xs.reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
	const fields = new Set(list.flatMap((a) => Object.keys(a.fields)));
	const materials = new Set(list.flatMap((a) => Object.keys(a.materials)));
	return {
		others: max(list.map((a) => a.others)),
		fields: Object.fromEntries([...fields].map((f) => [f, max(list.map((a) => fieldAccess(a, f)))])),
		materials: Object.fromEntries([...materials].map((m) => [m, max(list.map((a) => materialAccess(a, m)))]))
	};
}

/** One member's step access renamed into the composed service's field and material names. */
function renamed(a: StepAccess, m: Member, materials: ComposedMaterial[]): Access {
	const materialName = (id: string) => materials.find((x) => x.origins.some((o) => o.item === m.item.id && o.material === id))?.id ?? id;
	return {
		others: a.others ?? 'read',
		fields: Object.fromEntries(Object.entries(a.fields ?? {}).map(([f, v]) => [m.fieldName(f), v])),
		materials: Object.fromEntries(Object.entries(a.materials ?? {}).map(([id, v]) => [materialName(id), v]))
	};
}

const phaseOf = (key: string, meta: { phase?: string } | undefined) =>
	meta?.phase === 'intake' ? 'intake' : meta?.phase === 'issue' || key === 'issuing' ? 'issuing' : 'review';

/** State path → access, for every step that declares one. */
export function composeAccess(included: Member[], bundle: boolean, materials: ComposedMaterial[]): Record<string, Access> {
	const out: Record<string, Access[]> = {};
	const add = (path: string, a: Access) => (out[path] ??= []).push(a);
	for (const m of included)
		for (const { path, node } of walkStates(m.item.workflow)) {
			if (!node.meta?.access || node.type === 'final') continue;
			const a = renamed(node.meta.access, m, materials);
			if (!bundle) add(path, a);
			else {
				const top = path.split('.')[0];
				const phase = phaseOf(top, m.item.workflow.states[top]?.meta);
				add(phase === 'review' ? `review.${m.item.id}.${path}` : phase, a);
			}
		}
	return Object.fromEntries(Object.entries(out).map(([p, list]) => [p, list.length === 1 ? list[0] : unionAccess(list)]));
}

/** Composed fields every member that asks for them has staff complete at some step: never asked of the applicant. */
export function staffFieldNames(included: Member[], origins: Record<string, { items: string[] }>): Set<string> {
	const completedBy = new Map<string, Set<string>>();
	for (const m of included)
		for (const { node } of walkStates(m.item.workflow))
			for (const [f, v] of Object.entries(node.meta?.access?.fields ?? {}))
				if (v === 'complete') (completedBy.get(m.fieldName(f)) ?? completedBy.set(m.fieldName(f), new Set()).get(m.fieldName(f))!).add(m.item.id);
	return new Set([...completedBy].filter(([f, items]) => (origins[f]?.items ?? []).every((i) => items.has(i))).map(([f]) => f));
}

/** The form split in two: what the applicant fills, and the fields staff complete at their steps. */
export function splitStaffFields(form: Form, staff: Set<string>): { form: Form; staffForm: Form } {
	const pick = (keep: (name: string) => boolean): Form => {
		const top = (path: string) => path.split(/[.[]/)[0];
		const ui = form.uiSchema as Record<string, unknown>;
		const order = ui['ui:order'] as string[] | undefined;
		const sections = ui['ui:sections'] as { start: string }[] | undefined;
		return {
			schema: {
				...form.schema,
				properties: Object.fromEntries(Object.entries(form.schema.properties).filter(([k]) => keep(k))),
				required: (form.schema.required ?? []).filter(keep)
			},
			uiSchema: {
				...Object.fromEntries(Object.entries(ui).filter(([k]) => k.startsWith('ui:') || keep(k))),
				...(order ? { 'ui:order': order.filter(keep) } : {}),
				...(sections ? { 'ui:sections': sections.filter((s) => keep(s.start)) } : {})
			},
			fields: Object.fromEntries(Object.entries(form.fields).filter(([k]) => keep(top(k))))
		} as Form;
	};
	if (!staff.size) return { form, staffForm: pick(() => false) };
	return { form: pick((k) => !staff.has(k)), staffForm: pick((k) => staff.has(k)) };
}

/** The applicant's form with the staff fields after it: what staff read, and where a step's fields are completed. */
export function withStaffFields(form: Form, staffForm: Form): Form {
	if (!Object.keys(staffForm.schema.properties).length) return form;
	const order = (f: Form) => (f.uiSchema['ui:order'] as string[] | undefined) ?? Object.keys(f.schema.properties);
	return {
		schema: { ...form.schema, properties: { ...form.schema.properties, ...staffForm.schema.properties } },
		uiSchema: { ...staffForm.uiSchema, ...form.uiSchema, 'ui:order': [...order(form), ...order(staffForm)] },
		fields: { ...form.fields, ...staffForm.fields }
	} as Form;
}
