import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { StateMeta, Workflow } from '../model/workflow';
import { buildMachine } from '../workflow/machine';
import { activeLeaves, lineage, nodeAt } from '../workflow/graph';
import type { CaseContext } from '../workflow/library';
import type { Actor, CaseRecord, Task } from '../store';
import { addWorkingDays, computeClock, workingDaysBetween, type Pause, type WorkCalendar } from '../calendar';

export type PlainSnapshot = CaseRecord['snapshot'];

export interface Offer {
	type: string;
	statePath: string;
	/** the bundle branch (member item id) the state belongs to */
	branch?: string;
	role: string;
	department?: string;
	label: string;
}

function plain(s: AnyMachineSnapshot): PlainSnapshot {
	return JSON.parse(JSON.stringify({ value: s.value, context: s.context, status: s.status }));
}

export function startSnapshot(workflow: Workflow, context: CaseContext): PlainSnapshot {
	const [s] = initialTransition(buildMachine(workflow), context);
	return plain(s);
}

/** Platform event, not part of any item's workflow: the case ends where it stands (容缺材料逾期未补交). */
export const TERMINATE = 'TERMINATE';

/** Applies one event with xstate's pure `transition`; returns the next snapshot and the effect names it emitted. */
export function applyEvent(workflow: Workflow, snap: PlainSnapshot, event: { type: string } & Record<string, unknown>) {
	if (event.type === TERMINATE) return { snapshot: { ...snap, status: 'done', context: { ...snap.context, terminated: event.reason } }, effects: [] };
	const machine = buildMachine(workflow);
	const restored = machine.resolveState({ value: snap.value as any, context: snap.context as unknown as CaseContext });
	const [next, actions] = transition(machine, restored, event as any);
	const effects = (actions as { type: string; params?: unknown }[])
		.map((a) => ({ type: a.type, params: a.params }))
		.filter((a) => ['issueResult', 'notifyApplicant', 'scheduleVerification'].includes(a.type));
	return { snapshot: plain(next), effects };
}

/** The branch of a state path: the child of the nearest parallel ancestor. */
export function branchOf(workflow: Workflow, path: string): string | undefined {
	const parts = path.split('.');
	for (let i = parts.length - 1; i > 0; i--) {
		if (nodeAt(workflow, parts.slice(0, i).join('.'))?.type === 'parallel') return parts[i];
	}
	return undefined;
}

/** Events only the applicant sends, whichever state offers them. */
const APPLICANT_EVENTS = new Set(['WITHDRAW', 'RESUBMIT', 'SUPPLY']);

/** Every event the active states offer, with who may send it. */
export function offers(workflow: Workflow, value: unknown): Offer[] {
	const out: Offer[] = [];
	for (const leaf of activeLeaves(value)) {
		const node = nodeAt(workflow, leaf);
		if (!node || node.type === 'final' || !node.meta?.role) continue;
		for (const { node: n, path } of lineage(workflow, leaf))
			for (const type of Object.keys(n.on ?? {})) {
				// an applicant event on a state shared by several branches (withdrawing the whole bundle) is offered once, for the case
				const shared = APPLICANT_EVENTS.has(type) && path !== leaf && !branchOf(workflow, path);
				const statePath = shared ? path : leaf;
				if (!out.some((o) => o.type === type && o.statePath === statePath))
					out.push({ type, statePath, branch: shared ? undefined : branchOf(workflow, leaf), ...(APPLICANT_EVENTS.has(type) ? { role: 'applicant' } : { role: node.meta.role, department: node.meta.department }), label: shared ? (n.meta?.label ?? path) : node.meta.label });
			}
	}
	for (const type of Object.keys(workflow.on ?? {})) out.push({ type, statePath: '', role: 'applicant', label: '申请人' });
	return out;
}

export function mayAct(actor: Actor, offer: Offer, applicantId: string): boolean {
	if (!actor.roles.includes(offer.role)) return false;
	if (offer.role === 'applicant') return actor.id === applicantId;
	return !offer.department || actor.department === offer.department;
}

/** (at, state value) from submission on: the case's path through the machine. */
export function timeline(c: Pick<CaseRecord, 'createdAt' | 'events'>, initialValue: unknown): { at: string; value: unknown }[] {
	return [{ at: c.createdAt, value: initialValue }, ...c.events.map((e) => ({ at: e.at, value: e.stateAfter }))];
}

function metaOf(workflow: Workflow, path: string): StateMeta | undefined {
	return nodeAt(workflow, path)?.meta;
}

function pausesWhere(steps: { at: string; value: unknown }[], paused: (leaves: string[]) => boolean): Pause[] {
	const out: Pause[] = [];
	steps.forEach((s, i) => {
		const to = steps[i + 1]?.at;
		if (!paused(activeLeaves(s.value))) return;
		const last = out.at(-1);
		if (last && last.to === s.at) last.to = to;
		else out.push({ from: s.at, to });
	});
	return out;
}

