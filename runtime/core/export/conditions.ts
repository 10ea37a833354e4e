// Our condition language → plain JSON Schema (draft-07) that holds for a form-data object exactly when `evaluate` does.
// Answers live in the exported object under `situationsKey`; field leaves read dotted paths from the root, as evaluate does.
// Limits: gt/gte/lt/lte compare JSON numbers only (evaluate also reads numeric strings; our numeric fields are numbers).
import type { Condition } from '../model/condition';

export type JsonSchema = Record<string, unknown>;

/** A condition that may also be known to hold always (true) or never (false). */
export type Cond = Condition | boolean;

/** Values evaluate counts as not filled: undefined (absent), null, '' and []. */
const EMPTY = { enum: [null, '', []] };

export function and(...cs: Cond[]): Cond {
	if (cs.includes(false)) return false;
	const list = cs.filter((c): c is Condition => c !== true);
	const flat = list.flatMap((c) => ('all' in c ? c.all : [c]));
	const unique = flat.filter((c, i) => flat.findIndex((x) => JSON.stringify(x) === JSON.stringify(c)) === i);
	return unique.length === 0 ? true : unique.length === 1 ? unique[0] : { all: unique };
}

export function or(...cs: Cond[]): Cond {
	if (cs.includes(true)) return true;
	const list = cs.filter((c): c is Condition => c !== false);
	const unique = list.filter((c, i) => list.findIndex((x) => JSON.stringify(x) === JSON.stringify(c)) === i);
	return unique.length === 0 ? false : unique.length === 1 ? unique[0] : { any: unique };
}

export const not = (c: Cond): Cond => (typeof c === 'boolean' ? !c : 'not' in c ? c.not : { not: c });

/** `value` holds for the data at `path`; `present` also requires the path to exist (objects all the way down). */
function at(path: string[], value: JsonSchema, present: boolean): JsonSchema {
	let out = value;
	for (let i = path.length - 1; i >= 0; i--) out = { ...(present ? { type: 'object', required: [path[i]] } : {}), properties: { [path[i]]: out } };
	// the root is the form-data object itself: no type needed there
	if (present) delete out.type;
	return out;
}

type Leaf = Record<string, unknown>;

/** One operator of a leaf: the value's schema and whether evaluate needs a value there. */
function ops(c: Leaf): { schema: JsonSchema; present: boolean; negate?: boolean }[] {
	const out: { schema: JsonSchema; present: boolean; negate?: boolean }[] = [];
	const num = (k: string, key: string) => c[k] !== undefined && out.push({ schema: { type: 'number', [key]: c[k] }, present: true });
	for (const flag of ['answered', 'filled']) if (c[flag] !== undefined) out.push({ schema: { not: EMPTY }, present: true, negate: c[flag] === false });
	if (c.eq !== undefined) out.push({ schema: { const: c.eq }, present: true });
	if (c.ne !== undefined) out.push({ schema: { const: c.ne }, present: true, negate: true });
	if (c.in !== undefined) out.push({ schema: { enum: c.in }, present: true });
	if (c.includes !== undefined) out.push({ schema: { type: 'array', contains: { const: c.includes } }, present: true });
	num('gt', 'exclusiveMinimum');
	num('gte', 'minimum');
	num('lt', 'exclusiveMaximum');
	num('lte', 'maximum');
	return out;
}

/** The JSON Schema of a condition (true / false for the constant ones). */
export function conditionSchema(cond: Cond, situationsKey: string): JsonSchema | boolean {
	if (typeof cond === 'boolean') return cond;
	if ('all' in cond) return { allOf: cond.all.map((c) => conditionSchema(c, situationsKey)) };
	if ('any' in cond) return { anyOf: cond.any.map((c) => conditionSchema(c, situationsKey)) };
	if ('not' in cond) return { not: conditionSchema(cond.not, situationsKey) };
	const path = 'answer' in cond ? [situationsKey, cond.answer] : cond.field.split('.');
	const parts = ops(cond as Leaf).map((o) => {
		const s = at(path, o.schema, o.present);
		return o.negate ? { not: s } : s;
	});
	// a leaf with no operator holds always, as in evaluate
	return parts.length === 0 ? true : parts.length === 1 ? parts[0] : { allOf: parts };
}
