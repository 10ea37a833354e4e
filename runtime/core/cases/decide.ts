// The only way a case moves, live and on replay: pure (workflow, state, event) → { state, effects }. xstate does the deciding.
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { Workflow } from '../model/workflow';
import { buildMachine } from '../workflow/machine';
import { ACTIONS } from '../workflow/library';
import type { CaseContext, MachineState } from './state';
import type { MachineEvent } from './events';

/** Something to carry out after the transition, in the same transaction: issue results, notify, schedule 告知承诺 verification. */
export interface Effect {
	type: string;
	params?: Record<string, unknown>;
}

const plain = (s: AnyMachineSnapshot): MachineState =>
	JSON.parse(JSON.stringify({ value: s.value, status: s.status === 'done' ? 'done' : 'active', context: s.context }));

export function emptyContext(partial: Partial<CaseContext> = {}): CaseContext {
	return { answers: {}, data: {}, materials: {}, commitments: [], pending: [], outcomes: {}, outcomeReasons: {}, corrections: [], ...partial };
}

export function start(workflow: Workflow, context: CaseContext): MachineState {
	const [s] = initialTransition(buildMachine(workflow), context);
	return plain(s);
}

export function restore(workflow: Workflow, state: MachineState): AnyMachineSnapshot {
	return buildMachine(workflow).resolveState({ value: state.value as never, context: state.context });
}

/** Applies one event with xstate's pure `transition`; `moved` is false when no transition was enabled (a guard failed or nothing handles it). */
export function decide(workflow: Workflow, state: MachineState, event: MachineEvent): { state: MachineState; effects: Effect[]; moved: boolean } {
	const machine = buildMachine(workflow);
	const restored = restore(workflow, state);
	if (!restored.can(event as never)) return { state, effects: [], moved: false };
	const [next, actions] = transition(machine, restored, event as never);
	const effects = (actions as { type: string; params?: unknown }[])
		.filter((a) => ACTIONS[a.type]?.kind === 'effect')
		.map((a) => ({ type: a.type, ...(a.params ? { params: a.params as Record<string, unknown> } : {}) }));
	return { state: plain(next), effects, moved: true };
}
