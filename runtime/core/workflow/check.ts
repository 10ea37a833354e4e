import { longestPath } from './paths';
import type { NamedRef, StateNodeDef, Workflow } from '../model/workflow';
import { EVENT_TYPES } from '../model/workflow';
import { EVENT_LABELS } from '../cases/events';
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

/** The parallel branch (region) a level lies in: its key, its label, the department it acts for. */
interface Branch {
	key: string;
	label: string;
	department?: string;
	/** labels of the sibling regions, by key */
	labels: Record<string, string>;
}

type Level = { states: Record<string, StateNodeDef>; initial?: string; path: (string | number)[]; needsFinal: boolean; branch?: Branch };

/** The branches an onBranch guard names, itself and the onBranch guards it wraps. */
function guardBranches(g: NamedRef | undefined): string[] {
	if (!g || typeof g === 'string' || g.type !== 'onBranch') return [];
	const p = (g.params ?? {}) as { branch?: unknown; guard?: NamedRef };
	return [...(typeof p.branch === 'string' ? [p.branch] : []), ...guardBranches(p.guard)];
}

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
	return !!start && finishing(level.states).has(start);
}

/** The states of a level from which a final state can be reached: one backward search, linear in states and transitions. */
function finishing(states: Record<string, StateNodeDef>): Set<string> {
	const before = new Map<string, string[]>();
	const done = new Set<string>();
	for (const [key, node] of Object.entries(states)) {
		if (isFinal(node)) done.add(key);
		else
			for (const next of successors(key, node, states)) {
				const list = before.get(next);
				if (list) list.push(key);
				else before.set(next, [key]);
			}
	}
	const todo = [...done];
	while (todo.length)
		for (const k of before.get(todo.pop()!) ?? [])
			if (!done.has(k)) {
				done.add(k);
				todo.push(k);
			}
	return done;
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
		const canFinish = level.needsFinal ? finishing(level.states) : undefined;
		for (const [key, node] of Object.entries(level.states)) {
			const p = [...level.path, 'states', key];
			if (!reach.has(key)) problems.push({ path: p, message: `状态「${node.meta?.label ?? key}」(${key}) 不可达` });
			else if (canFinish && !canFinish.has(key)) problems.push({ path: p, message: `状态「${node.meta?.label ?? key}」(${key}) 无法到达任何终止状态（死路）` });
			checkNode(key, node, p, level);
			if (node.type === 'parallel') {
				const regions = Object.entries(node.states ?? {});
				const name = node.meta?.label ?? key;
				if (!regions.length) problems.push({ path: [...p, 'states'], message: `并联环节「${name}」没有任何分支，请至少加入两个部门的分支` });
				else if (regions.length === 1)
					problems.push({
						path: [...p, 'states'],
						severity: 'warning',
						message: `并联环节「${name}」只有一个分支，不构成并联审查：请再加入部门，或改为普通环节`
					});
				const labels = Object.fromEntries(regions.map(([rk, r]) => [rk, r.meta?.label ?? rk]));
				for (const [rk, region] of regions) {
					const rp = [...p, 'states', rk];
					const branch: Branch = { key: rk, label: labels[rk], department: region.meta?.department, labels };
					// events on the region itself move it too, so they need the branch guard as well
					checkBranchEvents(region.meta?.label ?? rk, region, rp, branch);
					visit({ states: region.states ?? {}, initial: region.initial, path: rp, needsFinal: true, branch });
				}
			} else if (node.states) {
				const branch = level.branch && { ...level.branch, department: node.meta?.department ?? level.branch.department };
				visit({ states: node.states, initial: node.initial, path: p, needsFinal: asArray(node.onDone).length > 0, branch });
			}
		}
	};
	/** Inside a parallel branch every event must carry that branch's onBranch guard, or it moves the other branches too. */
	const checkBranchEvents = (name: string, node: StateNodeDef, p: (string | number)[], b: Branch) => {
		for (const [event, ts] of Object.entries(node.on ?? {}))
			asArray(ts).forEach((t, i) => {
				const guardPath = [...p, 'on', event, ...(Array.isArray(ts) ? [i] : []), 'guard'];
				const named = guardBranches(typeof t === 'string' ? undefined : t.guard);
				if (named.includes(b.key)) return;
				const what = `并联分支「${b.label}」中「${name}」的「${EVENT_LABELS[event as keyof typeof EVENT_LABELS] ?? event}」事件`;
				problems.push({
					path: guardPath,
					message: named.length
						? `${what}的分支条件指向「${b.labels[named[0]] ?? named[0]}」而不是本分支，会被其他分支的操作推动`
						: `${what}缺少本分支条件，会同时推动其他分支`
				});
			});
	};
	const checkNode = (key: string, node: StateNodeDef, p: (string | number)[], level: Level) => {
		const isContainer = !!node.states || node.type === 'parallel';
		const name = node.meta?.label ?? key;
		if (level.branch) {
			checkBranchEvents(name, node, p, level.branch);
			const role = node.meta?.role;
			if (!isFinal(node) && !isContainer && role && role !== 'applicant' && !node.meta?.department && !level.branch.department)
				problems.push({
					path: [...p, 'meta', 'department'],
					severity: 'warning',
					message: `并联分支「${level.branch.label}」中的环节「${name}」未指定办理部门，分支也未指定部门，将由事项实施主体办理`
				});
		}
		if (!isFinal(node) && !isContainer) {
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
						if (!ACTIONS[refName(a)])
							problems.push({ path: [...tp, 'actions', ...(Array.isArray(t.actions) ? [j] : [])], message: `未知的动作（action）「${refName(a)}」` });
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
			problems.push({
				path: [...base, 'states'],
				severity: 'warning',
				message: `最长办理路径（${longest.states.join(' → ')}）各环节时限合计 ${longest.days} 个工作日，超过承诺时限 ${ctx.promisedLimitDays} 个工作日`
			});
	}
	return problems;
}
