import { z } from 'zod';
import type { EventType } from '../model/workflow';

const reason = z.string().trim().min(2, '请填写理由（至少 2 个字）');
const opinion = z.string().trim().optional();

/** A problem in a 补正 notice, tied to one field or material. */
export const Problem = z.strictObject({
	target: z.strictObject({ kind: z.enum(['field', 'material']), id: z.string().min(1) }),
	message: z.string().trim().min(2, '请写明需要补正的内容')
});
export type Problem = z.infer<typeof Problem>;

export const ProvidedMaterial = z.discriminatedUnion('source', [
	z.strictObject({ source: z.literal('upload'), files: z.array(z.string().regex(/^[A-Za-z0-9_-]+$/)).min(1, '请上传文件') }),
	z.strictObject({ source: z.literal('licence'), licenceId: z.string().min(1) }),
	z.strictObject({ source: z.literal('commitment'), signed: z.literal(true, { message: '请勾选同意承诺' }) }),
	z.strictObject({ source: z.literal('shared') }),
	z.strictObject({ source: z.literal('deferred') })
]);
export type ProvidedMaterial = z.infer<typeof ProvidedMaterial>;

/** Payload schema of every event people send. */
export const EVENT_PAYLOADS: Record<EventType, z.ZodType<Record<string, unknown>>> = {
	ACCEPT: z.strictObject({ opinion }),
	REJECT: z.strictObject({ reason }),
	REQUEST_CORRECTION: z.strictObject({ problems: z.array(Problem).min(1, '补正通知须列出至少一个问题（一次性告知）') }),
	RESUBMIT: z.strictObject({
		data: z.record(z.string(), z.unknown()).default({}),
		materials: z.record(z.string(), ProvidedMaterial).default({}),
		licenceConsent: z.boolean().default(false)
	}),
	PASS: z.strictObject({ opinion }),
	RETURN: z.strictObject({ reason }),
	START_SPECIAL: z.strictObject({ kind: z.string().min(1), reason }),
	INSPECT: z.strictObject({
		checklist: z.array(z.strictObject({ id: z.string(), passed: z.boolean(), remark: z.string().optional() })).min(1, '踏勘记录须逐项勾选合格或不合格'),
		remark: z.string().optional()
	}),
	EXPERT_REVIEW: z.strictObject({ conclusion: z.enum(['pass', 'fail']), opinion: reason }),
	APPROVE: z.strictObject({ opinion }),
	DENY: z.strictObject({ reason }),
	ISSUE: z.strictObject({ delivery: z.enum(['window', 'post', 'online']).default('online'), trackingNumber: z.string().optional() }),
	SUPPLY: z.strictObject({ material: z.string().min(1), provided: ProvidedMaterial, licenceConsent: z.boolean().default(false) }),
	WITHDRAW: z.strictObject({ reason: z.string().optional() })
};

export const EVENT_LABELS: Record<EventType, string> = {
	ACCEPT: '受理',
	REJECT: '不予受理',
	REQUEST_CORRECTION: '一次性告知补正',
	RESUBMIT: '提交补正',
	PASS: '审查通过',
	RETURN: '退回',
	START_SPECIAL: '启动特别程序',
	INSPECT: '提交踏勘记录',
	EXPERT_REVIEW: '提交专家评审意见',
	APPROVE: '准予',
	DENY: '不予许可',
	ISSUE: '出件办结',
	SUPPLY: '补交容缺材料',
	WITHDRAW: '撤回申请'
};

/** Who records what the platform does by itself (deadlines). */
export const SYSTEM_ACTOR = { id: 'system', name: '系统（时限监控）', roles: [] as string[] };

/** Labels of every event in a case's log: the workflow's, plus 告知承诺核查 and the platform's termination. */
export const LOG_LABELS: Record<string, string> = { ...EVENT_LABELS, VERIFY: '告知承诺核查', TERMINATE: '办件终止' };
