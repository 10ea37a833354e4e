// Automatic layout of the workflow graph (dagre, top to bottom); parallel regions are clusters around their states.
import dagre from '@dagrejs/dagre';
import type { Graph } from './workflow-graph';

export interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}
export const NODE = { width: 170, height: 56 };

/** Absolute boxes by node id; containers get the box around their children. */
export function layout(g: Graph): Map<string, Box> {
	const d = new dagre.graphlib.Graph({ compound: true, multigraph: true });
	d.setGraph({ rankdir: 'TB', nodesep: 30, ranksep: 50, marginx: 20, marginy: 20 });
	d.setDefaultEdgeLabel(() => ({}));
	const containers = new Set(g.nodes.filter((n) => n.kind === 'parallel' || n.kind === 'compound').map((n) => n.id));
	for (const n of g.nodes) d.setNode(n.id, containers.has(n.id) ? { paddingTop: 30 } : { ...NODE });
	for (const n of g.nodes) if (n.parent) d.setParent(n.id, n.parent);
	for (const e of g.edges) if (e.target && !containers.has(e.source) && !containers.has(e.target)) d.setEdge(e.source, e.target, {}, e.id);
	// containers are laid out through their first and last children
	for (const e of g.edges) {
		if (!e.target || (!containers.has(e.source) && !containers.has(e.target))) continue;
		const inner = (id: string, first: boolean) => {
			if (!containers.has(id)) return id;
			const kids = g.nodes.filter((n) => n.parent === id);
			return inner((first ? kids[0] : kids.at(-1))?.id ?? id, first);
		};
		d.setEdge(inner(e.source, false), inner(e.target, true), {}, e.id);
	}
	dagre.layout(d);
	const out = new Map<string, Box>();
	for (const id of d.nodes()) {
		const n = d.node(id);
		if (n) out.set(id, { x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height });
	}
	return out;
}
