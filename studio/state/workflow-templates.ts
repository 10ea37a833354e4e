// Standard procedures an administrator starts from, then adapts; decisions are worded by the item's type
// (workflow-vocabulary.json, through $core/workflow/vocabulary).
import { DEFAULT_WORDING, type Wording } from '$core/workflow/vocabulary';
type Json = Record<string, any>;
const CENTER = 'qz-zwfw';
const finalsIn = (w: Wording) => ({
	closed: { type: 'final', meta: { label: '办结', outcome: 'closed' } },
	rejected: { type: 'final', meta: { label: '不予受理', outcome: 'rejected' } },
	denied: { type: 'final', meta: { label: w.deny, outcome: 'denied' } },
	withdrawn: { type: 'final', meta: { label: '已撤回', outcome: 'withdrawn' } }
});
const finals = finalsIn(DEFAULT_WORDING);
const intake = (acceptTo: string | Json) => ({
	intake: {
		meta: { label: '综合受理', role: 'frontDesk', department: CENTER, phase: 'intake', budgetDays: 0.5 },
		on: { ACCEPT: acceptTo, REJECT: 'rejected', REQUEST_CORRECTION: 'correcting', WITHDRAW: 'withdrawn' }
	},
	correcting: {
		meta: { label: '申请人补正', role: 'applicant', phase: 'intake', pausesClock: true, pauseKind: 'correction' },
		on: { RESUBMIT: 'intake', WITHDRAW: 'withdrawn' }
	}
});
const issuing = {
	issuing: {
		meta: { label: '统一出件', role: 'issuer', department: CENTER, phase: 'issue', budgetDays: 0.5 },
		on: { ISSUE: { target: 'closed', guard: 'noPendingMaterials', actions: ['issueResult'] } }
	}
};
const review = (next: string) => ({
	review: {
		meta: { label: '部门审查', role: 'reviewer', phase: 'review', budgetDays: 1 },
		on: { PASS: next, REQUEST_CORRECTION: 'reviewCorrecting', DENY: 'denied' }
	},
	reviewCorrecting: {
		meta: { label: '审查补正', role: 'applicant', phase: 'review', pausesClock: true, pauseKind: 'correction' },
		on: { RESUBMIT: 'review', WITHDRAW: 'withdrawn' }
	}
});
const decisionIn = (w: Wording) => ({
	decision: { meta: { label: w.decision, role: 'decider', phase: 'review', budgetDays: 1 }, on: { APPROVE: 'issuing', DENY: 'denied', RETURN: 'review' } }
});
const inspection = {
	inspection: {
		meta: { label: '现场踏勘', role: 'inspector', phase: 'review', pausesClock: true, pauseKind: 'inspection', checklist: true },
		on: { INSPECT: [{ target: 'decision', guard: 'inspectionPassed' }, { target: 'denied' }] }
	}
};
const expert = {
	expertReview: {
		meta: { label: '专家评审', role: 'reviewer', phase: 'review', pausesClock: true, pauseKind: 'expertReview' },
		on: { EXPERT_REVIEW: 'decision' }
	}
};

/** One department's part of a parallel review: it answers only to its own PASS (onBranch), not to the others'. */
export function reviewRegion(key: string, label: string, department?: string) {
	return {
		initial: 'review',
		meta: { label, ...(department ? { department } : {}) },
		states: {
			review: {
				meta: { label: `${label}意见`, role: 'reviewer', phase: 'review', budgetDays: 2, ...(department ? { department } : {}) },
				on: { PASS: { target: 'done', guard: { type: 'onBranch', params: { branch: key } } } }
			},
			done: { type: 'final', meta: { label: '已出具意见' } }
		}
	};
}
export const regionKey = (department: string) => `dept_${department.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** A parallel review of the lead department (the item's, when given) and the given ones; it ends, when all have given their opinion, in `next`. */
export function parallelReview(label: string, departments: string[], names: Record<string, string>, next: string, lead?: string) {
	return {
		type: 'parallel',
		meta: { label, phase: 'review' },
		states: {
			lead: reviewRegion('lead', '牵头部门', lead),
			...Object.fromEntries(departments.map((d) => [regionKey(d), reviewRegion(regionKey(d), names[d] ?? `会审部门 ${d}`, d)]))
		},
		onDone: next
	};
}

/** Why a 1+N joint review cannot be built from these departments: N must be at least 1. */
export function jointProblem(departments: string[]): string | undefined {
	return departments.length ? undefined : '1+N 会商会审至少要勾选 1 个会审部门：只有牵头部门就是“1+0”，不是会商会审（只需一个部门审查请选“承诺件”模板）';
}

/** 1+N 会商会审: the lead department and N others review side by side; the decision waits for all. */
function joint(departments: string[], names: Record<string, string>, lead?: string) {
	return { jointReview: parallelReview('1+N 会商会审', departments, names, 'decision', lead) };
}

export const WORKFLOW_TEMPLATES = {
	immediate: {
		label: '即办件（受理即办结）',
		make: (id: string, _d?: string[], _n?: Record<string, string>, _l?: string, w: Wording = DEFAULT_WORDING) => ({
			id,
			initial: 'intake',
			states: {
				...intake({ target: 'closed', actions: ['issueResult'] }),
				closed: finalsIn(w).closed,
				rejected: finals.rejected,
				withdrawn: finals.withdrawn
			}
		})
	},
	promised: {
		label: '承诺件（受理 → 审查 → 决定 → 出件）',
		make: (id: string, _d?: string[], _n?: Record<string, string>, _l?: string, w: Wording = DEFAULT_WORDING) => ({
			id,
			initial: 'intake',
			states: { ...intake('review'), ...review('decision'), ...decisionIn(w), ...issuing, ...finalsIn(w) }
		})
	},
	inspection: {
		label: '承诺件 + 现场踏勘',
		make: (id: string, _d?: string[], _n?: Record<string, string>, _l?: string, w: Wording = DEFAULT_WORDING) => ({
			id,
			initial: 'intake',
			states: { ...intake('review'), ...review('inspection'), ...inspection, ...decisionIn(w), ...issuing, ...finalsIn(w) }
		})
	},
	expert: {
		label: '承诺件 + 专家评审',
		make: (id: string, _d?: string[], _n?: Record<string, string>, _l?: string, w: Wording = DEFAULT_WORDING) => ({
			id,
			initial: 'intake',
			states: { ...intake('review'), ...review('expertReview'), ...expert, ...decisionIn(w), ...issuing, ...finalsIn(w) }
		})
	},
	joint: {
		label: '1+N 会商会审',
		make: (id: string, departments: string[] = [], names: Record<string, string> = {}, lead?: string, w: Wording = DEFAULT_WORDING) => {
			const problem = jointProblem(departments);
			if (problem) throw new Error(problem);
			return {
				id,
				initial: 'intake',
				states: {
					...intake('jointReview'),
					...joint(departments, names, lead),
					decision: { meta: { label: w.decision, role: 'decider', phase: 'review', budgetDays: 1 }, on: { APPROVE: 'issuing', DENY: 'denied' } },
					...issuing,
					...finalsIn(w)
				}
			};
		}
	}
} as const satisfies Record<
	string,
	{ label: string; make: (id: string, departments?: string[], names?: Record<string, string>, lead?: string, wording?: Wording) => Json }
>;
export type TemplateKind = keyof typeof WORKFLOW_TEMPLATES;
