// Edits of a workflow machine config, addressed by dotted state paths; each returns a new config.
import type { NamedRef, StateMeta, StateNodeDef, TransitionDef, Workflow } from '$core/model';
import { asArray, lineage, nodeAt, walkStates } from '$core/workflow/graph';
type Json = Record<string, any>;

function at(wf: Workflow, path: string): { container: Record<string, StateNodeDef>; key: string } {
	const parts = path.split('.');
	let container = wf.states as Record<string, StateNodeDef>;
	for (const p of parts.slice(0, -1)) container = container[p].states!;
	return { container, key: parts.at(-1)! };
}
// JSON copy: the editor hands in reactive proxies, which structuredClone refuses
const clone = (wf: Workflow): Workflow => JSON.parse(JSON.stringify(wf));

/** The parallel branch a state lies in: the region (child of the nearest parallel ancestor) it belongs to, or is. */
export function branchAt(wf: Workflow, path: string): { key: string; path: string } | undefined {
	const parts = path.split('.');
	for (let i = parts.length - 1; i > 0; i--)
		if (nodeAt(wf, parts.slice(0, i).join('.'))?.type === 'parallel') return { key: parts[i], path: parts.slice(0, i + 1).join('.') };
	return undefined;
}

/** The department a state inside a branch acts for: the nearest container's up to the region, the region's included. */
export function branchDepartment(wf: Workflow, path: string): string | undefined {
	const b = branchAt(wf, path);
	if (!b || b.path === path) return undefined;
	return lineage(wf, path).find((x) => x.path !== path && x.path.length >= b.path.length && x.node.meta?.department)?.node.meta?.department;
}

/** The guard an administrator edits: for a branch transition, the one its onBranch guard wraps. */
export function ownGuard(t: TransitionDef): NamedRef | undefined {
	if (typeof t === 'string' || !t.guard) return undefined;
	if (typeof t.guard !== 'string' && t.guard.type === 'onBranch') return (t.guard.params as { guard?: NamedRef } | undefined)?.guard;
	return t.guard;
}

/** The transition answering only to `branch`'s events: its guard becomes onBranch, wrapping the guard it had. */
export function withBranchGuard(t: TransitionDef, branch: string): TransitionDef {
	const obj = typeof t === 'string' ? { target: t } : { ...t };
	const inner = ownGuard(obj);
	const ref = typeof inner === 'string' ? { type: inner } : inner;
	return { ...obj, guard: { type: 'onBranch', params: ref ? { branch, guard: ref } : { branch } } };
}

const isStep = (n: StateNodeDef) => n.type !== 'final' && n.type !== 'parallel' && !n.states;

/** A state (and everything under it) inside a branch: each event gets the branch guard, each step the branch's department unless it has one. */
function settle(wf: Workflow, path: string) {
	for (const p of [path, ...walkStates({ states: nodeAt(wf, path)?.states ?? {} }).map((e) => `${path}.${e.path}`)]) {
		const b = branchAt(wf, p);
		const node = nodeAt(wf, p)!;
		if (!b) continue;
		// transitions already answering to this branch stay exactly as written
		const mine = (t: TransitionDef) => typeof t !== 'string' && typeof t.guard === 'object' && t.guard.type === 'onBranch' && t.guard.params?.branch === b.key;
		const own = (t: TransitionDef) => (mine(t) ? t : withBranchGuard(t, b.key));
		for (const [event, ts] of Object.entries(node.on ?? {})) (node.on as Json)[event] = Array.isArray(ts) ? ts.map(own) : own(ts as TransitionDef);
		const department = branchDepartment(wf, p);
		if (isStep(node) && department && node.meta && !node.meta.department) node.meta = { ...node.meta, department };
	}
}

/** Every branch of the workflow settled: what the check refuses in imported or hand-written configs, fixed in one go. */
export function settleBranches(wf: Workflow): Workflow {
	const next = clone(wf);
	for (const e of walkStates(next)) if (e.node.type === 'parallel') for (const r of Object.keys(e.node.states ?? {})) settle(next, `${e.path}.${r}`);
	return next;
}

