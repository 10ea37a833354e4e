// A workflow's decision words follow its item's type: states still worded for another type (审批决定, 不予许可…) are renamed.
import type { StateNodeDef, Workflow } from '$core/model';
import type { WorkflowWording } from '$core/model/dictionaries';
import { DEFAULT_WORDING, type Wording } from '$core/workflow/vocabulary';

/** The workflow with every standard decision word replaced by `to`'s; labels an administrator wrote stay. */
export function reword(wf: Workflow, vocabulary: readonly WorkflowWording[] | undefined, to: Wording): Workflow {
	const all = [DEFAULT_WORDING, ...(vocabulary ?? [])];
	const denies = new Set(all.map((w) => w.deny));
	const approves = new Set(all.map((w) => w.approve));
	const decisions = new Set(all.map((w) => w.decision));
	const walk = (states: Record<string, StateNodeDef>): Record<string, StateNodeDef> =>
		Object.fromEntries(
			Object.entries(states).map(([k, n]) => {
				const label = n.meta?.label;
				let next = label;
				if (n.type === 'final' && n.meta?.outcome === 'denied' && label && denies.has(label)) next = to.deny;
				else if (n.type === 'final' && n.meta?.outcome === 'approved' && label && approves.has(label)) next = to.approve;
				else if (n.type !== 'final' && label && decisions.has(label)) next = to.decision;
				const node: StateNodeDef = next === label ? n : { ...n, meta: { ...n.meta!, label: next! } };
				return [k, node.states ? { ...node, states: walk(node.states) } : node];
			})
		);
	return { ...wf, states: walk(wf.states) };
}

/** Whether any standard decision word in the workflow is another type's. */
export const needsReword = (wf: Workflow, vocabulary: readonly WorkflowWording[] | undefined, to: Wording) =>
	JSON.stringify(reword(wf, vocabulary, to)) !== JSON.stringify(wf);
