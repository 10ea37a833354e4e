import { getNextTransitions } from 'xstate';
import type { StateMeta, Workflow } from '../model/workflow';
import { activeLeaves, nodeAt } from '../workflow/graph';
import type { Actor, CaseRecord, CaseStatus, Task } from '../store';
import { addWorkingDays, computeClock, workingDaysBetween, type Clock, type Pause, type WorkCalendar } from '../calendar';
import { decide, emptyContext, restore, start } from './decide';
import { APPLICANT_EVENTS, EVENTS, type MachineEvent } from './events';
import type { CaseContext, MachineState } from './state';
import { intermediaryPauses, mergePauses } from './intermediary';
import { promiseStart } from './acceptance';

export interface Offer {
	type: string;
	statePath: string;
	/** the bundle branch (member item id) the state belongs to */
	branch?: string;
	role: string;
	department?: string;
	label: string;
}

/** The machine state a case starts in (also used by the studio's simulation). */
export function startSnapshot(workflow: Workflow, context: Partial<CaseContext>): MachineState {
	return start(workflow, emptyContext(context));
}

let simulatedSeq = 0;
/** One event without a log (the studio's simulation and unit tests): who/when are filled in. */
export function applyEvent(workflow: Workflow, state: MachineState, event: { type: string } & Record<string, unknown>) {
	const full = { seq: ++simulatedSeq, at: new Date(0).toISOString(), by: 'simulation', branches: [], ...event } as MachineEvent;
	const { state: snapshot, effects } = decide(workflow, state, full);
	return { snapshot, effects };
}

/** The branch of a state path: the child of the nearest parallel ancestor. */
export function branchOf(workflow: Workflow, path: string): string | undefined {
	const parts = path.split('.');
	for (let i = parts.length - 1; i > 0; i--) {
		if (nodeAt(workflow, parts.slice(0, i).join('.'))?.type === 'parallel') return parts[i];
	}
	return undefined;
}

/** Every branch a state lies in, outermost first (a member's own parallel review inside its bundle branch). */
export function branchPath(workflow: Workflow, path: string): string[] {
	const parts = path.split('.');
	const out: string[] = [];
	for (let i = 1; i < parts.length; i++) if (nodeAt(workflow, parts.slice(0, i).join('.'))?.type === 'parallel') out.push(parts[i]);
	return out;
}

/** Every event the active states offer, with who may send it; the transitions come from xstate (getNextTransitions). */
export function offers(workflow: Workflow, value: unknown): Offer[] {
	const out: Offer[] = [];
	const leaves = activeLeaves(value);
	const add = (o: Offer) => {
		if (!out.some((x) => x.type === o.type && x.statePath === o.statePath)) out.push(o);
	};
	const snapshot = restore(workflow, { value: value as MachineState['value'], status: 'active', context: emptyContext() });
	if (snapshot.status === 'done') return out;
	for (const t of getNextTransitions(snapshot)) {
		const type = t.eventType;
		if (!type || !(type in EVENTS) || EVENTS[type as keyof typeof EVENTS].sender === 'system') continue;
		const source = t.source.path.join('.');
		if (!source) {
			add({ type, statePath: '', role: 'applicant', label: '申请人' });
			continue;
		}
		const applicant = APPLICANT_EVENTS.has(type);
		for (const leaf of leaves.filter((l) => l === source || l.startsWith(`${source}.`))) {
			const node = nodeAt(workflow, leaf);
			if (!node || node.type === 'final' || !node.meta?.role) continue;
			// an applicant event on a state shared by several branches (withdrawing the whole bundle) is offered once, for the case
			const shared = applicant && source !== leaf && !branchOf(workflow, source);
			const statePath = shared ? source : leaf;
			const sourceNode = nodeAt(workflow, source);
			add({
				type,
				statePath,
				branch: shared ? undefined : branchOf(workflow, leaf),
				...(applicant ? { role: 'applicant' } : { role: node.meta.role, department: node.meta.department }),
				label: shared ? (sourceNode?.meta?.label ?? source) : node.meta.label
			});
		}
	}
	return out;
}

