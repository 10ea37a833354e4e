// The JSON Schema a form may use: the keywords the browser interpreter (./interpret.ts) runs exactly as ajv does,
// with values ajv's draft-07 meta-schema accepts. Anything else is refused when a definition is checked,
// so the browser and the server never disagree about a form.
import { FORMAT_NAMES } from './formats';

export interface SchemaProblem {
	/** path below the schema, e.g. ['properties', 'name', 'minLength'] */
	path: (string | number)[];
	message: string;
}

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array']);
/** Annotations ajv does not validate with; `x-…` keys (such as x-error) are allowed too. */
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', '$comment', 'readOnly', 'writeOnly']);
export const VALIDATION_KEYWORDS = [
	'type',
	'enum',
	'const',
	'minLength',
	'maxLength',
	'pattern',
	'format',
	'minimum',
	'maximum',
	'exclusiveMinimum',
	'exclusiveMaximum',
	'multipleOf',
	'minItems',
	'maxItems',
	'uniqueItems',
	'items',
	'properties',
	'required',
	'additionalProperties',
	'anyOf',
	'oneOf',
	'allOf'
] as const;
const SUPPORTED = new Set<string>(VALIDATION_KEYWORDS);

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function regexProblem(p: string): string | undefined {
	try {
		new RegExp(p, 'u');
		return undefined;
	} catch (e) {
		return (e as Error).message;
	}
}

/** Every place in `schema` a form may not use, with a Chinese reason. */
export function schemaProblems(schema: unknown, path: (string | number)[] = []): SchemaProblem[] {
	const out: SchemaProblem[] = [];
	const add = (at: (string | number)[], message: string) => out.push({ path: at, message });
	if (!isObject(schema)) {
		add(path, '须为 JSON Schema 对象');
		return out;
	}
	for (const [k, v] of Object.entries(schema)) {
		const at = [...path, k];
		if (ANNOTATIONS.has(k) || k.startsWith('x-')) {
			if ((k === 'title' || k === 'description' || k === '$comment') && typeof v !== 'string') add(at, `「${k}」须为文字`);
			if (k === 'examples' && !Array.isArray(v)) add(at, '「examples」须为数组');
			if ((k === 'readOnly' || k === 'writeOnly') && typeof v !== 'boolean') add(at, `「${k}」须为 true 或 false`);
			continue;
		}
		if (!SUPPORTED.has(k)) {
			add(at, `不支持的 JSON Schema 关键字「${k}」：表单只能使用 ${VALIDATION_KEYWORDS.join('、')}，以及 title、description 等说明和 x- 开头的扩展`);
			continue;
		}
		const bad = valueProblem(k, v);
		if (bad) add(at, bad);
		else if (k === 'items' || k === 'additionalProperties') {
			if (isObject(v)) out.push(...schemaProblems(v, at));
		} else if (k === 'properties') for (const [name, sub] of Object.entries(v as object)) out.push(...schemaProblems(sub, [...at, name]));
		else if (k === 'anyOf' || k === 'oneOf' || k === 'allOf') (v as unknown[]).forEach((sub, i) => out.push(...schemaProblems(sub, [...at, i])));
	}
	return out;
}

/** Why a keyword's value is not one ajv's meta-schema accepts (undefined when it is). */
function valueProblem(k: string, v: unknown): string | undefined {
	switch (k) {
		case 'type': {
			const list = Array.isArray(v) ? v : [v];
			if (!list.length || list.some((t) => typeof t !== 'string' || !JSON_TYPES.has(t)) || new Set(list).size !== list.length)
				return `「type」须为 ${[...JSON_TYPES].join('、')} 之一，或由它们组成的不重复列表`;
			return undefined;
		}
		case 'enum':
			return Array.isArray(v) && v.length ? undefined : '「enum」须为至少有一个选项的数组';
		case 'const':
			return undefined;
		case 'minLength':
		case 'maxLength':
		case 'minItems':
		case 'maxItems':
			return isCount(v) ? undefined : `「${k}」须为非负整数`;
		case 'minimum':
		case 'maximum':
		case 'exclusiveMinimum':
		case 'exclusiveMaximum':
			return typeof v === 'number' && Number.isFinite(v) ? undefined : `「${k}」须为数字`;
		case 'multipleOf':
			return typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : '「multipleOf」须为大于 0 的数字';
		case 'pattern': {
			if (typeof v !== 'string') return '「pattern」须为正则表达式文字';
			const problem = regexProblem(v);
			return problem ? `「pattern」不是有效的正则表达式：${problem}` : undefined;
		}
		case 'format':
			return typeof v === 'string' && FORMAT_NAMES.has(v) ? undefined : `未知的格式「${String(v)}」，可用的格式：${[...FORMAT_NAMES].join('、')}`;
		case 'uniqueItems':
			return typeof v === 'boolean' ? undefined : '「uniqueItems」须为 true 或 false';
		case 'items':
			return isObject(v) ? undefined : '「items」须为一个 JSON Schema 对象（不支持元组或布尔值）';
		case 'properties':
			return isObject(v) ? undefined : '「properties」须为以字段标识为键的对象';
		case 'required':
			return Array.isArray(v) && v.every((x) => typeof x === 'string') && new Set(v).size === v.length ? undefined : '「required」须为不重复的字段标识列表';
		case 'additionalProperties':
			return typeof v === 'boolean' || isObject(v) ? undefined : '「additionalProperties」须为 true、false 或 JSON Schema 对象';
		default:
			// anyOf, oneOf, allOf
			return Array.isArray(v) && v.length ? undefined : `「${k}」须为至少有一项的 JSON Schema 数组`;
	}
}
