// 自由裁量 tiers change the route (DISCRETION_ROUTES in library.ts), and what publishing checks of review standards
// (开卷式审批) and 中介服务 references. Pure: compose applies routeByDiscretion, the catalog check reports the problems.
import type { Item } from '../model/item';
import type { ReviewStandard, StateNodeDef, TransitionDef, Workflow } from '../model/workflow';
import { asArray, outgoing, transitionTarget, walkStates } from './graph';
import { DISCRETION_ROUTES, type Discretion } from './library';
import { STANDARD_EVENTS } from './standard-events';

/** Where a leadership step hands the case on: its first PASS (else APPROVE) target. */
function forwardOf(node: StateNodeDef): string | undefined {
	for (const ev of ['PASS', 'APPROVE'] as const) {
		const t = asArray(node.on?.[ev]).map(transitionTarget).find(Boolean);
		if (t) return t;
	}
	return undefined;
}

function skipLevel(states: Record<string, StateNodeDef>): Record<string, StateNodeDef> {
	const skipped = new Map<string, string>();
	for (const [k, n] of Object.entries(states)) {
		const next = n.meta?.leadership && !n.states ? forwardOf(n) : undefined;
		if (next) skipped.set(k, next);
	}
	const resolve = (target: string, seen = new Set<string>()): string => {
		const next = skipped.get(target);
		return next && !seen.has(target) ? resolve(next, seen.add(target)) : target;
	};
	const redirect = (t: TransitionDef): TransitionDef => {
		const target = transitionTarget(t);
		if (!target || !skipped.has(target)) return t;
		return typeof t === 'string' ? resolve(t) : { ...t, target: resolve(target) };
	};
	const retarget = <T extends TransitionDef | TransitionDef[] | undefined>(ts: T): T =>
		(ts === undefined ? ts : Array.isArray(ts) ? ts.map(redirect) : redirect(ts as TransitionDef)) as T;
	return Object.fromEntries(
		Object.entries(states)
			.filter(([k]) => !skipped.has(k))
			.map(([k, n]) => [
				k,
				{
					...n,
					...(n.on ? { on: Object.fromEntries(Object.entries(n.on).map(([ev, ts]) => [ev, retarget(ts)])) } : {}),
					...(n.onDone ? { onDone: retarget(n.onDone) } : {}),
					...(n.states ? { states: skipLevel(n.states) } : {}),
					...(n.states && n.initial ? { initial: skipTarget(n.states, n.initial) } : {})
				}
			])
	);
}

/** A level's initial state after skipping: the first step that is not skipped. */
function skipTarget(states: Record<string, StateNodeDef>, key: string, seen = new Set<string>()): string {
	const n = states[key];
	const next = n?.meta?.leadership && !n.states ? forwardOf(n) : undefined;
	return next && !seen.has(key) ? skipTarget(states, next, seen.add(key)) : key;
}

/** The workflow as the item's tier routes it: 鼓励类 lose their 领导签批 steps (transitions go on past them). */
export function routeByDiscretion(workflow: Workflow, discretion: Discretion): Workflow {
	if (DISCRETION_ROUTES[discretion]?.leadership !== 'skip') return workflow;
	if (!walkStates(workflow).some((e) => e.node.meta?.leadership)) return workflow;
	return { ...workflow, initial: skipTarget(workflow.states, workflow.initial), states: skipLevel(workflow.states) };
}

/** Whether a state is a 领导签批 step. */
export const isLeadership = (node: StateNodeDef | undefined) => !!node?.meta?.leadership;

/** The review standards of the steps of a workflow, in order, for the guide (按环节). */
export function standardsBySteps(workflow: Pick<Workflow, 'states'>): { step: string; label: string; standards: ReviewStandard[] }[] {
	return walkStates(workflow)
		.filter((e) => e.node.meta?.standards?.length)
		.map((e) => ({ step: e.path, label: e.node.meta!.label, standards: e.node.meta!.standards! }));
}

export interface DiscretionProblem {
	path: (string | number)[];
	message: string;
	severity?: 'error' | 'warning';
}

/** What publishing checks: the tier's route rule, each step's standards, and the 中介服务 the item names. */
export function discretionProblems(item: Pick<Item, 'discretion' | 'workflow' | 'intermediaryServices'>, intermediaryIds: Set<string>): DiscretionProblem[] {
	const out: DiscretionProblem[] = [];
	const rule = DISCRETION_ROUTES[item.discretion];
	const states = walkStates(item.workflow);
	const base = (path: string) => ['workflow', ...path.split('.').flatMap((k) => ['states', k])];
	// 限制类 without a 领导签批 step: its 审批决定 is then the only sign-off (a warning); 禁止类 must have one
	if (rule.leadership === 'require' && !states.some((e) => isLeadership(e.node)))
		out.push({
			path: ['workflow', 'states'],
			message: `${rule.rule}：流程中应有一个领导签批环节（meta.leadership: true）${rule.approve ? '，否则审批决定是唯一的签批' : ''}`,
			severity: rule.approve ? 'warning' : 'error'
		});
	if (!rule.approve)
		for (const e of states)
			for (const { event } of outgoing(e.node))
				if (event === 'APPROVE')
					out.push({ path: [...base(e.path), 'on', 'APPROVE'], message: `${rule.rule}：「${e.node.meta?.label ?? e.key}」不能有准予操作` });
	for (const e of states) {
		const meta = e.node.meta;
		if (meta?.leadership && !forwardOf(e.node))
			out.push({ path: [...base(e.path), 'meta', 'leadership'], message: `领导签批环节「${meta.label}」须有审查通过（PASS）或准予（APPROVE）操作` });
		if (!meta?.standards?.length) continue;
		const p = [...base(e.path), 'meta', 'standards'];
		if (!meta.role || meta.role === 'applicant' || e.node.type === 'final')
			out.push({ path: p, message: `审查标准只能设在工作人员办理的环节，「${meta.label}」不是` });
		else if (!Object.keys(e.node.on ?? {}).some((ev) => STANDARD_EVENTS.has(ev)))
			out.push({ path: p, message: `「${meta.label}」没有审查通过、准予或不予操作，审查标准无处勾选` });
		meta.standards.forEach((s, i) => {
			if (meta.standards!.findIndex((x) => x.id === s.id) !== i) out.push({ path: [...p, i, 'id'], message: `重复的审查标准标识「${s.id}」` });
		});
	}
	item.intermediaryServices.forEach((id, i) => {
		if (!intermediaryIds.has(id)) out.push({ path: ['intermediaryServices', i], message: `中介服务「${id}」不在中介服务字典（intermediary-services.json）中` });
		if (item.intermediaryServices.indexOf(id) !== i) out.push({ path: ['intermediaryServices', i], message: `中介服务「${id}」重复` });
	});
	return out;
}
