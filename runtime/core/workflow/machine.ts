import { setup, type AnyStateMachine } from 'xstate';
import type { Workflow } from '../model/workflow';
import { machineImplementations, type CaseContext } from './library';

const cache = new Map<string, AnyStateMachine>();

/** Builds (and caches) a real xstate machine from a JSON workflow; context comes from `input`. */
export function buildMachine(workflow: Workflow): AnyStateMachine {
	const key = JSON.stringify(workflow);
	let machine = cache.get(key);
	if (!machine) {
		const impl = machineImplementations();
		machine = setup({
			types: {} as { context: CaseContext; input: CaseContext },
			guards: impl.guards as any,
			actions: impl.actions as any
		}).createMachine({ ...(workflow as any), context: ({ input }: { input: CaseContext }) => input });
		if (cache.size > 500) cache.delete(cache.keys().next().value!);
		cache.set(key, machine);
	}
	return machine;
}
