import { z } from 'zod';
import { ConditionSchema } from './condition-schema';
import { FileRef, Ident, WorkingDays } from './common';
import { DATASET_IDS } from '../shared-data/dataset-ids';

export const MaterialSource = z.discriminatedUnion('kind', [
	z.strictObject({ kind: z.literal('upload') }),
	z.strictObject({ kind: z.literal('licence'), licenceType: z.string().min(1).describe('电子证照类型代码') }),
	z.strictObject({
		kind: z.literal('commitment'),
		text: z.string().min(10).describe('告知承诺书正文'),
		verification: z.strictObject({
			method: z.string().min(2).describe('核查方式'),
			withinDays: WorkingDays.describe('决定后多少个工作日内核查')
		})
	}),
	z.strictObject({
		kind: z.literal('shared'),
		department: z.string().min(1),
		dataset: z.string().min(2).describe('共享数据名称'),
		fetch: z
			.enum(DATASET_IDS)
			.optional()
			.describe('经申请人授权，从共享部门接口获取的数据集（hukou 户籍、socialInsurance 社保缴费、marriage 婚姻登记、realEstate 不动产）；不填则只作说明')
	})
]);
export type MaterialSource = z.infer<typeof MaterialSource>;

/** 申请材料 */
export const Material = z
	.strictObject({
		id: Ident,
		name: z.string().min(2),
		key: z.string().optional().describe('shared identity across items, used to ask once in a bundle'),
		category: z.enum(['identity', 'qualification', 'application', 'proof', 'plan', 'other']).describe('材料类型'),
		required: z.union([z.enum(['always', 'optional']), z.strictObject({ when: ConditionSchema })]),
		forms: z
			.array(z.enum(['original', 'copy', 'electronic']))
			.min(1)
			.describe('材料形式'),
		copies: z.number().int().min(0).default(1),
		templateFile: FileRef.optional().describe('空白表格'),
		sampleFile: FileRef.optional().describe('示例样表'),
		sources: z.array(MaterialSource).min(1).describe('来源渠道, first is the default'),
		deferrable: z
			.union([z.strictObject({ allowed: z.literal(false) }), z.strictObject({ allowed: z.literal(true), withinDays: WorkingDays })])
			.default({ allowed: false })
			.describe('容缺受理'),
		accept: z.array(z.string().regex(/^[a-z0-9]+$/)).default(['pdf', 'jpg', 'png']),
		maxSizeMB: z.number().positive().max(100).default(10),
		note: z.string().optional()
	})
	.meta({ id: 'Material', title: '申请材料' });
export type Material = z.infer<typeof Material>;
