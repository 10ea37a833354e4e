import { longestPath } from './paths';
import type { StateNodeDef, Workflow } from '../model/workflow';
import { EVENT_TYPES } from '../model/workflow';
import { ACTIONS, GUARDS } from './library';
import { asArray, isFinal, outgoing, refName, transitionTarget } from './graph';

export interface WorkflowProblem {
	path: (string | number)[];
	message: string;
	severity?: 'error' | 'warning';
}

export interface WorkflowCheckContext {
	roles: Set<string>;
	departments: Set<string>;
	hasChecklist?: boolean;
	promisedLimitDays?: number;
}

type Level = { states: Record<string, StateNodeDef>; initial?: string; path: (string | number)[]; needsFinal: boolean };

function completes(node: StateNodeDef): boolean {
	if (isFinal(node)) return true;
	const kids = Object.entries(node.states ?? {});
	if (!kids.length || !asArray(node.onDone).length) return false;
	if (node.type === 'parallel') return kids.every(([, r]) => levelCanFinish({ states: r.states ?? {}, initial: r.initial, path: [], needsFinal: true }));
	return levelCanFinish({ states: node.states ?? {}, initial: node.initial, path: [], needsFinal: true });
}

function successors(key: string, node: StateNodeDef, states: Record<string, StateNodeDef>): string[] {
	return outgoing(node)
		.filter(({ event }) => event !== 'done' || completes(node))
		.map(({ t }) => transitionTarget(t))
		.filter((t): t is string => !!t && t in states && t !== key);
}

function levelCanFinish(level: Level): boolean {
	const start = level.initial ?? Object.keys(level.states)[0];
	return !!start && canReachFinal(start, level.states, new Set());
}

function canReachFinal(key: string, states: Record<string, StateNodeDef>, seen: Set<string>): boolean {
	const node = states[key];
	if (!node || seen.has(key)) return false;
	if (isFinal(node)) return true;
	seen.add(key);
	return successors(key, node, states).some((k) => canReachFinal(k, states, seen));
}

function reachable(level: Level): Set<string> {
	const start = level.initial ?? Object.keys(level.states)[0];
	const seen = new Set<string>();
	const todo = start && start in level.states ? [start] : [];
	while (todo.length) {
		const k = todo.pop()!;
		if (seen.has(k)) continue;
		seen.add(k);
		const node = level.states[k];
		for (const { t } of outgoing(node)) {
			const target = transitionTarget(t);
			if (target && target in level.states) todo.push(target);
		}
	}
	return seen;
}

/** Structural checks of a JSON workflow: targets, reachability, dead ends, roles, names, budgets. */
export function checkWorkflow(wf: Workflow, ctx: WorkflowCheckContext, base: (string | number)[] = ['workflow']): WorkflowProblem[] {
	const problems: WorkflowProblem[] = [];
	const visit = (level: Level) => {
		if (level.initial !== undefined && !(level.initial in level.states))
			problems.push({ path: [...level.path, 'initial'], message: `初始状态「${level.initial}」不存在` });
		const reach = reachable(level);
		for (const [key, node] of Object.entries(level.states)) {
			const p = [...level.path, 'states', key];
			if (!reach.has(key)) problems.push({ path: p, message: `状态「${node.meta?.label ?? key}」(${key}) 不可达` });
			else if (level.needsFinal && !isFinal(node) && !canReachFinal(key, level.states, new Set()))
				problems.push({ path: p, message: `状态「${node.meta?.label ?? key}」(${key}) 无法到达任何终止状态（死路）` });
			checkNode(key, node, p, level);
			if (node.states) {
				if (node.type === 'parallel') {
					for (const [rk, region] of Object.entries(node.states))
						visit({ states: region.states ?? {}, initial: region.initial, path: [...p, 'states', rk], needsFinal: true });
				} else visit({ states: node.states, initial: node.initial, path: p, needsFinal: asArray(node.onDone).length > 0 });
			}
		}
	};
	const checkNode = (key: string, node: StateNodeDef, p: (string | number)[], level: Level) => {
		const isRegionRoot = !!node.states;
		if (!isFinal(node) && !isRegionRoot) {
			if (!node.meta?.role) problems.push({ path: [...p, 'meta', 'role'], message: `状态「${node.meta?.label ?? key}」未指定办理角色` });
			else if (!ctx.roles.has(node.meta.role)) problems.push({ path: [...p, 'meta', 'role'], message: `角色「${node.meta.role}」不在角色字典中` });
			if (!Object.keys(node.on ?? {}).length) problems.push({ path: [...p, 'on'], message: `状态「${node.meta?.label ?? key}」没有任何可执行的操作` });
		}
		if (node.meta?.department && !ctx.departments.has(node.meta.department))
			problems.push({ path: [...p, 'meta', 'department'], message: `部门「${node.meta.department}」不在部门字典中` });
		if (node.meta?.checklist && ctx.hasChecklist === false)
			problems.push({ path: [...p, 'meta', 'checklist'], message: '踏勘环节要求打勾式踏勘标准，但事项未定义 inspectionChecklist' });
		for (const [event, ts] of Object.entries(node.on ?? {})) {
			if (!(EVENT_TYPES as readonly string[]).includes(event)) problems.push({ path: [...p, 'on', event], message: `未知事件「${event}」` });
			asArray(ts).forEach((t, i) => {
				const tp = [...p, 'on', event, ...(Array.isArray(ts) ? [i] : [])];
				const target = transitionTarget(t);
				if (target !== undefined && !(target in level.states))
					problems.push({ path: [...tp, ...(typeof t === 'string' ? [] : ['target'])], message: `目标状态「${target}」不存在（只能指向同级状态）` });
				if (typeof t !== 'string') {
					if (t.guard && !GUARDS[refName(t.guard)]) problems.push({ path: [...tp, 'guard'], message: `未知的条件（guard）「${refName(t.guard)}」` });
					else if (t.guard && typeof t.guard !== 'string') {
						const r = GUARDS[t.guard.type].params.safeParse(t.guard.params);
						if (!r.success) problems.push({ path: [...tp, 'guard', 'params'], message: `条件「${t.guard.type}」的参数不正确：${r.error.issues[0]?.message}` });
					}
					asArray(t.actions).forEach((a, j) => {
						if (!ACTIONS[refName(a)]) problems.push({ path: [...tp, 'actions', ...(Array.isArray(t.actions) ? [j] : [])], message: `未知的动作（action）「${refName(a)}」` });
					});
				}
			});
		}
		for (const a of [...asArray(node.entry), ...asArray(node.exit)])
			if (!ACTIONS[refName(a)]) problems.push({ path: p, message: `未知的动作（action）「${refName(a)}」` });
	};
	visit({ states: wf.states, initial: wf.initial, path: base, needsFinal: true });
	if (!Object.values(wf.states).some(isFinal)) problems.push({ path: [...base, 'states'], message: '流程没有终止状态' });
	if (ctx.promisedLimitDays !== undefined) {
		const longest = longestPath(wf);
		if (longest && longest.days > ctx.promisedLimitDays)
			problems.push({ path: [...base, 'states'], severity: 'warning', message: `最长办理路径（${longest.states.join(' → ')}）各环节时限合计 ${longest.days} 个工作日，超过承诺时限 ${ctx.promisedLimitDays} 个工作日` });
	}
	return problems;
}
