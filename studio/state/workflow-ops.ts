// Edits of a workflow machine config, addressed by dotted state paths; each returns a new config.
import type { StateMeta, StateNodeDef, TransitionDef, Workflow } from '$core/model';
import { asArray } from '$core/workflow/graph';
type Json = Record<string, any>;

function at(wf: Workflow, path: string): { container: Record<string, StateNodeDef>; key: string } {
	const parts = path.split('.');
	let container = wf.states as Record<string, StateNodeDef>;
	for (const p of parts.slice(0, -1)) container = container[p].states!;
	return { container, key: parts.at(-1)! };
}
// JSON copy: the editor hands in reactive proxies, which structuredClone refuses
const clone = (wf: Workflow): Workflow => JSON.parse(JSON.stringify(wf));

export function updateState(wf: Workflow, path: string, patch: Partial<StateMeta>): Workflow {
	const next = clone(wf);
	const { container, key } = at(next, path);
	const meta: Json = { ...container[key].meta, ...patch };
	for (const k of Object.keys(meta)) if (meta[k] === undefined || meta[k] === '') delete meta[k];
	container[key].meta = meta as StateMeta;
	return next;
}

export function addState(wf: Workflow, parent: string | undefined, key: string, meta: StateMeta, final = false): Workflow {
	const next = clone(wf);
	const container = parent ? at(next, parent).container[at(next, parent).key].states! : next.states;
	if (key in container) throw new Error(`状态「${key}」已存在`);
	container[key] = final ? { type: 'final', meta } : { meta, on: {} };
	return next;
}

/** Removes a state and every transition of its level that leads to it. */
export function removeState(wf: Workflow, path: string): Workflow {
	const next = clone(wf);
	const { container, key } = at(next, path);
	delete container[key];
	for (const node of Object.values(container)) {
		for (const [event, ts] of Object.entries(node.on ?? {})) {
			const kept = asArray(ts as TransitionDef | TransitionDef[]).filter((t) => (typeof t === 'string' ? t : t.target) !== key);
			if (!kept.length) delete (node.on as Json)[event];
			else (node.on as Json)[event] = Array.isArray(ts) ? kept : kept[0];
		}
	}
	return next;
}

export function addTransition(wf: Workflow, path: string, event: string, t: TransitionDef): Workflow {
	const next = clone(wf);
	const { container, key } = at(next, path);
	const node = container[key];
	const on: Json = (node.on ??= {});
	on[event] = on[event] === undefined ? t : [...asArray(on[event]), t];
	return next;
}

export function removeTransition(wf: Workflow, path: string, event: string, index: number): Workflow {
	const next = clone(wf);
	const { container, key } = at(next, path);
	const on: Json = container[key].on ?? {};
	const list = asArray(on[event]).filter((_, i) => i !== index);
	if (!list.length) delete on[event];
	else on[event] = list.length === 1 ? list[0] : list;
	return next;
}

export function updateTransition(wf: Workflow, path: string, event: string, index: number, t: TransitionDef): Workflow {
	const next = clone(wf);
	const { container, key } = at(next, path);
	const on: Json = container[key].on ?? {};
	if (Array.isArray(on[event])) on[event][index] = t;
	else on[event] = t;
	return next;
}
