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
	return addNode(wf, parent, key, final ? { type: 'final', meta } : { meta, on: {} });
}

/** Adds any state node (a parallel review, a department's region…) under `parent`, or at the top level. */
export function addNode(wf: Workflow, parent: string | undefined, key: string, node: Json): Workflow {
	const next = clone(wf);
	const container = parent ? at(next, parent).container[at(next, parent).key].states! : next.states;
	if (key in container) throw new Error(`状态「${key}」已存在`);
	container[key] = node as StateNodeDef;
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
			setSlot(node, event, asArray(ts as TransitionDef | TransitionDef[]).filter((t) => targetOf(t) !== key), Array.isArray(ts));
		}
	return next;
}

export function addTransition(wf: Workflow, path: string, event: string, t: TransitionDef): Workflow {
	const next = clone(wf);
	const { container, key } = at(next, path);
	const current = asArray(slotOf(container[key], event) as TransitionDef | TransitionDef[] | undefined);
	setSlot(container[key], event, [...current, t], current.length > 0);
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
	const list = asArray(current as TransitionDef | TransitionDef[]).map((x, i) => (i === index ? t : x));
	setSlot(container[key], event, list, Array.isArray(current));
	return next;
}
