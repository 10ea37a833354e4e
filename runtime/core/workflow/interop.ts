// A workflow as xstate loads it outside our runtime: the machine config (JSON) the runtime itself builds, and the guard
// and action implementations from our library to go with it:
//   createMachine(exported.machine).provide({ guards, actions })  or  setup({ guards, actions }).createMachine(exported.machine)
import type { Bundle, Item, Workflow } from '../model';
import { EVENT_TYPES } from '../model/workflow';
import { EVENT_LABELS } from '../cases/events/labels';
import { emptyContext } from '../cases/decide';
import { bundleWorkflow, itemWorkflow } from '../compose/workflow';
import { ACTIONS, GUARDS, machineImplementations } from './library';
import { platformWorkflow } from './machine';

/** The guards and actions a case machine names, as xstate implementations (effects are no-ops outside the runtime). */
export const { guards, actions } = machineImplementations();

export interface WorkflowExport {
	$comment: string;
	/** an xstate v5 machine config: what the runtime runs, with an empty case as its context */
	machine: Workflow & { context: Record<string, unknown> };
	/** the events people send, with their labels */
	events: { type: string; label: string }[];
	/** the names the machine uses, with what they mean (implementations: `guards` / `actions` of this module) */
	guards: Record<string, string>;
	actions: Record<string, { label: string; kind: 'assign' | 'effect' }>;
}

const USAGE =
	"xstate v5: createMachine(machine).provide({ guards, actions }) with guards/actions from runtime/core/workflow/interop.ts. Every transition also runs 'applyEvent' (the event's change to the case context); TERMINATE ends a case from anywhere.";

/** The workflow of an item, or of a bundle with every member included, as the runtime composes it. */
export function exportWorkflow(source: { kind: 'item'; item: Item } | { kind: 'bundle'; bundle: Bundle; items: Item[] }): WorkflowExport {
	const composed = source.kind === 'item' ? itemWorkflow(source.item) : bundleWorkflow(source.bundle, source.items);
	const machine = { ...platformWorkflow(composed), context: emptyContext() as Record<string, unknown> };
	return {
		$comment: USAGE,
		machine: JSON.parse(JSON.stringify(machine)),
		events: [...EVENT_TYPES, 'TERMINATE'].map((type) => ({ type, label: EVENT_LABELS[type as keyof typeof EVENT_LABELS] ?? type })),
		guards: Object.fromEntries(Object.entries(GUARDS).map(([k, g]) => [k, g.label])),
		actions: {
			...Object.fromEntries(Object.entries(ACTIONS).map(([k, a]) => [k, { label: a.label, kind: a.kind }])),
			applyEvent: { label: '记录事件对办件的改变', kind: 'assign' as const }
		}
	};
}
