import type { Bundle, Item, NamedRef, StateNodeDef, TransitionDef, Workflow } from '../model';
import { asArray } from '../workflow/graph';
import { copyJson } from './copy';
import { routeByDiscretion } from '../workflow/discretion';

const FINALS: Record<string, StateNodeDef> = {
	closed: { type: 'final', meta: { label: '办结', outcome: 'closed' } },
	rejected: { type: 'final', meta: { label: '不予受理', outcome: 'rejected' } },
	denied: { type: 'final', meta: { label: '不予许可', outcome: 'denied' } },
	withdrawn: { type: 'final', meta: { label: '已撤回', outcome: 'withdrawn' } }
};

/** 补交容缺材料 is accepted in any state; the platform's applyEvent records it. */
const SUPPLY = { SUPPLY: {} };

/** Fills each state's department with its nearest container's (a branch's own department, else the item's), so tasks never guess. */
function withDepartments(states: Record<string, StateNodeDef>, department: string): Record<string, StateNodeDef> {
	return Object.fromEntries(
		Object.entries(states).map(([k, s]) => [
			k,
			{
				...s,
				meta: s.meta && s.type !== 'final' && s.meta.role && !s.meta.department ? { ...s.meta, department } : s.meta,
				states: s.states ? withDepartments(s.states, s.meta?.department ?? department) : undefined
			}
		])
	);
}

/** Drops the keys the composition left undefined: a plain JSON workflow. */
const clean = copyJson;

/** 自由裁量: the item's workflow as its tier routes it (鼓励类 skip 领导签批). */
const routed = (item: Item) => routeByDiscretion(item.workflow, item.discretion);

export function itemWorkflow(item: Item): Workflow {
	const wf = routed(item);
	return clean({ ...wf, on: { ...SUPPLY, ...wf.on }, states: withDepartments(wf.states, item.department) });
}

function reviewPhase(item: Item): { states: Record<string, StateNodeDef>; initial: string } {
	const wf = routed(item);
	const states = withDepartments(wf.states, item.department);
	const intake = states[wf.initial];
	const acceptTarget =
		asArray(intake?.on?.ACCEPT)
			.map((t) => (typeof t === 'string' ? t : t.target))
			.find(Boolean) ?? 'issuing';
	const review = Object.fromEntries(
		Object.entries(states).filter(([k, s]) => s.type !== 'final' && s.meta?.phase !== 'intake' && s.meta?.phase !== 'issue' && k !== 'issuing')
	);
	const inReview = (t: string) => t in review;
	return { states: review, initial: inReview(acceptTarget) ? acceptTarget : acceptTarget === 'denied' ? 'denied' : 'approved' };
}

/** Redirects an item's transitions into its branch: issue → approved, deny → denied; every guard checks the branch. */
function branchTransition(t: TransitionDef, branch: string, inReview: (k: string) => boolean): TransitionDef {
	const obj = typeof t === 'string' ? { target: t } : { ...t };
	if (obj.target && !inReview(obj.target)) obj.target = obj.target === 'denied' || obj.target === 'rejected' ? 'denied' : 'approved';
	const inner = obj.guard ? (typeof obj.guard === 'string' ? { type: obj.guard } : obj.guard) : undefined;
	const guard: NamedRef = { type: 'onBranch', params: inner ? { branch, guard: inner } : { branch } };
	return { ...obj, guard };
}

/** Prerequisites of a member: those it names, or with the all-or-nothing rule every other member. */
function prerequisitesOf(bundle: Bundle, items: Item[], item: string): string[] {
	const included = new Set(items.map((i) => i.id));
	const named = bundle.members.find((m) => m.item === item)?.requires ?? [];
	const all = bundle.outcomeRule === 'all' ? items.map((i) => i.id).filter((id) => id !== item) : [];
	return [...new Set([...named, ...all])].filter((id) => included.has(id) && id !== item);
}

