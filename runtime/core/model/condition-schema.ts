// The condition language's zod schema (definitions and the studio); kept apart so the browser's form rules stay zod-free.
import { z } from 'zod';
import type { Condition } from './condition';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const answerLeaf = z.strictObject({
	answer: z.string().min(1).describe('situation question id'),
	eq: scalar.optional(),
	ne: scalar.optional(),
	in: z.array(scalar).optional(),
	includes: scalar.optional().describe('for multiple-choice questions'),
	answered: z.boolean().optional()
});
const fieldLeaf = z.strictObject({
	field: z.string().min(1).describe('form field path, dotted'),
	eq: scalar.optional(),
	ne: scalar.optional(),
	in: z.array(scalar).optional(),
	gt: z.number().optional(),
	gte: z.number().optional(),
	lt: z.number().optional(),
	lte: z.number().optional(),
	includes: scalar.optional(),
	filled: z.boolean().optional()
});

export const ConditionSchema: z.ZodType<Condition> = z
	.lazy(() =>
		z.union([
			answerLeaf,
			fieldLeaf,
			z.strictObject({ all: z.array(ConditionSchema).min(1) }),
			z.strictObject({ any: z.array(ConditionSchema).min(1) }),
			z.strictObject({ not: ConditionSchema })
		])
	)
	.meta({ id: 'Condition', title: '条件' });
