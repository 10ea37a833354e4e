import { z } from 'zod';
import { OnBehalfOf } from '../core/cases/intake';
import { EventBody, SubmitBody } from '../core/cases/service';

/**
 * Request bodies the API handlers validate with, defined once here so the OpenAPI document (api-spec.ts) describes the very
 * schema objects the handlers parse with. Bodies owned by the core (EventBody, VerifyBody, …) stay where they are.
 */

/** A submission; `onBehalfOf: {applicant, authorisation}` when the front desk files for a citizen (帮办代办). */
export const CaseSubmitBody = SubmitBody.extend({ onBehalfOf: OnBehalfOf.optional() });

export const CaseSearchBody = z.strictObject({ identifier: z.string().describe('身份证号码或手机号码') });

export const CitizenSearchBody = z.strictObject({ identifier: z.string().max(40, '证件号码不超过 40 个字符').describe('身份证号码或手机号码') });

export const ComposeBody = z.strictObject({
	service: z.strictObject({ kind: z.enum(['item', 'bundle']), id: z.string().min(1) }),
	answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({})
});

export const TotpConfirmBody = z.strictObject({
	challenge: z.string({ message: '缺少 challenge（开始启用时返回）' }).min(1, '缺少 challenge（开始启用时返回）').max(2000),
	code: z.string({ message: '请输入 6 位动态验证码' }).max(20, '动态验证码应为 6 位数字')
});

export const Credentials = z
	.strictObject({
		username: z.string().trim().max(200, '用户名不超过 200 个字符').optional(),
		password: z.string().max(1024, '密码不超过 1024 个字符').optional(),
		code: z.string().max(20, '动态验证码不超过 20 个字符').optional(),
		challenge: z.string().max(2000, 'challenge 不超过 2000 个字符').optional()
	})
	.superRefine((c, ctx) => {
		if (c.challenge) return; // the second step: the password was checked already
		if (!c.username) ctx.addIssue({ code: 'custom', path: ['username'], message: '请输入用户名' });
		if (!c.password) ctx.addIssue({ code: 'custom', path: ['password'], message: '请输入密码' });
	});

const record = (label: string) => z.record(z.string(), z.unknown(), { message: `${label}须为对象` }).default({});
/** A saved, unsubmitted application (保存草稿). */
export const DraftBody = z.strictObject(
	{ answers: record('情形答案 answers'), data: record('表单数据 data'), materials: record('材料 materials') },
	{ error: (i) => (i.code === 'unrecognized_keys' ? `不支持的字段：${i.keys.join('、')}` : '草稿须为对象') }
);

export const TestClockBody = z.strictObject({
	advanceHours: z
		.number()
		.min(0)
		.max(24 * 400)
});

/** A department system's decision on a case (POST /api/departments/results): the case and the event as a reviewer posts it. */
export const DepartmentResultBody = EventBody.extend({
	caseId: z.string({ message: '须提供办件编号 caseId' }).min(1, '须提供办件编号 caseId').describe('办件编号')
});

/** 消息中心: mark these messages read, or every message when `ids` is absent. */
export const MessagesReadBody = z.strictObject({
	ids: z.array(z.string().min(1).max(100), { message: 'ids 应为消息编号的数组' }).min(1, 'ids 不能为空（全部标为已读时省略 ids）').max(200).optional()
});
