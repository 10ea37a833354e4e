import { z } from 'zod';
import { FileRef, Ident, Phone, SchemaVersion, Slug, WorkingDays } from './common';
import { Situation } from './situations';
import { Form } from './form';
import { Material } from './materials';
import { Workflow } from './workflow';
import { CertificateMapping } from './certificate';
import { ITEM_TYPES, LEVELS, POWER_SOURCES } from './item-labels';
import { FeeCharge } from './fees';

export { ITEM_TYPES, POWER_SOURCES, LEVELS };
const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const LegalBasis = z.strictObject({
	title: z.string().min(2).describe('法律法规名称'),
	article: z.string().min(2).describe('条款, e.g. 第十二条'),
	text: z.string().optional()
});

export const Fees = z.discriminatedUnion('free', [
	z.strictObject({ free: z.literal(true) }),
	z.strictObject({
		free: z.literal(false),
		items: z.array(z.strictObject({ name: z.string(), standard: z.string(), basis: z.string(), charge: FeeCharge.optional() })).min(1)
	})
]);

export const Result = z
	.strictObject({
		type: z.enum(['licence', 'certificate', 'approvalDocument', 'confirmation', 'other']),
		name: z.string().min(2),
		sampleFile: FileRef.optional(),
		electronicLicence: z.boolean(),
		licenceType: z.string().optional(),
		validYears: z.number().positive().optional(),
		/** 证书内容: each field of the licence type's certificate template → where its value comes from */
		certificate: CertificateMapping.optional().describe('证书字段映射')
	})
	.refine((r) => !r.electronicLicence || !!r.licenceType, {
		message: '电子证照结果须指定证照类型 (licenceType)',
		path: ['licenceType']
	});

export const Item = z
	.strictObject({
		$schema: z.string().optional(),
		schemaVersion: SchemaVersion,
		id: Slug.describe('stable id, also the file name'),
		basicCode: z
			.string()
			.regex(/^[0-9A-Z]{8,24}$/, '基本编码格式不正确')
			.describe('基本编码'),
		implementationCode: z
			.string()
			.regex(/^[0-9A-Z]{12,40}$/, '实施编码格式不正确')
			.describe('实施编码'),
		name: z.string().min(2).describe('事项主项名称'),
		subName: z.string().optional().describe('子项名称'),
		keywords: z.array(z.string()).default([]),
		theme: z.string().optional().describe('life event / theme for the portal'),
		type: z.enum(keys(ITEM_TYPES)).describe('事项类型 (6+1)'),
		powerSource: z.enum(keys(POWER_SOURCES)).describe('权力来源'),
		legalBasis: z.array(LegalBasis).min(1).describe('设定依据'),
		department: z.string().min(1).describe('实施主体'),
		level: z.enum(keys(LEVELS)).describe('行使层级'),
		region: z.string().describe('region code'),
		serviceObjects: z
			.array(z.enum(['citizen', 'legalPerson']))
			.min(1)
			.describe('服务对象'),
		acceptanceConditions: z.array(z.string().min(2)).min(1).describe('受理条件'),
		caseType: z.enum(['immediate', 'promised']).describe('办件类型: 即办件 / 承诺件'),
		legalLimitDays: WorkingDays.describe('法定办结时限 (工作日)'),
		promisedLimitDays: WorkingDays.describe('承诺办结时限 (工作日)'),
		visits: z.union([z.literal(0), z.literal(1), z.literal('n')]).describe('到办事现场次数'),
		onlineDepth: z.number().int().min(1).max(4).describe('网办深度 1–4'),
		fees: Fees.describe('收费项目'),
		consultPhone: Phone.describe('咨询电话'),
		complaintPhone: Phone.describe('投诉电话'),
		locations: z
			.array(z.strictObject({ name: z.string(), address: z.string(), hours: z.string() }))
			.min(1)
			.describe('办理地点和时间'),
		specialProcedures: z
			.array(
				z.strictObject({
					kind: z.enum(['inspection', 'expertReview', 'hearing', 'publicNotice', 'other']),
					name: z.string(),
					maxDays: WorkingDays
				})
			)
			.default([])
			.describe('特别程序, 不计入时限'),
		result: Result.describe('审批结果'),
		discretion: z.enum(['encouraged', 'restricted', 'prohibited']).describe('自由裁量: 鼓励类/限制类/禁止类'),
		inspectionChecklist: z
			.array(z.strictObject({ id: Ident, standard: z.string().min(2), required: z.boolean().default(true) }))
			.default([])
			.describe('打勾式现场踏勘标准'),
		intermediaryServices: z.array(z.string()).default([]).describe('中介服务: ids in dictionaries/intermediary-services.json'),
		delivery: z
			.array(z.enum(['window', 'post', 'online']))
			.default(['window'])
			.describe('送达方式'),
		situations: z.array(Situation).default([]),
		form: Form,
		materials: z.array(Material).default([]),
		workflow: Workflow
	})
	.superRefine((item, ctx) => {
		if (item.promisedLimitDays > item.legalLimitDays)
			ctx.addIssue({
				code: 'custom',
				path: ['promisedLimitDays'],
				message: `承诺时限 ${item.promisedLimitDays} 个工作日超过法定时限 ${item.legalLimitDays} 个工作日`
			});
		if (item.caseType === 'immediate' && item.promisedLimitDays > 1)
			ctx.addIssue({ code: 'custom', path: ['promisedLimitDays'], message: '即办件的承诺时限不应超过 1 个工作日' });
		for (const [i, m] of item.materials.entries()) {
			if (m.deferrable.allowed && m.deferrable.withinDays > item.promisedLimitDays)
				ctx.addIssue({
					code: 'custom',
					path: ['materials', i, 'deferrable', 'withinDays'],
					message: `容缺补齐期限 ${m.deferrable.withinDays} 天不得超过承诺时限 ${item.promisedLimitDays} 天`
				});
		}
	})
	.meta({ id: 'Item', title: '政务服务事项' });
export type Item = z.infer<typeof Item>;
export type ItemInput = z.input<typeof Item>;