export function mayAct(actor: Actor, offer: Offer, applicantId: string): boolean {
	if (!actor.roles.includes(offer.role)) return false;
	if (offer.role === 'applicant') return actor.id === applicantId;
	return !offer.department || actor.department === offer.department;
}

/** (at, state value) from submission on: the case's path through the machine. */
export function timeline(c: Pick<CaseRecord, 'createdAt' | 'events' | 'state'>): { at: string; value: unknown }[] {
	return [{ at: c.createdAt, value: c.state.initial.value }, ...c.events.map((e) => ({ at: e.at, value: e.stateAfter }))];
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

export type ClockView = Clock & { finishedAt?: string };

/** Case clock and one clock per bundle branch; 补正 and 特别程序 time is not counted. */
export function clocks(args: {
	workflow: Workflow;
	c: Pick<CaseRecord, 'createdAt' | 'events' | 'status' | 'state'>;
	limitDays: number;
	branchLimits: Record<string, number>;
	calendar: WorkCalendar;
	now: Date;
}): { case: ClockView; branches: Record<string, ClockView>; intakeOverdue: boolean } {
	const { workflow, c, calendar } = args;
	const steps = timeline(c);
	const isPausing = (leaf: string) => !!metaOf(workflow, leaf)?.pausesClock;
	// the applicant's 补正 time is not counted for the case, wherever the notice came from (domain notes §8)
	const waitsForApplicant = (leaf: string) =>
		isPausing(leaf) && (metaOf(workflow, leaf)?.pauseKind === 'correction' || metaOf(workflow, leaf)?.role === 'applicant');
	const isFinal = (leaf: string) => nodeAt(workflow, leaf)?.type === 'final';
	const finishedAt = c.status === 'active' ? undefined : steps.at(-1)!.at;
	// the promised limit runs from 受理 (the front desk's, or a deemed one from the day of receipt); until then, from the submission
	const start = promiseStart(c);
	const fromStart = (pauses: Pause[]) => pauses.filter((p) => !p.to || p.to > start).map((p) => (p.from < start ? { ...p, from: start } : p));
	const view = (limitDays: number, pauses: Pause[], end?: string): ClockView => ({
		...computeClock({ calendar, start, limitDays, pauses: fromStart(pauses), now: end ?? args.now }),
		finishedAt: end
	});
	// 中介服务 time is not counted either (intermediary.ts)
	const caseClock = view(
		args.limitDays,
		mergePauses([
			...pausesWhere(steps, (leaves) => {
				const open = leaves.filter((l) => !isFinal(l));
				return open.length > 0 && (open.every(isPausing) || open.some(waitsForApplicant));
			}),
			...intermediaryPauses(c.events)
		]),
		finishedAt
	);
	const branches: Record<string, ClockView> = {};
	for (const [branch, limit] of Object.entries(args.branchLimits)) {
		const mine = (leaves: string[]) => leaves.filter((l) => branchOf(workflow, l) === branch);
		const done = steps.find((s) => mine(activeLeaves(s.value)).some(isFinal));
		branches[branch] = view(
			limit,
			mergePauses([...pausesWhere(steps, (leaves) => mine(leaves).some(isPausing)), ...intermediaryPauses(c.events, branch)]),
			done?.at ?? finishedAt
		);
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
	clock: { case: ClockView; branches: Record<string, ClockView> };
	calendar: WorkCalendar;
	previous: Task[];
}): Task[] {
	const { workflow, c } = args;
	if (c.status !== 'active') return [];
	const steps = timeline(c);
	const tasks: Task[] = [];
	const leaves = activeLeaves(c.state.machine.value);
	const all = offers(workflow, c.state.machine.value).filter((o) => leaves.includes(o.statePath));
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
			serviceId: c.service.id,
			receiptNumber: c.receiptNumber,
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
export function finalStatus(workflow: Workflow, snap: MachineState): CaseStatus {
	if (snap.status !== 'done') return 'active';
	if (snap.context.terminated) return 'terminated';
	const leaf = activeLeaves(snap.value)[0];
	const outcome = (metaOf(workflow, leaf)?.outcome ?? 'closed') as CaseStatus | 'approved';
	return outcome === 'approved' ? 'closed' : outcome;
}
