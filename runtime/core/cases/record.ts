// The case record as data: a new case, the machine event a logged event stands for, branch-scoped staleness, replay.
import type { ComposedService } from '../compose';
import type { CaseEvent, CaseRecord } from '../store';
import { decide } from './decide';
import type { MachineEvent } from './events';
import type { MachineState } from './state';
import type { Intake } from './intake';
import { SIDE_EVENTS } from './events/labels';
import type { Workflow } from '../model/workflow';
import type { WorkCalendar } from '../calendar';
import { deemedAcceptanceAt, earliest } from './acceptance';

/** The machine event a logged event stands for: live and on replay the same function builds it. */
export function machineEventOf(e: CaseEvent): MachineEvent {
	const { branches, ...payload } = e.payload as { branches?: string[] };
	return { ...payload, type: e.type, seq: e.seq, at: e.at, by: e.actor.id, branch: e.branch, branches: branches ?? (e.branch ? [e.branch] : []) };
}

/**
 * Stale only when the actor's own branch (or the whole case) moved since the version they saw; other branches' work never
 * refuses them, nor do events that move no step (征求意见 and its answer, 核查).
 */
export function isStale(c: Pick<CaseRecord, 'version' | 'state' | 'events'>, seen: number, branch: string | undefined): boolean {
	if (!branch) return seen > c.version || c.events.some((e) => e.seq > seen && !SIDE_EVENTS.has(e.type));
	const v = c.state.branchVersions;
	return seen > c.version || (v['*'] ?? 0) > seen || (v[branch] ?? 0) > seen;
}

/** Replays a case's log with the same decide the live path uses. */
export function replayLog(service: Pick<ComposedService, 'workflow'>, c: Pick<CaseRecord, 'state' | 'events'>): MachineState {
	let machine = c.state.initial;
	for (const e of c.events) if (!SIDE_EVENTS.has(e.type)) machine = decide(service.workflow, machine, machineEventOf(e)).state;
	return machine;
}

/** A case as submitted: version 0, its machine state both initial and current. */
export function newCase(args: {
	id: string;
	receiptNumber: string;
	service: ComposedService;
	applicantId: string;
	machine: MachineState;
	at: string;
	intake?: Intake;
	/** the working-day calendar: with it, the deadline timer also watches the 5 days to accept (视为受理) */
	calendar?: WorkCalendar;
}): CaseRecord {
	const { service, machine, at } = args;
	const c: CaseRecord = {
		id: args.id,
		receiptNumber: args.receiptNumber,
		version: 0,
		service: { kind: service.kind, id: service.id, name: service.name },
		pins: service.pins,
		applicantId: args.applicantId,
		status: 'active',
		state: { machine, initial: machine, branchVersions: {}, results: [], verifications: [], ...(args.intake ? { intake: args.intake } : {}) },
		createdAt: at,
		updatedAt: at,
		events: []
	};
	c.deferredDueAt = args.calendar ? timerDue(c, service.workflow, args.calendar) : deferredDue(c);
	return c;
}

/** The deadline timer's index key: the earliest 容缺 deadline, or the day an undecided case counts as accepted (视为受理). */
export function timerDue(c: CaseRecord, workflow: Workflow, calendar: WorkCalendar): string | undefined {
	return earliest(deferredDue(c), deemedAcceptanceAt(workflow, c, calendar));
}

/** The earliest 容缺 deadline of an active case. */
export function deferredDue(c: CaseRecord): string | undefined {
	if (c.status !== 'active') return undefined;
	return c.state.machine.context.pending.map((p) => p.dueAt).sort()[0];
}
