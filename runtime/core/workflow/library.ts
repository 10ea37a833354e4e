import { assign } from 'xstate';
import { z } from 'zod';
import { readPath } from '../model/condition';
import type { CaseContext } from '../cases/state';
import { EVENTS, type MachineEvent } from '../cases/events';

export type { CaseContext };

type Ev = MachineEvent & { checklist?: { id: string; passed: boolean; required?: boolean; branch?: string }[]; material?: string };
type GuardArgs = { context: CaseContext; event: Ev };
type GuardRef = { type: string; params?: Record<string, unknown> };

interface GuardDef {
	label: string;
	params: z.ZodType;
	test: (args: GuardArgs, params: any) => boolean;
}

/** The fixed, tested guard library. Definitions reference these by name. */
export const GUARDS: Record<string, GuardDef> = {
	inspectionPassed: {
		label: '踏勘全部合格',
		params: z.strictObject({}).optional(),
		test: ({ event }) => Array.isArray(event.checklist) && event.checklist.every((t) => t.passed || t.required === false)
	},
	answerIs: {
		label: '办事情形为指定选项',
		params: z.strictObject({ question: z.string().describe('办事情形'), value: z.string().describe('选项') }),
		test: ({ context }, p) => {
			const v = context.answers[p.question];
			return Array.isArray(v) ? v.includes(p.value) : v === p.value;
		}
	},
	hasCommitment: {
		label: '申请人选择告知承诺',
		params: z.strictObject({}).optional(),
		test: ({ context }) => context.commitments.length > 0
	},
	noPendingMaterials: {
		label: '容缺材料已补齐',
		params: z.strictObject({}).optional(),
		test: ({ context }) => context.pending.length === 0
	},
	fieldAbove: {
		label: '字段数值大于阈值',
		params: z.strictObject({ field: z.string().describe('字段'), value: z.number().describe('阈值') }),
		test: ({ context }, p) => Number(readPath(context.data, p.field)) > p.value
	},
	prerequisiteDenied: {
		label: '前置事项未获准予',
		params: z.strictObject({ member: z.string().describe('本事项'), requires: z.array(z.string()).describe('前置事项') }),
		test: ({ context }, p: { member: string; requires: string[] }) =>
			context.outcomes[p.member] !== 'denied' && p.requires.some((r) => context.outcomes[r] === 'denied')
	},
	anyBranchApproved: {
		label: '至少一个部门准予',
		params: z.strictObject({}).optional(),
		test: ({ context }) => Object.values(context.outcomes).includes('approved')
	},
	allBranchesApproved: {
		label: '所有部门均准予',
		params: z.strictObject({}).optional(),
		test: ({ context }) => {
			const v = Object.values(context.outcomes);
			return v.length > 0 && v.every((o) => o === 'approved');
		}
	},
	onBranch: {
		label: '事件属于本部门分支',
		params: z.strictObject({
			branch: z.string().describe('分支（部门）'),
			guard: z.strictObject({ type: z.string(), params: z.record(z.string(), z.unknown()).optional() }).optional()
		}),
		test: (args, p: { branch: string; guard?: GuardRef }) => {
			const { event } = args;
			const mine = event.branch === p.branch || (event.branches ?? []).includes(p.branch);
			if (!mine) return false;
			if (!p.guard) return true;
			const inner = GUARDS[p.guard.type];
			// a joint inspection's record holds several branches' ticks: each branch is judged on its own
			const checklist = event.checklist?.filter((t) => !t.branch || t.branch === p.branch);
			return !!inner && inner.test({ ...args, event: { ...event, ...(checklist ? { checklist } : {}) } }, p.guard.params ?? {});
		}
	}
};

/**
 * 自由裁量 route rules (鼓励类 / 限制类 / 禁止类), applied to every item's workflow when it is composed (discretion.ts):
 * a step marked `meta.leadership` (领导签批) is skipped for 鼓励类 — transitions into it go on to where its PASS leads — and
 * kept for 限制类 (publishing warns when there is none: 审批决定 is then the only sign-off); a 禁止类 item must have one and
 * may have no APPROVE transition at all (errors). The cases that went through a leadership step are counted in the metrics.
 */
