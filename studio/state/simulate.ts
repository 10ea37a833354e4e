// Plays a case through a workflow step by step, with the real engine, counting working days as the budgets say.
// Parallel branches run side by side: a step starts when the states it leaves have used their budgets, so elapsed time is the critical path.
import { applyEvent, offers, startSnapshot, type Offer } from '$core/cases/engine';
import type { MachineState } from '$core/cases/state';
import type { Workflow } from '$core/model';
import { activeLeaves, nodeAt } from '$core/workflow/graph';

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
