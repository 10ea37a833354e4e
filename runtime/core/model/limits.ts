// Documented limits (definitions/README.md): on one definition, and on any JSON request body. Checked on the raw JSON in
// linear time, without recursion, before zod, form validation or any workflow analysis runs.
import { jsonPath } from '../issues';

export const LIMITS = {
	/** serialized size of one item or bundle, in UTF-8 bytes (the API's body limit) */
	bytes: 1024 * 1024,
	/** nesting of objects and arrays, in a definition and in any JSON request body */
	depth: 32,
	/** JSON values (objects, arrays, strings, numbers, booleans, nulls) in one definition or request body */
	values: 50_000,
	/** states of one workflow, nested and region states included */
	states: 200,
	/** transitions of one workflow: every target under `on`, `onDone` and `always`, at every level */
	transitions: 1000,
	/** form fields: properties of `form.schema`, nested ones included */
	fields: 300,
	/** member items of a bundle */
	members: 30,
	/** states of a bundle's member workflows together: the composed case machine of every application */
	bundleStates: 1000
} as const;

/** Keys that would reach an object's prototype in code that copies or merges definitions. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Characters no stored text may hold: U+0000 and unpaired surrogates (PostgreSQL's text and jsonb refuse them). */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what is refused
const BAD_CHARS = /[\u0000\p{Cs}]/u;
const BAD_CHARS_MESSAGE = '含有不允许的字符（U+0000 或不成对的 UTF-16 代理项）';
/** Does text hold a character no stored text may hold? */
export const hasBadChars = (s: string) => BAD_CHARS.test(s);
/** The text with each such character shown as U+FFFD, for a message. */
export const maskBadChars = (s: string) => s.replace(new RegExp(BAD_CHARS.source, 'gu'), '\ufffd');
/** A refused definition names at most this many places. */
const MAX_PROBLEMS = 20;

export interface LimitProblem {
	path: string;
	message: string;
	/** what kind of limit: 'bytes' is answered 413 by the API, the others 422 */
	limit: 'bytes' | 'depth' | 'values' | 'key' | 'chars' | 'states' | 'transitions' | 'fields' | 'members';
}

