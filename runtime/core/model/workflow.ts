import { z } from 'zod';
import { Ident, WorkingDays } from './common';
import { StepAccess } from './access';

/** State keys: identifiers or item ids (bundle regions are keyed by item id). */
export const StateKey = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_-]*$/, '状态名只能包含字母、数字、下划线和连字符');

/** The fixed vocabulary of events people send; each maps to a payload schema (runtime/core/events.ts). */
export const EVENT_TYPES = [
	'ACCEPT', // 受理
	'REJECT', // 不予受理
	'REQUEST_CORRECTION', // 补正 (一次性告知)
	'RESUBMIT', // 申请人补正后重新提交
	'PASS', // 审查通过, 转下一环节
	'RETURN', // 退回上一环节
	'START_SPECIAL', // 启动特别程序
	'INSPECT', // 现场踏勘 (打勾式)
	'EXPERT_REVIEW', // 专家评审结论
	'APPROVE', // 准予
	'DENY', // 不予许可
	'ISSUE', // 出件 / 办结
	'SUPPLY', // 补交容缺材料
	'WITHDRAW' // 申请人撤回
] as const;
export const EventType = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventType>;

export const NamedRef = z.union([Ident, z.strictObject({ type: Ident, params: z.record(z.string(), z.unknown()).optional() })]);
export type NamedRef = z.infer<typeof NamedRef>;

export const TransitionSchema = z.union([
	z.string(),
	z.strictObject({
		target: z.string().optional(),
		guard: NamedRef.optional(),
		actions: z.union([NamedRef, z.array(NamedRef)]).optional(),
		description: z.string().optional()
	})
]);
export type TransitionDef = z.infer<typeof TransitionSchema>;

/** 开卷式审批: one published review standard (技术审查标准) a step checks; the officer ticks each when acting. */
export const ReviewStandard = z.strictObject({
	id: Ident,
	standard: z.string().min(2, '审查标准至少 2 个字').describe('审查标准 (published in the guide)'),
	basis: z.string().optional().describe('依据 (law, regulation or technical norm)'),
	required: z.boolean().optional().describe('absent or true: must be met to pass or approve')
});
export type ReviewStandard = z.infer<typeof ReviewStandard>;

export const StateMeta = z.strictObject({
	label: z.string().min(1).describe('环节名称 (zh)'),
	role: z.string().optional().describe('acting role id; applicant for citizen steps'),
	department: z.string().optional().describe('acting department; defaults to the item 实施主体'),
	budgetDays: WorkingDays.optional().describe('time budget of this step in working days'),
	pausesClock: z.boolean().optional().describe('补正, 踏勘, 专家评审: the limit clock stops'),
	pauseKind: z.enum(['correction', 'inspection', 'expertReview', 'hearing', 'publicNotice']).optional(),
	phase: z.enum(['intake', 'review', 'issue']).optional(),
	outcome: z.enum(['closed', 'rejected', 'denied', 'withdrawn', 'approved']).optional().describe('for final states'),
	checklist: z.boolean().optional().describe('this step records the item inspection checklist'),
	standards: z.array(ReviewStandard).optional().describe('开卷式审批: review standards ticked at this step, shown in the guide'),
	leadership: z.boolean().optional().describe('领导签批: skipped for 鼓励类 items, required for 限制类 (workflow/library.ts DISCRETION_ROUTES)'),
	access: StepAccess.optional()
});
export type StateMeta = z.infer<typeof StateMeta>;

export interface StateNodeDef {
	type?: 'atomic' | 'compound' | 'parallel' | 'final';
	initial?: string;
	states?: Record<string, StateNodeDef>;
	on?: Partial<Record<EventType, TransitionDef | TransitionDef[]>>;
	onDone?: TransitionDef | TransitionDef[];
	/** eventless transitions: added by bundle composition only (prerequisite members), never in definitions */
	always?: TransitionDef | TransitionDef[];
	entry?: NamedRef | NamedRef[];
	exit?: NamedRef | NamedRef[];
	meta?: StateMeta;
	description?: string;
}

const transitions = z.union([TransitionSchema, z.array(TransitionSchema)]);
const refs = z.union([NamedRef, z.array(NamedRef)]);

export const StateNode: z.ZodType<StateNodeDef> = z
	.lazy(() =>
		z.strictObject({
			type: z.enum(['atomic', 'compound', 'parallel', 'final']).optional(),
			initial: z.string().optional(),
			states: z.record(StateKey, StateNode).optional(),
			on: z.partialRecord(EventType, transitions).optional(),
			onDone: transitions.optional(),
			entry: refs.optional(),
			exit: refs.optional(),
			meta: StateMeta.optional(),
			description: z.string().optional()
		})
	)
	.meta({ id: 'StateNode' });

/** 办理流程: an xstate v5 machine config as pure JSON. Guards and actions are names from the runtime library. */
export const Workflow = z
	.strictObject({
		id: z.string().min(1),
		initial: StateKey,
		states: z.record(StateKey, StateNode),
		on: z.partialRecord(EventType, transitions).optional()
	})
	.meta({ id: 'Workflow', title: '办理流程 (xstate)' });
export type Workflow = z.infer<typeof Workflow>;
