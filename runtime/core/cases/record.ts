// The case record as data: a new case, the machine event a logged event stands for, branch-scoped staleness, replay.
import type { ComposedService } from '../compose';
import type { CaseEvent, CaseRecord } from '../store';
import { decide } from './decide';
import type { MachineEvent } from './events';
import type { MachineState } from './state';

/** The machine event a logged event stands for: live and on replay the same function builds it. */
export function machineEventOf(e: CaseEvent): MachineEvent {
	const { branches, ...payload } = e.payload as { branches?: string[] };
	return { ...payload, type: e.type, seq: e.seq, at: e.at, by: e.actor.id, branch: e.branch, branches: branches ?? (e.branch ? [e.branch] : []) };
}

/** Stale only when the actor's own branch (or the whole case) moved since the version they saw; other branches' work never refuses them. */
export function isStale(c: Pick<CaseRecord, 'version' | 'state'>, seen: number, branch: string | undefined): boolean {
	if (!branch) return c.version !== seen;
	const v = c.state.branchVersions;
	return seen > c.version || (v['*'] ?? 0) > seen || (v[branch] ?? 0) > seen;
}

/** Replays a case's log with the same decide the live path uses. */
export function replayLog(service: Pick<ComposedService, 'workflow'>, c: Pick<CaseRecord, 'state' | 'events'>): MachineState {
	let machine = c.state.initial;
	for (const e of c.events) if (e.type !== 'VERIFY') machine = decide(service.workflow, machine, machineEventOf(e)).state;
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
		state: { machine, initial: machine, branchVersions: {}, results: [], verifications: [] },
		createdAt: at,
		updatedAt: at,
		events: []
	};
	c.deferredDueAt = deferredDue(c);
	return c;
}

/** The earliest 容缺 deadline of an active case: the deadline timer's index key. */
export function deferredDue(c: CaseRecord): string | undefined {
	if (c.status !== 'active') return undefined;
	return c.state.machine.context.pending.map((p) => p.dueAt).sort()[0];
}