export const DISCRETION_ROUTES = {
	encouraged: { leadership: 'skip', approve: true, rule: '鼓励类：不报领导签批，审查通过后直接进入审批决定' },
	restricted: { leadership: 'require', approve: true, rule: '限制类：须经领导签批' },
	prohibited: { leadership: 'require', approve: false, rule: '禁止类：须经领导签批，且不得有准予路径' }
} as const satisfies Record<string, { leadership: 'skip' | 'require'; approve: boolean; rule: string }>;
export type Discretion = keyof typeof DISCRETION_ROUTES;

interface ActionDef {
	label: string;
	params: z.ZodType;
	/** side effects run after the transition is committed; assigns run inside the pure transition */
	kind: 'assign' | 'effect';
}

export const ACTIONS: Record<string, ActionDef> = {
	recordOutcome: {
		label: '记录部门审批结果',
		params: z.strictObject({ branch: z.string().describe('分支（部门）').optional(), outcome: z.enum(['approved', 'denied']).describe('审批结果') }),
		kind: 'assign'
	},
	recordSupplied: { label: '登记补交的容缺材料', params: z.strictObject({}).optional(), kind: 'assign' },
	recordPrerequisiteDenied: {
		label: '前置事项未获准予，本事项终结',
		params: z.strictObject({
			member: z.string().describe('本事项'),
			requires: z.array(z.string()).describe('前置事项'),
			names: z.record(z.string(), z.string()).optional()
		}),
		kind: 'assign'
	},
	issueResult: { label: '生成审批结果和电子证照', params: z.strictObject({}).optional(), kind: 'effect' },
	notifyApplicant: { label: '通知申请人', params: z.strictObject({ template: z.string().describe('通知模板') }).optional(), kind: 'effect' },
	scheduleVerification: { label: '安排告知承诺核查', params: z.strictObject({}).optional(), kind: 'effect' }
};

const effect = () => {};

/** Implementations handed to xstate `setup`: every context change is an assign; effects are no-ops here and run from decide's output. */
export function machineImplementations() {
	const guards = Object.fromEntries(Object.entries(GUARDS).map(([name, g]) => [name, (args: GuardArgs, params: unknown) => g.test(args, params ?? {})]));
	const actions = {
		recordOutcome: assign(({ context }: { context: CaseContext }, p: { branch?: string; outcome: 'approved' | 'denied' }) => ({
			outcomes: { ...context.outcomes, [p.branch ?? '_']: p.outcome }
		})),
		recordPrerequisiteDenied: assign(({ context }: { context: CaseContext }, p: { member: string; requires: string[]; names?: Record<string, string> }) => {
			const denied = p.requires.filter((r) => context.outcomes[r] === 'denied').map((r) => p.names?.[r] ?? r);
			return {
				outcomes: { ...context.outcomes, [p.member]: 'denied' as const },
				outcomeReasons: { ...context.outcomeReasons, [p.member]: `前置事项「${denied.join('、')}」未获准予，本事项不再办理` }
			};
		}),
		recordSupplied: assign(({ context, event }: { context: CaseContext; event: MachineEvent }) => EVENTS.SUPPLY.assign!(context, event)),
		/** the platform's part of every transition: what the event itself changes in the context */
		applyEvent: assign(({ context, event }: { context: CaseContext; event: MachineEvent }) => {
			const own = EVENTS[event.type as keyof typeof EVENTS]?.assign?.(context, event) ?? {};
			// 字段权限: the fields a step completed or changed (checked by the service before it was logged)
			const fields = event.fields as Record<string, unknown> | undefined;
			return fields ? { ...own, data: { ...(own.data ?? context.data), ...fields } } : own;
		}),
		issueResult: effect,
		notifyApplicant: effect,
		scheduleVerification: effect
	};
	return { guards, actions };
}
