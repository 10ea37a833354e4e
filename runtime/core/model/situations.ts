import { z } from 'zod';
import { ConditionSchema } from './condition-schema';
import { Ident } from './common';
import { Subject } from './subjects';

export const SituationOption = z.strictObject({
	value: z.string().min(1),
	label: z.string().min(1),
	description: z.string().optional(),
	applicantIs: Subject.exclude(['applicant'])
		.optional()
		.describe("choosing this option declares the applicant is this person too (e.g. the guardian): the profile then fills that subject's fields")
});

/** 办事情形: a question whose answer selects form sections, materials and member items. */
export const Situation = z
	.strictObject({
		id: Ident,
		question: z.string().min(2),
		help: z.string().optional(),
		multiple: z.boolean().default(false),
		options: z.array(SituationOption).min(2, '至少两个选项'),
		askWhen: ConditionSchema.optional()
	})
	.meta({ id: 'Situation', title: '办事情形' });
export type Situation = z.infer<typeof Situation>;
