import { setup, type AnyStateMachine } from 'xstate';
import type { StateNodeDef, TransitionDef, Workflow } from '../model/workflow';
import type { CaseContext } from '../cases/state';
import { asArray } from './graph';
import { machineImplementations } from './library';

const cache = new Map<string, AnyStateMachine>();
/** frozen workflows (the server's composed services) by identity: no JSON key to build per call */
const frozen = new WeakMap<Workflow, AnyStateMachine>();

/** Freezes a workflow deeply, so buildMachine may cache its machine by identity. */
export function freezeWorkflow<T extends Workflow>(workflow: T): T {
	const walk = (v: unknown) => {
		if (v && typeof v === 'object' && !Object.isFrozen(v)) {
			Object.freeze(v);
			for (const x of Object.values(v)) walk(x);
		}
	};
	walk(workflow);
	return workflow;
}

/** The final state the platform's TERMINATE leads to from anywhere. */
export const TERMINATED_STATE = 'terminated';

/** Every transition also runs `applyEvent`: the event's own context change, as an assign inside the pure transition. */
function withApply(t: TransitionDef): TransitionDef {
	const obj = typeof t === 'string' ? { target: t } : t;
	return { ...obj, actions: [...asArray(obj.actions), 'applyEvent'] };
}

function platformStates(states: Record<string, StateNodeDef>): Record<string, StateNodeDef> {
	return Object.fromEntries(
		Object.entries(states).map(([k, s]) => [
			k,
			{
				...s,
				...(s.on ? { on: Object.fromEntries(Object.entries(s.on).map(([ev, ts]) => [ev, asArray(ts).map(withApply)])) } : {}),
				...(s.states ? { states: platformStates(s.states) } : {})
			}
		])
	);
}

/** The definition plus what the platform adds to every case machine: event assigns and TERMINATE to a final state. */
export function platformWorkflow(workflow: Workflow): Workflow {
	const on = Object.fromEntries(Object.entries(workflow.on ?? {}).map(([ev, ts]) => [ev, asArray(ts).map(withApply)]));
	return {
		...workflow,
		on: { ...on, TERMINATE: { target: `.${TERMINATED_STATE}`, actions: ['applyEvent'] } } as Workflow['on'],
		states: {
			...platformStates(workflow.states),
			[TERMINATED_STATE]: { type: 'final', meta: { label: '已终止', outcome: 'terminated' as 'closed' } }
		}
	};
}

/** Builds (and caches) a real xstate machine from a JSON workflow; context comes from `input`. */
export function buildMachine(workflow: Workflow): AnyStateMachine {
	const known = frozen.get(workflow);
	if (known) return known;
	const key = JSON.stringify(workflow);
	let machine = cache.get(key);
	if (!machine) {
		const impl = machineImplementations();
		machine = setup({
			types: {} as { context: CaseContext; input: CaseContext },
			guards: impl.guards as any,
			actions: impl.actions as any
		}).createMachine({ ...(platformWorkflow(workflow) as any), context: ({ input }: { input: CaseContext }) => input });
		if (cache.size > 500) cache.delete(cache.keys().next().value!);
		cache.set(key, machine);
	}
	if (Object.isFrozen(workflow)) frozen.set(workflow, machine);
	return machine;
}