/** Sets a state's meta; a branch's department passes to the steps that acted for its previous one (or for none). */
export function updateState(wf: Workflow, path: string, patch: Partial<StateMeta>): Workflow {
	const next = clone(wf);
	const { container, key } = at(next, path);
	const before = container[key].meta?.department;
	const meta: Json = { ...container[key].meta, ...patch };
	for (const k of Object.keys(meta)) if (meta[k] === undefined || meta[k] === '') delete meta[k];
	container[key].meta = meta as StateMeta;
	if ('department' in patch && branchAt(next, path)?.path === path && meta.department !== before)
		for (const e of walkStates({ states: container[key].states ?? {} })) {
			const n = e.node;
			if (!isStep(n) || (n.meta?.department && n.meta.department !== before)) continue;
			const m: Json = { ...n.meta, department: meta.department };
			if (!m.department) delete m.department;
			n.meta = m as StateMeta;
		}
	return next;
}

export function addState(wf: Workflow, parent: string | undefined, key: string, meta: StateMeta, final = false): Workflow {
	return addNode(wf, parent, key, final ? { type: 'final', meta } : { meta, on: {} });
}

/** Adds any state node (a parallel review, a department's region…) under `parent`, or at the top level; inside a branch it is settled. */
export function addNode(wf: Workflow, parent: string | undefined, key: string, node: Json): Workflow {
	const next = clone(wf);
	const container = parent ? at(next, parent).container[at(next, parent).key].states! : next.states;
	if (key in container) throw new Error(`状态「${key}」已存在`);
	container[key] = JSON.parse(JSON.stringify(node)) as StateNodeDef;
	settle(next, parent ? `${parent}.${key}` : key);
	return next;
}

/** Transitions of a state under an event; `onDone` (a compound or parallel state finished) is one more slot. */
export const ON_DONE = 'onDone';
function slotOf(node: StateNodeDef, event: string): unknown {
	return event === ON_DONE ? (node as Json).onDone : (node.on as Json | undefined)?.[event];
}
function setSlot(node: StateNodeDef, event: string, list: TransitionDef[], wasArray: boolean) {
	const value = !list.length ? undefined : list.length === 1 && !wasArray ? list[0] : list;
	const holder: Json = event === ON_DONE ? node : ((node as Json).on ??= {});
	const key = event === ON_DONE ? 'onDone' : event;
	if (value === undefined) delete holder[key];
	else holder[key] = value;
}
const targetOf = (t: TransitionDef) => (typeof t === 'string' ? t : t.target);

/** Removes a state and every transition of its level (events and onDone) that leads to it. */
export function removeState(wf: Workflow, path: string): Workflow {
	const next = clone(wf);
	const { container, key } = at(next, path);
	delete container[key];
	for (const node of Object.values(container))
		for (const event of [...Object.keys(node.on ?? {}), ...((node as Json).onDone ? [ON_DONE] : [])]) {
			const ts = slotOf(node, event);
			setSlot(
				node,
				event,
				asArray(ts as TransitionDef | TransitionDef[]).filter((t) => targetOf(t) !== key),
				Array.isArray(ts)
			);
		}
	return next;
}

/** A transition as the designer writes it: an event inside a branch answers only to that branch (onDone is internal, left alone). */
function scoped(wf: Workflow, path: string, event: string, t: TransitionDef): TransitionDef {
	const b = event === ON_DONE ? undefined : branchAt(wf, path);
	return b ? withBranchGuard(t, b.key) : t;
}

export function addTransition(wf: Workflow, path: string, event: string, t: TransitionDef): Workflow {
	const next = clone(wf);
	const { container, key } = at(next, path);
	const current = asArray(slotOf(container[key], event) as TransitionDef | TransitionDef[] | undefined);
	setSlot(container[key], event, [...current, scoped(next, path, event, t)], current.length > 0);
	return next;
}

export function removeTransition(wf: Workflow, path: string, event: string, index: number): Workflow {
	const next = clone(wf);
	const { container, key } = at(next, path);
	const list = asArray(slotOf(container[key], event) as TransitionDef | TransitionDef[]).filter((_, i) => i !== index);
	setSlot(container[key], event, list, false);
	return next;
}

export function updateTransition(wf: Workflow, path: string, event: string, index: number, t: TransitionDef): Workflow {
	const next = clone(wf);
	const { container, key } = at(next, path);
	const current = slotOf(container[key], event);
	const list = asArray(current as TransitionDef | TransitionDef[]).map((x, i) => (i === index ? scoped(next, path, event, t) : x));
	setSlot(container[key], event, list, Array.isArray(current));
	return next;
}
