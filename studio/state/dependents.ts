// What else in an item (or a bundle) refers to an element about to be deleted, named by labels, for the confirm dialog.
import { references, type Condition } from '$core/model/condition';
import { fieldLabel } from '$core/issue-place';
type Json = Record<string, any>;

export type Target = { kind: 'situation'; id: string } | { kind: 'field'; name: string } | { kind: 'material'; id: string } | { kind: 'state'; key: string };

/** A dependant: its label (字段「代理人姓名」的显示条件) and what it is. */
export interface Dependant {
	label: string;
	kind: 'field' | 'material' | 'situation' | 'member' | 'state' | 'mapping';
}

const refsOf = (c: unknown) => {
	try {
		return c && typeof c === 'object' ? references(c as Condition) : { answers: [], fields: [] };
	} catch {
		return { answers: [], fields: [] };
	}
};
/** Does a condition read this answer / this field (or a sub-field of it)? */
const readsAnswer = (c: unknown, id: string) => refsOf(c).answers.includes(id);
const readsField = (c: unknown, name: string) => refsOf(c).fields.some((f) => f === name || f.startsWith(`${name}.`));

/** Every condition of a definition with the label of the element it belongs to. */
function conditions(def: Json): { label: string; kind: Dependant['kind']; cond: unknown; owner?: string }[] {
	const out: { label: string; kind: Dependant['kind']; cond: unknown; owner?: string }[] = [];
	for (const [name, meta] of Object.entries<Json>(def.form?.fields ?? {})) {
		if (meta?.visibleWhen) out.push({ label: `${fieldLabel(def, name)}的显示条件`, kind: 'field', cond: meta.visibleWhen, owner: name });
		if (meta?.requiredWhen) out.push({ label: `${fieldLabel(def, name)}的必填条件`, kind: 'field', cond: meta.requiredWhen, owner: name });
	}
	for (const m of def.materials ?? [])
		if (typeof m?.required === 'object') out.push({ label: `材料「${m.name}」的提交条件`, kind: 'material', cond: m.required.when, owner: m.id });
	for (const s of def.situations ?? [])
		if (s?.askWhen) out.push({ label: `办事情形「${s.question}」的追问条件`, kind: 'situation', cond: s.askWhen, owner: s.id });
	for (const m of def.members ?? [])
		if (m?.includeWhen) out.push({ label: `成员事项「${m.name ?? m.item}」的纳入条件`, kind: 'member', cond: m.includeWhen, owner: m.item });
	return out;
}

/** Every state of a workflow (nested ones too) with its transitions' targets. */
function transitions(wf: Json | undefined): { key: string; label: string; targets: string[] }[] {
	const out: { key: string; label: string; targets: string[] }[] = [];
	const targetsOf = (on: Json | undefined) =>
		Object.values(on ?? {}).flatMap((t) => (Array.isArray(t) ? t : [t]).map((x) => (typeof x === 'string' ? x : x?.target)).filter((x): x is string => !!x));
	const walk = (node: Json | undefined) => {
		for (const [key, s] of Object.entries<Json>(node?.states ?? {})) {
			out.push({ key, label: s?.meta?.label ?? key, targets: [...targetsOf(s?.on), ...(s?.always ? targetsOf({ a: s.always }) : [])] });
			walk(s);
		}
	};
	walk(wf);
	return out;
}

/** What refers to the target, by label; an empty list means it can be deleted without asking. */
export function dependantsOf(def: Json, target: Target): Dependant[] {
	const out: Dependant[] = [];
	if (target.kind === 'situation') {
		for (const c of conditions(def)) if (!(c.kind === 'situation' && c.owner === target.id) && readsAnswer(c.cond, target.id)) out.push(c);
		for (const m of def.members ?? [])
			if (Object.values<string>(m?.answers ?? {}).includes(target.id)) out.push({ label: `成员事项「${m.name ?? m.item}」的情形对应`, kind: 'member' });
	}
	if (target.kind === 'field') {
		for (const c of conditions(def)) if (!(c.kind === 'field' && c.owner === target.name) && readsField(c.cond, target.name)) out.push(c);
		for (const m of def.fieldMappings ?? []) if (m?.field === target.name) out.push({ label: `字段映射「${m.target ?? m.field}」`, kind: 'mapping' });
	}
	if (target.kind === 'material') {
		// the workflow's guards and actions may name a material in their parameters
		for (const s of transitions(def.workflow))
			if (JSON.stringify(def.workflow?.states?.[s.key] ?? {}).includes(`"${target.id}"`)) out.push({ label: `流程环节「${s.label}」`, kind: 'state' });
		for (const m of def.materialMappings ?? []) if (m?.material === target.id) out.push({ label: `材料映射「${m.material}」`, kind: 'mapping' });
	}
	if (target.kind === 'state') {
		const all = transitions(def.workflow);
		if (def.workflow?.initial === target.key) out.push({ label: '办理流程的起始环节', kind: 'state' });
		for (const s of all)
			if (s.key !== target.key && s.targets.some((t) => t === target.key || t.endsWith(`.${target.key}`) || t === `#${target.key}`))
				out.push({ label: `流程环节「${s.label}」的操作`, kind: 'state' });
	}
	// one line per dependant, in order
	return out.map(({ label, kind }) => ({ label, kind })).filter((d, i, all) => all.findIndex((x) => x.label === d.label) === i);
}

/** The element itself, by label: 办事情形「办理方式」. */
export function targetLabel(def: Json, target: Target): string {
	if (target.kind === 'situation') return `办事情形「${(def.situations ?? []).find((s: Json) => s.id === target.id)?.question ?? target.id}」`;
	if (target.kind === 'field') return fieldLabel(def, target.name);
	if (target.kind === 'material') return `材料「${(def.materials ?? []).find((m: Json) => m.id === target.id)?.name ?? target.id}」`;
	return `流程环节「${transitions(def.workflow).find((s) => s.key === target.key)?.label ?? target.key}」`;
}

/** The question the confirm dialog asks, or undefined when nothing depends on the target. */
export function deleteQuestion(def: Json, target: Target): { title: string; dependants: string[] } | undefined {
	const deps = dependantsOf(def, target);
	if (!deps.length) return undefined;
	return { title: `确定删除${targetLabel(def, target)}吗？以下 ${deps.length} 处引用了它，删除后这些引用将失效：`, dependants: deps.map((d) => d.label) };
}
