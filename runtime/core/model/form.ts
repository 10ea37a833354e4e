import { z } from 'zod';
import { ConditionSchema } from './condition-schema';
import { Subject } from './subjects';

/** One property of the form's JSON Schema (draft-07); keywords and values checked by schema/subset.ts at definitions:check. */
export const FieldSchema = z
	.looseObject({
		type: z.enum(['string', 'number', 'integer', 'boolean', 'array', 'object']),
		title: z.string().min(1, '字段须有中文标题 (title)')
	})
	.meta({ id: 'FieldSchema' });

export const FieldMeta = z.strictObject({
	semanticKey: z.string().optional().describe('shared dictionary key used to merge and prefill'),
	subject: Subject.optional().describe("whose data the field holds; absent = its semantic key's subject, else the applicant"),
	visibleWhen: ConditionSchema.optional(),
	requiredWhen: ConditionSchema.optional()
});
export type FieldMeta = z.infer<typeof FieldMeta>;

/** 表单: JSON Schema draft-07 + UI schema (rjsf / @sjsf conventions) + per-field semantics. */
export const Form = z
	.strictObject({
		schema: z.looseObject({
			type: z.literal('object'),
			properties: z.record(z.string(), FieldSchema),
			required: z.array(z.string()).optional()
		}),
		uiSchema: z.record(z.string(), z.unknown()).default({}),
		fields: z.record(z.string(), FieldMeta).default({}).describe('keyed by dotted field path')
	})
	.meta({ id: 'Form', title: '申请表单' });
export type Form = z.infer<typeof Form>;