/** When a prerequisite member is denied, this member's branch ends (from wherever it stands) with the reason recorded. */
function withPrerequisites(region: StateNodeDef, item: string, requires: string[], names: Record<string, string>): StateNodeDef {
	if (!requires.length) return region;
	const params = { member: item, requires, names };
	return {
		...region,
		always: { guard: { type: 'prerequisiteDenied', params }, target: `.${PREREQUISITE_DENIED}` },
		states: {
			...region.states,
			[PREREQUISITE_DENIED]: {
				type: 'final',
				meta: { label: '前置事项未获准予', outcome: 'denied' },
				entry: [{ type: 'recordPrerequisiteDenied', params }]
			}
		}
	};
}

export const PREREQUISITE_DENIED = 'prerequisiteDenied';

/** An item's branch depends on the item alone: built once per item definition (bundleWorkflow copies it into each result). */
const regions = new WeakMap<Item, StateNodeDef>();
function branchRegion(item: Item): StateNodeDef {
	let region = regions.get(item);
	if (!region) regions.set(item, (region = buildRegion(item)));
	return region;
}

function buildRegion(item: Item): StateNodeDef {
	const { states, initial } = reviewPhase(item);
	const inReview = (k: string) => k in states;
	const region: Record<string, StateNodeDef> = {};
	for (const [k, s] of Object.entries(states)) {
		// withdrawing ends the whole case: the parallel review state handles it, not one department's branch
		const on = Object.fromEntries(
			Object.entries(s.on ?? {})
				.filter(([ev]) => ev !== 'WITHDRAW')
				.map(([ev, ts]) => [ev, asArray(ts).map((t) => branchTransition(t, item.id, inReview))])
		);
		region[k] = { ...s, on };
	}
	const used = new Set([
		initial,
		...Object.values(region).flatMap((st) => Object.values(st.on ?? {}).flatMap((ts) => asArray(ts).map((t) => (typeof t === 'string' ? t : t.target))))
	]);
	const finals = { approved: '准予', denied: '不予许可' } as const;
	for (const [outcome, label] of Object.entries(finals))
		if (used.has(outcome))
			region[outcome] = {
				type: 'final',
				meta: { label, outcome: outcome as 'approved' | 'denied' },
				entry: [{ type: 'recordOutcome', params: { branch: item.id, outcome } }]
			};
	return { initial, states: region, meta: { label: item.name, department: item.department } };
}

/** 综合受理 → 并联审查 (one region per included item) → 统一出件 → 办结. */
export function bundleWorkflow(bundle: Bundle, items: Item[]): Workflow {
	return clean({
		id: bundle.id,
		initial: 'intake',
		on: SUPPLY,
		states: {
			intake: {
				meta: {
					label: bundle.frontDesk.label,
					role: 'frontDesk',
					department: bundle.frontDesk.department,
					phase: 'intake',
					budgetDays: bundle.intakeBudgetDays
				},
				on: { ACCEPT: 'review', REJECT: 'rejected', REQUEST_CORRECTION: 'correcting', WITHDRAW: 'withdrawn' }
			},
			correcting: {
				meta: { label: '申请人补正', role: 'applicant', pausesClock: true, pauseKind: 'correction', phase: 'intake' },
				on: { RESUBMIT: 'intake', WITHDRAW: 'withdrawn' }
			},
			review: {
				type: 'parallel',
				meta: { label: '并联审查', phase: 'review' },
				states: Object.fromEntries(
					items.map((i) => [
						i.id,
						withPrerequisites(branchRegion(i), i.id, prerequisitesOf(bundle, items, i.id), Object.fromEntries(items.map((x) => [x.id, x.name])))
					])
				),
				on: { WITHDRAW: 'withdrawn' },
				onDone: [{ guard: bundle.outcomeRule === 'all' ? 'allBranchesApproved' : 'anyBranchApproved', target: 'issuing' }, { target: 'denied' }]
			},
			issuing: {
				meta: { label: bundle.issuance.label, role: 'issuer', department: bundle.issuance.department, phase: 'issue', budgetDays: bundle.issuance.budgetDays },
				on: { ISSUE: { target: 'closed', actions: ['issueResult'] } }
			},
			...FINALS
		}
	});
}