export interface ClockView {
	dueAt: string;
	limitDays: number;
	pausedDays: number;
	elapsedDays: number;
	remainingDays: number;
	paused: boolean;
	overdue: boolean;
	dueSoon: boolean;
	finishedAt?: string;
}

/** Case clock and one clock per bundle branch; 补正 and 特别程序 time is not counted. */
export function clocks(args: {
	workflow: Workflow;
	c: Pick<CaseRecord, 'createdAt' | 'events' | 'status'>;
	initialValue: unknown;
	limitDays: number;
	branchLimits: Record<string, number>;
	calendar: WorkCalendar;
	now: Date;
}): { case: ClockView; branches: Record<string, ClockView>; intakeOverdue: boolean } {
	const { workflow, c, calendar } = args;
	const steps = timeline(c, args.initialValue);
	const isPausing = (leaf: string) => !!metaOf(workflow, leaf)?.pausesClock;
	const isFinal = (leaf: string) => nodeAt(workflow, leaf)?.type === 'final';
	const finishedAt = c.status === 'active' ? undefined : steps.at(-1)!.at;
	const view = (limitDays: number, pauses: Pause[], end?: string): ClockView => ({
		...computeClock({ calendar, start: c.createdAt, limitDays, pauses, now: end ?? args.now }),
		finishedAt: end
	});
	const caseClock = view(
		args.limitDays,
		pausesWhere(steps, (leaves) => {
			const open = leaves.filter((l) => !isFinal(l));
			return open.length > 0 && open.every(isPausing);
		}),
		finishedAt
	);
	const branches: Record<string, ClockView> = {};
	for (const [branch, limit] of Object.entries(args.branchLimits)) {
		const mine = (leaves: string[]) => leaves.filter((l) => branchOf(workflow, l) === branch);
		const done = steps.find((s) => mine(activeLeaves(s.value)).some(isFinal));
		branches[branch] = view(limit, pausesWhere(steps, (leaves) => mine(leaves).some(isPausing)), done?.at ?? finishedAt);
	}
	// 行政许可法 art. 32: 5 days to accept or send one 补正 notice, counted from the latest (re)submission
	const intake = activeLeaves(steps.at(-1)!.value).find((l) => metaOf(workflow, l)?.phase === 'intake' && metaOf(workflow, l)?.role !== 'applicant');
	let since = steps.length - 1;
	while (intake && since > 0 && activeLeaves(steps[since - 1].value).includes(intake)) since--;
	const intakeOverdue = c.status === 'active' && !!intake && workingDaysBetween(calendar, steps[since].at, args.now) > 5;
	return { case: caseClock, branches, intakeOverdue };
}

/** The human work the current state offers, as data: one task per active state with a staff role. */
export function deriveTasks(args: {
	workflow: Workflow;
	c: CaseRecord;
	initialValue: unknown;
	clock: { case: ClockView; branches: Record<string, ClockView> };
	calendar: WorkCalendar;
	previous: Task[];
}): Task[] {
	const { workflow, c } = args;
	if (c.status !== 'active') return [];
	const steps = timeline(c, args.initialValue);
	const tasks: Task[] = [];
	const leaves = activeLeaves(c.snapshot.value);
	const all = offers(workflow, c.snapshot.value).filter((o) => leaves.includes(o.statePath));
	for (const leaf of [...new Set(all.map((o) => o.statePath))]) {
		const meta = metaOf(workflow, leaf)!;
		let entered = steps.length - 1;
		while (entered > 0 && activeLeaves(steps[entered - 1].value).includes(leaf)) entered--;
		const enteredAt = steps[entered].at;
		const branch = branchOf(workflow, leaf);
		const limitDue = (branch && args.clock.branches[branch]?.dueAt) || args.clock.case.dueAt;
		const budgetDue = meta.budgetDays !== undefined ? addWorkingDays(args.calendar, enteredAt, meta.budgetDays) : undefined;
		const id = `${c.id}:${leaf}`;
		const prev = args.previous.find((t) => t.id === id && t.enteredAt === enteredAt);
		tasks.push({
			id,
			caseId: c.id,
			caseVersion: c.version,
			statePath: leaf,
			branch,
			role: meta.role!,
			department: meta.department ?? '',
			label: meta.label,
			events: all.filter((o) => o.statePath === leaf).map((o) => o.type),
			enteredAt,
			dueAt: meta.pausesClock ? undefined : budgetDue && budgetDue < limitDue ? budgetDue : limitDue,
			limitDueAt: meta.pausesClock ? undefined : limitDue,
			claimedBy: prev?.claimedBy,
			claimedAt: prev?.claimedAt
		});
	}
	return tasks;
}

/** The top-level outcome once the machine is done. */
export function finalStatus(workflow: Workflow, snap: PlainSnapshot): CaseRecord['status'] {
	if (snap.status !== 'done') return 'active';
	if (snap.context.terminated) return 'terminated';
	const leaf = activeLeaves(snap.value)[0];
	const outcome = metaOf(workflow, leaf)?.outcome ?? 'closed';
	return outcome === 'approved' ? 'closed' : outcome;
}
