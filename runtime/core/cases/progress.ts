import type { Workflow } from '../model';
import { activeLeaves, nodeAt, regionPath } from '../workflow/graph';
import { branchOf } from './engine';

export interface Step {
	path: string;
	label: string;
	role?: string;
	department?: string;
	branch?: string;
	final: boolean;
	outcome?: string;
}

/** Where a case stands: its current steps, and for a bundle each department's branch. */
export function progressOf(workflow: Workflow, value: unknown): { steps: Step[]; branches: (Step & { itemName: string })[] } {
	const steps: Step[] = activeLeaves(value).map((path) => {
		const node = nodeAt(workflow, path);
		const branch = branchOf(workflow, path);
		const region = branch ? nodeAt(workflow, regionPath(path, branch)) : undefined;
		return {
			path,
			label: node?.meta?.label ?? path,
			role: node?.meta?.role,
			department: node?.meta?.department ?? region?.meta?.department,
			branch,
			final: node?.type === 'final',
			outcome: node?.meta?.outcome
		};
	});
	const branches = steps.filter((s) => s.branch).map((s) => ({ ...s, itemName: nodeAt(workflow, regionPath(s.path, s.branch!))?.meta?.label ?? s.branch! }));
	return { steps: steps.filter((s) => !s.branch), branches };
}
