// The exported workflows in plain xstate: createMachine(exported.machine).provide({ guards, actions }) with the guards and
// actions of our library, and an actor driven through each catalog workflow to a final state.
import { createActor, createMachine, initialTransition, setup, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { actions, exportWorkflow, guards } from '../../runtime/core/workflow/interop';
import { shippedSources } from './helpers/shipped-catalog';

type Ev = { type: string } & Record<string, unknown>;
const load = (machine: object): AnyStateMachine => createMachine(machine as never).provide({ guards, actions } as never);

/** Every parallel region's key: the branches events can be addressed to. */
function branchKeys(states: Record<string, any>): string[] {
	return Object.values(states).flatMap((s: any) => [...(s.type === 'parallel' ? Object.keys(s.states ?? {}) : []), ...branchKeys(s.states ?? {})]);
}

/** The events of the way forward (no refusal, denial, withdrawal or termination), to everyone and to each branch. */
function forwardEvents(machine: { states: Record<string, any> }): Ev[] {
	const base: Ev[] = [
		{ type: 'ACCEPT', opinion: '材料齐全，予以受理' },
		{ type: 'PASS', opinion: '审查通过' },
		{ type: 'INSPECT', checklist: [] },
		{ type: 'EXPERT_REVIEW', conclusion: 'pass', opinion: '同意' },
		{ type: 'APPROVE', opinion: '准予' },
		{ type: 'ISSUE', delivery: 'online' }
	];
	const branches = branchKeys(machine.states);
	return [...base, ...branches.flatMap((branch) => base.map((e) => ({ ...e, branch }))), ...(branches.length ? base.map((e) => ({ ...e, branches })) : [])];
}

/** A shortest list of events from the start to a final state of the whole machine (breadth first, pure transitions). */
function pathToEnd(machine: AnyStateMachine, events: Ev[]): Ev[] | undefined {
	const [start] = initialTransition(machine);
	const key = (s: AnyMachineSnapshot) => JSON.stringify([s.value, s.context.outcomes]);
	const seen = new Set([key(start)]);
	let frontier: { s: AnyMachineSnapshot; path: Ev[] }[] = [{ s: start, path: [] }];
	while (frontier.length && seen.size < 5000) {
		const next: typeof frontier = [];
		for (const { s, path } of frontier)
			for (const e of events) {
				if (!s.can(e as never)) continue;
				const [n] = transition(machine, s, e as never);
				if (n.status === 'done') return [...path, e];
				if (!seen.has(key(n))) {
					seen.add(key(n));
					next.push({ s: n, path: [...path, e] });
				}
			}
		frontier = next;
	}
	return undefined;
}

/** The guard and action names a machine config refers to (a guard's params may wrap another guard). */
function namesUsed(config: unknown) {
	const out = { guards: new Set<string>(), actions: new Set<string>() };
	const ref = (r: any) => (typeof r === 'string' ? r : r?.type);
	const guard = (g: any) => {
		out.guards.add(ref(g));
		if (g?.params?.guard) guard(g.params.guard);
	};
	const walk = (v: any) => {
		if (!v || typeof v !== 'object') return;
		if (Array.isArray(v)) return v.forEach(walk);
		if (v.guard) guard(v.guard);
		for (const k of ['actions', 'entry', 'exit']) for (const a of [v[k] ?? []].flat()) out.actions.add(ref(a));
		Object.values(v).forEach(walk);
	};
	walk(config);
	return { guards: [...out.guards], actions: [...out.actions] };
}

const outcomes = (s: AnyMachineSnapshot) => Object.values(s.getMeta() as Record<string, { outcome?: string }>).map((m) => m?.outcome);

describe('xstate export: every catalog workflow runs in plain xstate with our guards and actions', () => {
	it.each(shippedSources.map((s) => [s.name, s] as const))('%s: an actor goes from application to an approved end', (_name, s) => {
		const exported = JSON.parse(JSON.stringify(exportWorkflow(s.exported)));
		const machine = load(exported.machine);
		const path = pathToEnd(machine, forwardEvents(exported.machine));
		expect(path, 'no way to a final state').toBeDefined();
		expect(path!.some((e) => e.type === 'ACCEPT')).toBe(true);
		// a live actor takes that path
		const actor = createActor(machine).start();
		for (const e of path!) actor.send(e as never);
		const end = actor.getSnapshot();
		expect(end.status).toBe('done');
		expect(outcomes(end).some((o) => o === 'closed' || o === 'approved')).toBe(true);
		// setup(...).createMachine takes the same config
		const viaSetup = setup({ guards, actions } as never).createMachine(exported.machine as never);
		const other = createActor(viaSetup).start();
		for (const e of path!) other.send(e as never);
		expect(other.getSnapshot().value).toEqual(end.value);
		// every guard and action the machine names is implemented
		const used = namesUsed(exported.machine);
		expect(used.guards.filter((n) => !(n in guards))).toEqual([]);
		expect(used.actions.filter((n) => !(n in actions))).toEqual([]);
		expect(used.actions).toContain('applyEvent');
	});

	it('guards decide: 容缺 materials still pending hold the case back until supplied', () => {
		const s = shippedSources.find((x) => x.name === 'item jiaoshi-zige-rending')!;
		const exported = exportWorkflow(s.exported);
		const free = load(exported.machine);
		const path = pathToEnd(free, forwardEvents(exported.machine))!;
		const pending = load({ ...exported.machine, context: { ...exported.machine.context, pending: [{ material: 'diploma', dueAt: '2026-12-31' }] } });
		const actor = createActor(pending).start();
		for (const e of path) actor.send(e as never);
		expect(actor.getSnapshot().status).toBe('active');
		// once supplied (the platform's applyEvent records it), the same last step ends the case
		actor.send({ type: 'SUPPLY', material: 'diploma', provided: { source: 'upload', files: ['f1'] } } as never);
		expect(actor.getSnapshot().context.pending).toEqual([]);
		actor.send(path.at(-1) as never);
		expect(actor.getSnapshot().status).toBe('done');
	});

	it('guards decide: a failed 现场踏勘 does not pass', () => {
		const s = shippedSources.find((x) => x.name === 'item minban-xuexiao-sheli')!;
		const exported = exportWorkflow(s.exported);
		const machine = load(exported.machine);
		let snap = initialTransition(machine)[0];
		const forward = forwardEvents(exported.machine);
		// forward until a failed checklist is offered
		for (let i = 0; i < 10; i++) {
			const failed = { type: 'INSPECT', checklist: [{ id: 'fire', passed: false }] };
			if (snap.can(failed as never)) {
				expect(snap.can({ type: 'INSPECT', checklist: [{ id: 'fire', passed: true }] } as never)).toBe(true);
				const [after] = transition(machine, snap, failed as never);
				expect(outcomes(after)).not.toContain('approved');
				return;
			}
			const e = forward.find((x) => x.type !== 'INSPECT' && snap.can(x as never))!;
			snap = transition(machine, snap, e as never)[0];
		}
		throw new Error('no inspection step found');
	});

	it('without our implementations xstate refuses to run the guards', () => {
		const s = shippedSources.find((x) => x.name === 'item jiaoshi-zige-rending')!;
		const exported = exportWorkflow(s.exported);
		const bare = createMachine(exported.machine as never);
		const path = pathToEnd(load(exported.machine), forwardEvents(exported.machine))!;
		const actor = createActor(bare);
		const errors: unknown[] = [];
		actor.subscribe({ error: (e) => errors.push(e) });
		actor.start();
		for (const e of path) actor.send(e as never);
		expect(actor.getSnapshot().status).toBe('error');
		expect(String(errors[0])).toContain('noPendingMaterials');
	});
});
