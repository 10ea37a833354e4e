// Plays a case through a workflow step by step, with the real engine, counting working days as the budgets say.
// Parallel branches run side by side: a step starts when the states it leaves have used their budgets, so elapsed time is the critical path.
import { applyEvent, offers, startSnapshot, type Offer } from '$core/cases/engine';
import type { MachineState } from '$core/cases/state';
import type { StateNodeDef, Workflow } from '$core/model';
import { activeLeaves, nodeAt, outgoing, transitionTarget } from '$core/workflow/graph';
import { enumeratePaths, stateDays } from '$core/workflow/paths';

export interface SimStep {
	role: string;
	event: string;
	variant?: string;
	left: string[];
	entered: string[];
	days: number;
}
export interface Simulation {
	snapshot: MachineState;
	steps: SimStep[];
	/** working days elapsed */
	days: number;
	done: boolean;
	/** working day at which each active leaf state was entered */
	enteredAt: Record<string, number>;
}

export function startSimulation(wf: Workflow): Simulation {
	const snapshot = startSnapshot(wf, {});
	return { snapshot, steps: [], days: 0, done: false, enteredAt: Object.fromEntries(activeLeaves(snapshot.value).map((l) => [l, 0])) };
}

export const simOffers = (wf: Workflow, sim: Simulation): Offer[] => (sim.done ? [] : offers(wf, sim.snapshot.value).filter((o) => o.statePath));

/** Sends one event as the offered role; `fail` sends the unfavourable variant (failed inspection, failed expert review). */
export function simStep(wf: Workflow, sim: Simulation, offer: Offer, checklistIds: string[], fail = false): Simulation {
	const payload: Record<string, unknown> =
		offer.type === 'INSPECT'
			? { checklist: (checklistIds.length ? checklistIds : ['all']).map((id) => ({ id, passed: !fail, required: true })) }
			: offer.type === 'EXPERT_REVIEW'
				? { conclusion: fail ? 'fail' : 'pass', opinion: '模拟' }
				: offer.type === 'ISSUE'
					? { delivery: 'online' }
					: {};
	const before = activeLeaves(sim.snapshot.value);
	const { snapshot } = applyEvent(wf, sim.snapshot, { type: offer.type, branch: offer.branch, branches: offer.branch ? [offer.branch] : [], ...payload });
	const after = activeLeaves(snapshot.value);
	const left = before.filter((l) => !after.includes(l));
	const budget = (l: string) => (nodeAt(wf, l)?.meta?.pausesClock ? 0 : (nodeAt(wf, l)?.meta?.budgetDays ?? 0));
	const at = Math.max(0, ...left.map((l) => (sim.enteredAt[l] ?? 0) + budget(l)));
	const enteredAt = Object.fromEntries(after.map((l) => [l, before.includes(l) ? (sim.enteredAt[l] ?? 0) : at]));
	const days = Math.max(sim.days, at);
	const label = (p: string) => nodeAt(wf, p)?.meta?.label ?? p;
	return {
		snapshot,
		steps: [
			...sim.steps,
			{
				role: offer.role,
				event: offer.type,
				variant: fail ? '不合格' : undefined,
				left: left.map(label),
				entered: after.filter((l) => !before.includes(l)).map(label),
				days: days - sim.days
			}
		],
		days,
		done: snapshot.status === 'done',
		enteredAt
	};
}

/** A loop a case can go round: 补正 (the applicant corrects, the step is done again) or 退回 (a step sends it back). */
export interface SimLoop {
	/** state labels from the state it leaves to the same state again */
	states: string[];
	/** the state the loop starts and ends at, as a path */
	entry: string;
	/** working days one round adds (paused steps do not count; the re-done step does) */
	days: number;
	correction: boolean;
	/** the parallel branch it lies in, if any */
	within?: string;
}
export interface SimPath {
	states: string[];
	days: number;
	outcome: string;
	/** the loop this path goes round once */
	loop?: SimLoop;
}
export interface PathReport {
	paths: SimPath[];
	loops: SimLoop[];
	longest: number;
	/** over: the longest path breaks the promise; under: it needs less than half of it (the promise can be cut) */
	verdict: 'over' | 'under' | 'ok';
	message: string;
}

/** Every cycle through the states of one level, found once each (depth first from the initial state). */
function loopsIn(states: Record<string, StateNodeDef>, initial: string, prefix: string, within?: string): SimLoop[] {
	const out: SimLoop[] = [];
	const seen = new Set<string>();
	const stack: string[] = [];
	const done = new Set<string>();
	const visit = (key: string) => {
		const node = states[key];
		if (!node || done.has(key)) return;
		stack.push(key);
		for (const { t } of outgoing(node)) {
			const target = transitionTarget(t);
			if (!target || !states[target]) continue;
			const at = stack.indexOf(target);
			if (at >= 0) {
				const keys = stack.slice(at);
				const id = keys.join('>');
				if (seen.has(id)) continue;
				seen.add(id);
				out.push({
					states: [...keys, target].map((k) => states[k].meta?.label ?? k),
					entry: prefix + target,
					days: keys.reduce((sum, k) => sum + stateDays(states[k]), 0),
					correction: keys.some((k) => states[k].meta?.pauseKind === 'correction'),
					within
				});
			} else visit(target);
		}
		stack.pop();
		done.add(key);
	};
	visit(initial);
	// loops inside compound states and parallel branches
	for (const [key, node] of Object.entries(states)) {
		if (node.type === 'parallel')
			for (const [r, region] of Object.entries(node.states ?? {}))
				if (region.initial) out.push(...loopsIn(region.states ?? {}, region.initial, `${prefix}${key}.${r}.`, region.meta?.label ?? r));
		if (node.type !== 'parallel' && node.states && node.initial) out.push(...loopsIn(node.states, node.initial, `${prefix}${key}.`, node.meta?.label ?? key));
	}
	return out;
}

/**
 * Every way through the workflow: each simple path, and each path again going once round every loop it meets
 * (补正, 退回); the longest is set against the promised limit.
 */
export function pathReport(wf: Workflow, promisedDays: number, limit = 200): PathReport {
	const simple = enumeratePaths(wf);
	const loops = loopsIn(wf.states, wf.initial, '');
	const paths: SimPath[] = simple.map((p) => ({ states: p.states, days: p.days, outcome: p.outcome }));
	for (const p of simple)
		for (const loop of loops) {
			const i = p.keys.indexOf(loop.entry);
			if (i < 0) continue;
			paths.push({ states: [...p.states.slice(0, i), ...loop.states, ...p.states.slice(i + 1)], days: p.days + loop.days, outcome: p.outcome, loop });
		}
	paths.sort((a, b) => b.days - a.days || Number(!!a.loop) - Number(!!b.loop));
	const longest = paths[0]?.days ?? 0;
	const verdict = longest > promisedDays ? 'over' : longest * 2 < promisedDays ? 'under' : 'ok';
	const message =
		verdict === 'over'
			? `最长路径需 ${longest} 个工作日，超过承诺时限 ${promisedDays} 个工作日：请缩短环节时限，或核实承诺时限`
			: verdict === 'under'
				? `最长路径只需 ${longest} 个工作日，不到承诺时限 ${promisedDays} 个工作日的一半：承诺时限可以缩短（例如缩短到 ${Math.max(1, Math.ceil(longest))} 个工作日）`
				: `最长路径 ${longest} 个工作日，不超过承诺时限 ${promisedDays} 个工作日`;
	return { paths: paths.slice(0, limit), loops, longest, verdict, message };
}
