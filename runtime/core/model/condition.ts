// Pure evaluation, no zod: the browser's form rules import this (the schema is in condition-schema.ts).
/**
 * A small, serialisable condition language (never eval).
 * Leaves read a situation answer (`answer`) or a form field (`field`, a dotted path).
 */
export type Condition =
	| { answer: string; eq?: Scalar; ne?: Scalar; in?: Scalar[]; includes?: Scalar; answered?: boolean }
	| { field: string; eq?: Scalar; ne?: Scalar; in?: Scalar[]; gt?: number; gte?: number; lt?: number; lte?: number; includes?: Scalar; filled?: boolean }
	| { all: Condition[] }
	| { any: Condition[] }
	| { not: Condition };
type Scalar = string | number | boolean;

export interface ConditionContext {
	answers: Record<string, unknown>;
	data?: Record<string, unknown>;
	/** rewrites a question id before lookup (bundle scoping) */
	answerKey?: (id: string) => string;
	fieldKey?: (path: string) => string;
}

export function readPath(data: unknown, path: string): unknown {
	// most conditions read a top-level field: no split
	if (!path.includes('.')) return data == null || typeof data !== 'object' ? undefined : (data as Record<string, unknown>)[path];
	let cur: unknown = data;
	for (const part of path.split('.')) {
		if (cur == null || typeof cur !== 'object') return undefined;
		cur = (cur as Record<string, unknown>)[part];
	}
	return cur;
}

function isFilled(v: unknown): boolean {
	if (v == null || v === '') return false;
	if (Array.isArray(v)) return v.length > 0;
	return true;
}

function compareLeaf(value: unknown, c: Record<string, unknown>): boolean {
	if ('answered' in c && c.answered !== undefined && isFilled(value) !== c.answered) return false;
	if ('filled' in c && c.filled !== undefined && isFilled(value) !== c.filled) return false;
	if (c.eq !== undefined && value !== c.eq) return false;
	if (c.ne !== undefined && value === c.ne) return false;
	if (c.in !== undefined && !(c.in as unknown[]).includes(value)) return false;
	if (c.includes !== undefined && !(Array.isArray(value) && value.includes(c.includes))) return false;
	const num = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
	if (c.gt !== undefined && !(num > (c.gt as number))) return false;
	if (c.gte !== undefined && !(num >= (c.gte as number))) return false;
	if (c.lt !== undefined && !(num < (c.lt as number))) return false;
	if (c.lte !== undefined && !(num <= (c.lte as number))) return false;
	return true;
}

export function evaluate(cond: Condition | undefined, ctx: ConditionContext): boolean {
	if (!cond) return true;
	if ('all' in cond) return cond.all.every((c) => evaluate(c, ctx));
	if ('any' in cond) return cond.any.some((c) => evaluate(c, ctx));
	if ('not' in cond) return !evaluate(cond.not, ctx);
	if ('answer' in cond) {
		const key = ctx.answerKey ? ctx.answerKey(cond.answer) : cond.answer;
		return compareLeaf(ctx.answers[key], cond);
	}
	const path = ctx.fieldKey ? ctx.fieldKey(cond.field) : cond.field;
	return compareLeaf(readPath(ctx.data ?? {}, path), cond);
}

/** Every question id and field path a condition reads. */
export function references(cond: Condition | undefined): { answers: string[]; fields: string[] } {
	const out = { answers: [] as string[], fields: [] as string[] };
	const walk = (c: Condition) => {
		if ('all' in c) c.all.forEach(walk);
		else if ('any' in c) c.any.forEach(walk);
		else if ('not' in c) walk(c.not);
		else if ('answer' in c) out.answers.push(c.answer);
		else out.fields.push(c.field);
	};
	if (cond) walk(cond);
	return out;
}

/** Rewrites every leaf's question id and field path. */
export function mapCondition(cond: Condition, rename: { answer?: (id: string) => string; field?: (path: string) => string }): Condition {
	if ('all' in cond) return { all: cond.all.map((c) => mapCondition(c, rename)) };
	if ('any' in cond) return { any: cond.any.map((c) => mapCondition(c, rename)) };
	if ('not' in cond) return { not: mapCondition(cond.not, rename) };
	if ('answer' in cond) return { ...cond, answer: rename.answer ? rename.answer(cond.answer) : cond.answer };
	return { ...cond, field: rename.field ? rename.field(cond.field) : cond.field };
}

/** Either condition holds; identical conditions collapse to one. */
export function eitherCondition(a: Condition, b: Condition): Condition {
	return JSON.stringify(a) === JSON.stringify(b) ? a : { any: [a, b] };
}
