// 字段权限 per workflow step: what the acting role sees of the application, must complete, or may change there.
import { z } from 'zod';

export const FIELD_ACCESS = ['hidden', 'masked', 'read', 'edit', 'complete'] as const;
export type FieldAccess = (typeof FIELD_ACCESS)[number];
export const FIELD_ACCESS_LABELS: Record<FieldAccess, string> = {
	hidden: '不可见',
	masked: '脱敏显示',
	read: '只读',
	edit: '可修改',
	complete: '本环节填写'
};
export const MATERIAL_ACCESS = ['hidden', 'read'] as const;
export type MaterialAccess = (typeof MATERIAL_ACCESS)[number];

export const StepAccess = z
	.strictObject({
		others: z.enum(['hidden', 'masked', 'read']).default('read').describe('fields and materials the step does not list'),
		fields: z
			.record(z.string(), z.enum(FIELD_ACCESS))
			.default({})
			.describe('top-level form field → access; complete = filled by staff at this step, never asked of the applicant'),
		materials: z.record(z.string(), z.enum(MATERIAL_ACCESS)).default({}).describe('material id → access')
	})
	.describe('字段权限: what the acting role sees, must complete or may edit at this step');
export type StepAccess = z.infer<typeof StepAccess>;
