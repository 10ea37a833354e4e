// Documented limits on one definition (definitions/README.md), checked on the raw JSON in linear time before zod or any workflow analysis runs.
import { jsonPath } from '../issues';

export const LIMITS = {
	/** serialized size of one item or bundle, in UTF-8 bytes (the API's body limit) */
	bytes: 1024 * 1024,
	/** nesting of objects and arrays */
	depth: 32,
	/** states of one workflow, nested and region states included */
	states: 200,
	/** form fields: properties of `form.schema`, nested ones included */
	fields: 300,
	/** member items of a bundle */
	members: 30
} as const;

/** Keys that would reach an object's prototype in code that copies or merges definitions. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** A refused definition names at most this many places. */
const MAX_PROBLEMS = 20;

export interface LimitProblem {
	path: string;
	message: string;
}

type Obj = Record<string, unknown>;
type Frame = { value: unknown; key?: string | number; parent?: Frame; depth: number };

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const pathOf = (f: Frame | undefined): string => {
	const parts: (string | number)[] = [];
	for (; f?.parent; f = f.parent) parts.push(f.key!);
	return jsonPath(parts.reverse());
};
const utf8Length = (s: string) => {
	let n = s.length;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0x80) n += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
	}
	return n;
};

/** Counts the values under `start` reached through `children`, iteratively. */
function count(start: unknown, children: (o: Obj) => { counted: unknown[]; more: unknown[] }): number {
	let n = 0;
	const todo = [start];
	while (todo.length) {
		const o = todo.pop();
		if (!isObj(o)) continue;
		const { counted, more } = children(o);
		n += counted.length;
		for (const c of [...counted, ...more]) todo.push(c);
	}
	return n;
}

/** Problems that refuse a raw definition outright: forbidden keys, nesting, size, too many states, fields or members. */
export function guardDefinition(raw: unknown): LimitProblem[] {
	const out: LimitProblem[] = [];
	let bytes = 0;
	const todo: Frame[] = [{ value: raw, depth: 0 }];
	while (todo.length && out.length < MAX_PROBLEMS) {
		const f = todo.pop()!;
		const v = f.value;
		if (typeof v === 'string') bytes += utf8Length(v) + 2;
		else if (!v || typeof v !== 'object') bytes += String(v).length;
		else if (f.depth >= LIMITS.depth) out.push({ path: pathOf(f), message: `嵌套层级超过上限 ${LIMITS.depth} 层` });
		else if (Array.isArray(v)) {
			bytes += 2 + v.length;
			v.forEach((value, key) => todo.push({ value, key, parent: f, depth: f.depth + 1 }));
		} else {
			bytes += 2;
			for (const k of Object.keys(v)) {
				bytes += utf8Length(k) + 4;
				const child: Frame = { value: (v as Obj)[k], key: k, parent: f, depth: f.depth + 1 };
				if (FORBIDDEN_KEYS.has(k)) out.push({ path: pathOf(child), message: `不允许使用键名「${k}」` });
				else todo.push(child);
			}
		}
		if (bytes > LIMITS.bytes) {
			out.push({ path: '(根)', message: `定义过大：超过上限 ${LIMITS.bytes / 1024 / 1024} MB` });
			break;
		}
	}
	// the counts below walk only a finite tree within the limits
	if (out.length || !isObj(raw)) return out;
	const wf = raw.workflow;
	const states = count(isObj(wf) ? { states: wf.states } : undefined, (o) => ({ counted: isObj(o.states) ? Object.values(o.states) : [], more: [] }));
	if (states > LIMITS.states) out.push({ path: 'workflow.states', message: `流程共有 ${states} 个状态，超过上限 ${LIMITS.states} 个；请合并环节或拆分事项` });
	const schema = isObj(raw.form) ? raw.form.schema : undefined;
	const fields = count(schema, (o) => ({ counted: isObj(o.properties) ? Object.values(o.properties) : [], more: [o.items] }));
	if (fields > LIMITS.fields) out.push({ path: 'form.schema.properties', message: `表单共有 ${fields} 个字段，超过上限 ${LIMITS.fields} 个` });
	if (Array.isArray(raw.members) && raw.members.length > LIMITS.members)
		out.push({ path: 'members', message: `一件事包含 ${raw.members.length} 个事项，超过上限 ${LIMITS.members} 个` });
	return out;
}
