import type { NamedRef, StateNodeDef, TransitionDef, Workflow } from '../model/workflow';

/** A state of a machine config with its dotted path. */
export interface StateEntry {
	path: string;
	key: string;
	node: StateNodeDef;
	parent?: string;
}

export function walkStates(wf: Pick<Workflow, 'states'>, prefix = '', parent?: string): StateEntry[] {
	const out: StateEntry[] = [];
	for (const [key, node] of Object.entries(wf.states ?? {})) {
		const path = prefix ? `${prefix}.${key}` : key;
		out.push({ path, key, node, parent });
		if (node.states) out.push(...walkStates({ states: node.states }, path, path));
	}
	return out;
}

export function asArray<T>(v: T | T[] | undefined): T[] {
	return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function transitionTarget(t: TransitionDef): string | undefined {
	return typeof t === 'string' ? t : t.target;
}

export function refName(r: NamedRef): string {
	return typeof r === 'string' ? r : r.type;
}

/** Every transition of a state: its own `on` and `onDone`. */
export function outgoing(node: StateNodeDef): { event: string; t: TransitionDef }[] {
	const out: { event: string; t: TransitionDef }[] = [];
	for (const [event, ts] of Object.entries(node.on ?? {})) for (const t of asArray(ts)) out.push({ event, t });
	for (const t of asArray(node.onDone)) out.push({ event: 'done', t });
	return out;
}

export function isFinal(node: StateNodeDef): boolean {
	return node.type === 'final';
}

/** Leaf state paths active in an xstate state value. */
export function activeLeaves(value: unknown, prefix = ''): string[] {
	if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
	if (value && typeof value === 'object')
		return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => activeLeaves(v, prefix ? `${prefix}.${k}` : k));
	return [];
}

export function nodeAt(wf: Pick<Workflow, 'states'>, path: string): StateNodeDef | undefined {
	let states = wf.states;
	let node: StateNodeDef | undefined;
	for (const key of path.split('.')) {
		node = states?.[key];
		if (!node) return undefined;
		states = node.states ?? {};
	}
	return node;
}

/** The node and its ancestors, innermost first. */
export function lineage(wf: Pick<Workflow, 'states'>, path: string): { path: string; node: StateNodeDef }[] {
	const parts = path.split('.');
	const out: { path: string; node: StateNodeDef }[] = [];
	for (let i = parts.length; i > 0; i--) {
		const p = parts.slice(0, i).join('.');
		const n = nodeAt(wf, p);
		if (n) out.push({ path: p, node: n });
	}
	return out;
}

/** The path of a state's region (bundle branch): the state path cut after the branch's key. */
export function regionPath(path: string, branch: string): string {
	const parts = path.split('.');
	return parts.slice(0, parts.indexOf(branch) + 1).join('.');
}
