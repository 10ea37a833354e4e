// Every path through a workflow from start to an end, with its working days; the longest is what the promise must cover.
import type { StateNodeDef, Workflow } from '../model';
import { outgoing, transitionTarget } from './graph';

export interface PathResult {
	states: string[];
	days: number;
	outcome: string;
}

const ownDays = (n: StateNodeDef) => (n.meta?.pausesClock ? 0 : (n.meta?.budgetDays ?? 0));

/** The longest working-day cost of passing through a state (a parallel state waits for its slowest region). */
function costOf(node: StateNodeDef): number {
	if (node.type === 'parallel') return Math.max(0, ...Object.values(node.states ?? {}).map((r) => longestIn(r.states ?? {}, r.initial)));
	if (node.states) return longestIn(node.states, node.initial);
	return ownDays(node);
}

function longestIn(states: Record<string, StateNodeDef>, initial?: string): number {
	return initial ? Math.max(0, ...paths(states, initial, new Set(), 500, { left: STEP_BUDGET }).map((p) => p.days)) : 0;
}

/** States visited per enumeration at most: bounds the time of checking any workflow (paths are exponential in branching). */
const STEP_BUDGET = 20_000;

function paths(states: Record<string, StateNodeDef>, key: string, seen: Set<string>, limit: number, budget: { left: number }): PathResult[] {
	const node = states[key];
	if (!node || seen.has(key) || --budget.left < 0) return [];
	const label = node.meta?.label ?? key;
	if (node.type === 'final') return [{ states: [label], days: 0, outcome: node.meta?.outcome ?? key }];
	const here = costOf(node);
	const out: PathResult[] = [];
	const next = new Set([...seen, key]);
	for (const { t } of outgoing(node)) {
		const target = transitionTarget(t);
		if (!target) continue;
		for (const p of paths(states, target, next, limit, budget)) {
			out.push({ states: [label, ...p.states], days: here + p.days, outcome: p.outcome });
			if (out.length >= limit) return out;
		}
	}
	return out;
}

/** All simple paths (no state visited twice) from the initial state to a final one, longest first. */
export function enumeratePaths(wf: Workflow, limit = 500): PathResult[] {
	return paths(wf.states, wf.initial, new Set(), limit, { left: STEP_BUDGET }).sort((a, b) => b.days - a.days);
}

export function longestPath(wf: Workflow): PathResult | undefined {
	return enumeratePaths(wf)[0];
}
