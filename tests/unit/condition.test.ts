import { describe, expect, it } from 'vitest';
import { evaluate, references, mapCondition } from '../../runtime/core/model/condition';
import { ConditionSchema } from '../../runtime/core/model/condition-schema';

describe('condition language', () => {
	const ctx = { answers: { route: 'overseas', kinds: ['a', 'b'] }, data: { age: 17, applicant: { name: '张三' } } };
	it('reads answers and fields', () => {
		expect(evaluate({ answer: 'route', eq: 'overseas' }, ctx)).toBe(true);
		expect(evaluate({ answer: 'route', in: ['ethnic'] }, ctx)).toBe(false);
		expect(evaluate({ answer: 'kinds', includes: 'b' }, ctx)).toBe(true);
		expect(evaluate({ field: 'age', lt: 18 }, ctx)).toBe(true);
		expect(evaluate({ field: 'applicant.name', filled: true }, ctx)).toBe(true);
		expect(evaluate({ field: 'applicant.idNumber', filled: true }, ctx)).toBe(false);
	});
	it('combines with all/any/not', () => {
		expect(evaluate({ all: [{ answer: 'route', eq: 'overseas' }, { not: { field: 'age', gte: 18 } }] }, ctx)).toBe(true);
		expect(
			evaluate(
				{
					any: [
						{ answer: 'route', eq: 'x' },
						{ field: 'age', gt: 20 }
					]
				},
				ctx
			)
		).toBe(false);
	});
	it('lists and renames references', () => {
		const c = { all: [{ answer: 'q1', eq: 'a' }, { any: [{ field: 'f.g', filled: true }] }] };
		expect(references(c)).toEqual({ answers: ['q1'], fields: ['f.g'] });
		expect(references(mapCondition(c, { answer: (q) => `item.${q}`, field: (f) => `x_${f}` }))).toEqual({ answers: ['item.q1'], fields: ['x_f.g'] });
	});
	it('refuses code and unknown operators', () => {
		expect(ConditionSchema.safeParse({ answer: 'q', eq: 'a' }).success).toBe(true);
		expect(ConditionSchema.safeParse({ answer: 'q', eval: 'process.exit()' }).success).toBe(false);
		expect(ConditionSchema.safeParse('a == b').success).toBe(false);
	});
});
