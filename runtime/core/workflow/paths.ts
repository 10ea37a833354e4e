// Every path through a workflow from start to an end, with its working days; the longest is what the promise must cover.
import type { StateNodeDef, TransitionDef, Workflow } from '../model';
import { outgoing, transitionTarget } from './graph';

export interface PathResult {
	states: string[];
	/** the state keys, in step with `states` */
	keys: string[];
	days: number;
	outcome: string;
}

/** States visited per enumeration at most: bounds the time of checking any workflow (paths are exponential in branching). */
const STEP_BUDGET = 20_000;

const ownDays = (n: StateNodeDef) => (n.meta?.pausesClock ? 0 : (n.meta?.budgetDays ?? 0));

/** One enumeration: the step budget and each compound state's cost, computed once. */
interface Run {
	left: number;
	costs: Map<StateNodeDef, number>;
}

/** The longest working-day cost of passing through a state (a parallel state waits for its slowest region). */
function costOf(node: StateNodeDef, run: Run): number {
	if (node.type !== 'parallel' && !node.states) return ownDays(node);
	let cost = run.costs.get(node);
	if (cost === undefined) {
		const longestIn = (states: Record<string, StateNodeDef>, initial?: string) =>
			initial ? Math.max(0, ...paths(states, initial, 500, { left: STEP_BUDGET, costs: run.costs }).map((p) => p.days)) : 0;
		cost =
			node.type === 'parallel'
				? Math.max(0, ...Object.values(node.states ?? {}).map((r) => longestIn(r.states ?? {}, r.initial)))
				: longestIn(node.states!, node.initial);
		run.costs.set(node, cost);
	}
	return cost;
}

/** A state on the current path: its label, its cost and the transitions not yet followed. */
interface Frame {
	key: string;
	label: string;
	days: number;
	next: TransitionDef[];
	i: number;
}

/**
 * Simple paths from `start` to a final state, depth first in transition order, iteratively (no recursion however long the
 * workflow): each step is O(1) besides copying a found path, so the time is bounded by the step budget and `limit`.
 */
function paths(states: Record<string, StateNodeDef>, start: string, limit: number, run: Run): PathResult[] {
	const out: PathResult[] = [];
	const onPath = new Set<string>();
	const stack: Frame[] = [];
	/** Enters a state; a final one yields the current path instead. */
	const enter = (key: string) => {
		const node = states[key];
		if (!node || onPath.has(key) || --run.left < 0) return;
		const label = node.meta?.label ?? key;
		if (node.type === 'final') {
			const days = stack.reduceRight((sum, f) => f.days + sum, 0);
			out.push({ states: [...stack.map((f) => f.label), label], keys: [...stack.map((f) => f.key), key], days, outcome: node.meta?.outcome ?? key });
			return;
		}
		onPath.add(key);
		stack.push({ key, label, days: costOf(node, run), next: outgoing(node).map(({ t }) => t), i: 0 });
	};
	enter(start);
	while (stack.length && out.length < limit && run.left >= 0) {
		const top = stack.at(-1)!;
		if (top.i >= top.next.length) {
			onPath.delete(top.key);
			stack.pop();
			continue;
		}
		const target = transitionTarget(top.next[top.i++]);
		if (target) enter(target);
	}
	return out;
}

/** All simple paths (no state visited twice) from the initial state to a final one, longest first. */
export function enumeratePaths(wf: Workflow, limit = 500): PathResult[] {
	return paths(wf.states, wf.initial, limit, { left: STEP_BUDGET, costs: new Map() }).sort((a, b) => b.days - a.days);
}

/** The working days of passing once through a state (a compound one: its longest way through). */
export function stateDays(node: StateNodeDef): number {
	return costOf(node, { left: STEP_BUDGET, costs: new Map() });
}

export function longestPath(wf: Workflow): PathResult | undefined {
	return enumeratePaths(wf)[0];
}
