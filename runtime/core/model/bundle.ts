import { z } from 'zod';
import { ConditionSchema } from './condition-schema';
import { SchemaVersion, Slug, WorkingDays } from './common';
import { Situation } from './situations';

/** 一件事: several items a citizen sees as one event. */
export const Bundle = z
	.strictObject({
		$schema: z.string().optional(),
		schemaVersion: SchemaVersion,
		id: Slug,
		name: z.string().min(2),
		theme: z.string().optional(),
		keywords: z.array(z.string()).default([]),
		guide: z.string().min(10).describe('一份指南: the bundle guide text'),
		leadDepartment: z.string().min(1).describe('牵头部门'),
		frontDesk: z.strictObject({ department: z.string(), label: z.string().default('综合受理') }),
		situations: z.array(Situation).default([]),
		members: z
			.array(
				z.strictObject({
					item: Slug,
					includeWhen: ConditionSchema.optional().describe('on bundle answers; absent = always'),
					answers: z.record(z.string(), z.string()).optional().describe('member question id → bundle question id'),
					requires: z
						.array(Slug)
						.default([])
						.describe('前置事项: members whose approval this one needs; if one is denied, this member ends with a stated reason instead of issuing')
				})
			)
			.min(2, '一件事至少包含两个事项'),
		fieldMappings: z
			.array(
				z.strictObject({
					item: Slug,
					field: z.string(),
					target: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
					canonical: z.boolean().optional().describe('this field’s schema wins when merged fields differ')
				})
			)
			.default([]),
		materialMappings: z
			.array(
				z.strictObject({
					material: z.string().describe('the material as composed, e.g. licence_ID_CARD or a shared key'),
					canonical: Slug.describe('the member item whose requirements (forms, copies, files, 容缺) apply')
				})
			)
			.default([])
			.describe('how a material several members ask for, with different requirements, is asked once'),
		issuance: z
			.strictObject({
				department: z.string(),
				label: z.string().default('统一出件'),
				delivery: z.array(z.enum(['window', 'post', 'online'])).min(1, '至少选择一种送达方式'),
				budgetDays: WorkingDays.default(1)
			})
			.describe('一个窗口出证'),
		intakeBudgetDays: WorkingDays.default(1),
		outcomeRule: z
			.enum(['each', 'all'])
			.default('each')
			.describe('办结规则: each = every member approved is issued on its own; all = one denial ends every member (all or nothing)'),
		combinedResult: z
			.strictObject({
				name: z.string().trim().min(2, '合并结果名称至少 2 个字').describe('e.g. 退休一件事办结通知书'),
				licenceType: z.string().min(1, '请选择证照类型').describe('a licence type of the dictionary: its numbering rule gives the number'),
				department: z.string().min(1).optional().describe('出证部门, whose seal signs it; absent = the lead department')
			})
			.optional()
			.describe(
				'多证合一: one electronic licence listing every member approval, issued with the members’ results (outcomeRule all: only when every member is approved; each: the approved members)'
			)
	})
	.meta({ id: 'Bundle', title: '一件事' });
export type Bundle = z.infer<typeof Bundle>;