type Obj = Record<string, unknown>;
type Frame = { value: unknown; key?: string | number; parent?: Frame; depth: number };

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const pathOf = (f: Frame | undefined): string => {
	const parts: (string | number)[] = [];
	for (; f?.parent; f = f.parent) parts.push(typeof f.key === 'string' && f.key.length > 64 ? `${f.key.slice(0, 64)}…` : f.key!);
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

/**
 * One iterative pass over parsed JSON: nesting, number of values, characters, optionally size and forbidden keys. Stops at
 * the first size, depth or count problem (what lies beyond is not looked at); keys and characters are all named, up to MAX_PROBLEMS.
 */
function scan(raw: unknown, opts: { what: string; bytes?: number; forbidKeys?: boolean }): LimitProblem[] {
	const out: LimitProblem[] = [];
	let bytes = 0;
	let values = 0;
	const todo: Frame[] = [{ value: raw, depth: 0 }];
	while (todo.length && out.length < MAX_PROBLEMS) {
		const f = todo.pop()!;
		const v = f.value;
		if (++values > LIMITS.values) {
			out.push({ path: pathOf(f), limit: 'values', message: `${opts.what}含有的值超过上限 ${LIMITS.values} 个` });
			break;
		}
		if (typeof v === 'string') {
			bytes += utf8Length(v) + 2;
			if (BAD_CHARS.test(v)) out.push({ path: pathOf(f), limit: 'chars', message: BAD_CHARS_MESSAGE });
		} else if (!v || typeof v !== 'object') bytes += String(v).length;
		else if (f.depth >= LIMITS.depth) {
			out.push({ path: pathOf(f), limit: 'depth', message: `嵌套层级超过上限 ${LIMITS.depth} 层` });
			break;
		} else if (Array.isArray(v)) {
			bytes += 2 + v.length;
			for (let i = v.length - 1; i >= 0; i--) todo.push({ value: v[i], key: i, parent: f, depth: f.depth + 1 });
		} else {
			bytes += 2;
			const keys = Object.keys(v);
			for (let i = keys.length - 1; i >= 0; i--) {
				const k = keys[i];
				bytes += utf8Length(k) + 4;
				const child: Frame = { value: (v as Obj)[k], key: k, parent: f, depth: f.depth + 1 };
				if (BAD_CHARS.test(k)) out.push({ path: pathOf(child), limit: 'chars', message: `键名${BAD_CHARS_MESSAGE}` });
				else if (opts.forbidKeys && FORBIDDEN_KEYS.has(k)) out.push({ path: pathOf(child), limit: 'key', message: `不允许使用键名「${k}」` });
				else todo.push(child);
			}
		}
		if (opts.bytes !== undefined && bytes > opts.bytes) {
			out.push({ path: '(根)', limit: 'bytes', message: `${opts.what}过大：超过上限 ${opts.bytes / 1024 / 1024} MB` });
			break;
		}
	}
	return out;
}

/** Problems that refuse any JSON request body before it is parsed by a schema or walked: nesting, number of values, characters. */
export function guardBody(raw: unknown): LimitProblem[] {
	return scan(raw, { what: '请求内容' });
}

/** Counts the values under `start` reached through `children`, iteratively. */
function count(start: unknown, children: (o: Obj) => { counted: number; more: unknown[] }): number {
	let n = 0;
	const todo = [start];
	while (todo.length) {
		const o = todo.pop();
		if (!isObj(o)) continue;
		const { counted, more } = children(o);
		n += counted;
		for (const c of more) todo.push(c);
	}
	return n;
}

/** States of a workflow, nested and region states included (iteratively). */
export const countStates = (workflow: unknown): number =>
	count(isObj(workflow) ? { states: workflow.states } : undefined, (o) =>
		isObj(o.states) ? { counted: Object.keys(o.states).length, more: Object.values(o.states) } : { counted: 0, more: [] }
	);

const targets = (ts: unknown) => (Array.isArray(ts) ? ts.length : ts === undefined ? 0 : 1);
const transitionsOf = (o: Obj) => (isObj(o.on) ? Object.values(o.on).reduce<number>((n, ts) => n + targets(ts), 0) : 0) + targets(o.onDone) + targets(o.always);

/** Problems that refuse a raw definition outright: forbidden keys and characters, nesting, size, too many states, transitions, fields or members. */
export function guardDefinition(raw: unknown): LimitProblem[] {
	const out = scan(raw, { what: '定义', bytes: LIMITS.bytes, forbidKeys: true });
	// the counts below walk only a finite tree within the limits
	if (out.length || !isObj(raw)) return out;
	const wf = isObj(raw.workflow) ? raw.workflow : undefined;
	const states = countStates(wf);
	if (states > LIMITS.states)
		out.push({ path: 'workflow.states', limit: 'states', message: `流程共有 ${states} 个状态，超过上限 ${LIMITS.states} 个；请合并环节或拆分事项` });
	// too many states usually means too many transitions: one message is enough
	const transitions = states > LIMITS.states ? 0 : count(wf, (o) => ({ counted: transitionsOf(o), more: isObj(o.states) ? Object.values(o.states) : [] }));
	if (transitions > LIMITS.transitions)
		out.push({ path: 'workflow', limit: 'transitions', message: `流程共有 ${transitions} 个转移，超过上限 ${LIMITS.transitions} 个；请合并环节或拆分事项` });
	const schema = isObj(raw.form) ? raw.form.schema : undefined;
	const fields = count(schema, (o) =>
		isObj(o.properties) ? { counted: Object.keys(o.properties).length, more: [...Object.values(o.properties), o.items] } : { counted: 0, more: [o.items] }
	);
	if (fields > LIMITS.fields) out.push({ path: 'form.schema.properties', limit: 'fields', message: `表单共有 ${fields} 个字段，超过上限 ${LIMITS.fields} 个` });
	if (Array.isArray(raw.members) && raw.members.length > LIMITS.members)
		out.push({ path: 'members', limit: 'members', message: `一件事包含 ${raw.members.length} 个事项，超过上限 ${LIMITS.members} 个` });
	return out;
}
