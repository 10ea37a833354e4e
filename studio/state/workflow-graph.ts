// The workflow designer's graph view of an xstate machine config, and back — nothing is lost either way.
import type { StateNodeDef, TransitionDef, Workflow } from '$core/model';
import { asArray, transitionTarget, walkStates } from '$core/workflow/graph';
type Json = Record<string, any>;

export interface GraphNode {
	id: string;
	key: string;
	parent?: string;
	kind: 'atomic' | 'final' | 'parallel' | 'compound';
	label: string;
	/** the state without its children and transitions (meta, type, initial, entry, …) */
	raw: Json;
}
export interface GraphEdge {
	id: string;
	source: string;
	target?: string;
	event: string;
	/** the transition exactly as written */
	t: TransitionDef;
	/** written as an array of transitions for this event */
	multi: boolean;
}
export interface Graph {
	root: Json;
	nodes: GraphNode[];
	edges: GraphEdge[];
}

const sibling = (parent: string | undefined, key: string) => (parent ? `${parent}.${key}` : key);

export function toGraph(wf: Workflow): Graph {
	const { states: _s, ...root } = wf as Json;
	const nodes: GraphNode[] = [];
	const edges: GraphEdge[] = [];
	for (const e of walkStates(wf)) {
		const { states: _c, on, onDone, ...raw } = e.node as Json;
		const kind = e.node.type === 'final' ? 'final' : e.node.type === 'parallel' ? 'parallel' : e.node.states ? 'compound' : 'atomic';
		nodes.push({ id: e.path, key: e.key, parent: e.parent, kind, label: e.node.meta?.label ?? e.key, raw });
		for (const [event, ts] of Object.entries((on ?? {}) as Record<string, TransitionDef | TransitionDef[]>))
			asArray(ts).forEach((t, i) => {
				const target = transitionTarget(t);
				edges.push({
					id: `${e.path}:${event}:${i}`,
					source: e.path,
					target: target === undefined ? undefined : sibling(e.parent, target),
					event,
					t,
					multi: Array.isArray(ts)
				});
			});
		asArray(onDone as TransitionDef | TransitionDef[] | undefined).forEach((t, i) => {
			const target = transitionTarget(t);
			edges.push({
				id: `${e.path}:onDone:${i}`,
				source: e.path,
				target: target === undefined ? undefined : sibling(e.parent, target),
				event: 'onDone',
				t,
				multi: Array.isArray(onDone)
			});
		});
	}
	return { root, nodes, edges };
}

export function toMachine(g: Graph): Workflow {
	const build = (parent?: string): Record<string, StateNodeDef> => {
		const out: Record<string, StateNodeDef> = {};
		for (const n of g.nodes.filter((x) => x.parent === parent)) {
			const node: Json = { ...n.raw };
			const mine = g.edges.filter((e) => e.source === n.id);
			const on: Json = {};
			for (const e of mine.filter((x) => x.event !== 'onDone')) on[e.event] = e.multi ? [...(on[e.event] ?? []), e.t] : e.t;
			if (Object.keys(on).length) node.on = on;
			const done = mine.filter((x) => x.event === 'onDone');
			if (done.length) node.onDone = done[0].multi ? done.map((d) => d.t) : done[0].t;
			if (n.kind === 'compound' || n.kind === 'parallel') node.states = build(n.id);
			out[n.key] = node as StateNodeDef;
		}
		return out;
	};
	return { ...(g.root as Workflow), states: build() };
}
