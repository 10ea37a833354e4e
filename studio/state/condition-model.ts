// The visual condition editor's view of a condition: nested groups of one-operator rows ⇄ the condition language
// (runtime/core/model/condition.ts). Every condition the language allows maps to a tree; a leaf with several operators
// becomes a 「全部」 group of one-operator rows, which means the same.
import type { Condition } from '$core/model/condition';

type Scalar = string | number | boolean;
type Json = Record<string, any>;

/** Row operators; the negative ones are written with `not` (or `filled: false` / `answered: false`). */
export const LEAF_OPS = {
	eq: '等于',
	ne: '不等于',
	in: '属于其中之一',
	notIn: '不属于其中之一',
	includes: '包含（多选）',
	excludes: '不包含（多选）',
	gt: '大于',
	gte: '大于或等于',
	lt: '小于',
	lte: '小于或等于',
	filled: '已填写',
	empty: '未填写'
} as const;
export type LeafOp = keyof typeof LEAF_OPS;
/** what a situation (办事情形) answer can be compared with: no numbers */
export const ANSWER_OPS: LeafOp[] = ['eq', 'ne', 'in', 'notIn', 'includes', 'excludes', 'filled', 'empty'];
export const FIELD_OPS = Object.keys(LEAF_OPS) as LeafOp[];
export const opsFor = (source: 'answer' | 'field'): LeafOp[] => (source === 'answer' ? ANSWER_OPS : FIELD_OPS);
/** operators without a value */
export const NO_VALUE = new Set<LeafOp>(['filled', 'empty']);
/** operators taking a list */
export const LIST_OPS = new Set<LeafOp>(['in', 'notIn']);

export const GROUP_MODES = { all: '满足全部条件', any: '满足任一条件', none: '以下条件都不满足', notAll: '不全满足以下条件' } as const;
export type GroupMode = keyof typeof GROUP_MODES;

export interface LeafNode {
	kind: 'leaf';
	source: 'answer' | 'field';
	/** question id or field path */
	name: string;
	op: LeafOp;
	/** as typed; lists comma-separated */
	text: string;
}
export interface GroupNode {
	kind: 'group';
	mode: GroupMode;
	children: CondNode[];
}
export type CondNode = LeafNode | GroupNode;

const SINGLE_KEYS = ['eq', 'ne', 'in', 'includes', 'gt', 'gte', 'lt', 'lte', 'filled', 'answered'] as const;
const textOf = (v: unknown) => (Array.isArray(v) ? v.map(String).join(',') : v === undefined ? '' : String(v));

/** One row per operator of a leaf (usually exactly one). */
function leafRows(c: Json, negate = false): LeafNode[] {
	const source = 'answer' in c ? 'answer' : 'field';
	const name = String(c[source]);
	const rows: LeafNode[] = [];
	for (const k of SINGLE_KEYS) {
		if (c[k] === undefined) continue;
		let op: LeafOp = k === 'answered' ? 'filled' : k;
		if (op === 'filled' && c[k] === false) op = 'empty';
		if (negate) op = NEGATE[op] ?? op;
		rows.push({ kind: 'leaf', source, name, op, text: NO_VALUE.has(op) ? '' : textOf(c[k]) });
	}
	return rows;
}
const NEGATE: Partial<Record<LeafOp, LeafOp>> = { in: 'notIn', includes: 'excludes', filled: 'empty', empty: 'filled' };
const isLeaf = (c: Json) => 'answer' in c || 'field' in c;

/** The tree of a condition; an absent condition is an empty 「全部」 group. */
export function toTree(cond: Condition | undefined): GroupNode {
	if (!cond) return { kind: 'group', mode: 'all', children: [] };
	const node = toNode(cond);
	return node.kind === 'group' ? node : { kind: 'group', mode: 'all', children: [node] };
}

function toNode(cond: Condition): CondNode {
	const c = cond as Json;
	if ('all' in c) return { kind: 'group', mode: 'all', children: c.all.map(toNode) };
	if ('any' in c) return { kind: 'group', mode: 'any', children: c.any.map(toNode) };
	if ('not' in c) {
		const inner = c.not as Json;
		if ('all' in inner) return { kind: 'group', mode: 'notAll', children: inner.all.map(toNode) };
		if ('any' in inner) return { kind: 'group', mode: 'none', children: inner.any.map(toNode) };
		const rows = isLeaf(inner) ? leafRows(inner) : [];
		// not(in) → 不属于, not(includes) → 不包含: a row of its own
		if (rows.length === 1 && (rows[0].op === 'in' || rows[0].op === 'includes')) return leafRows(inner, true)[0];
		return { kind: 'group', mode: 'none', children: [toNode(inner as Condition)] };
	}
	const rows = leafRows(c);
	return rows.length === 1 ? rows[0] : { kind: 'group', mode: 'all', children: rows };
}

/** How a row's text becomes a value: numbers for number fields and comparisons, booleans for yes/no fields. */
export type ValueKind = 'string' | 'number' | 'boolean';
function value(text: string, kind: ValueKind): Scalar {
	const t = text.trim();
	if (kind === 'number' && t !== '' && Number.isFinite(Number(t))) return Number(t);
	if (kind === 'boolean' && (t === 'true' || t === 'false')) return t === 'true';
	return t;
}

function leafCondition(n: LeafNode, kindOf: (n: LeafNode) => ValueKind): Condition {
	const base: Json = { [n.source]: n.name };
	const kind = kindOf(n);
	const list = () =>
		n.text
			.split(/[,，、]/)
			.map((x) => x.trim())
			.filter(Boolean)
			.map((x) => value(x, kind));
	const filledKey = n.source === 'answer' ? 'answered' : 'filled';
	switch (n.op) {
		case 'filled':
			return { ...base, [filledKey]: true } as Condition;
		case 'empty':
			return { ...base, [filledKey]: false } as Condition;
		case 'in':
			return { ...base, in: list() } as Condition;
		case 'notIn':
			return { not: { ...base, in: list() } } as Condition;
		case 'excludes':
			return { not: { ...base, includes: value(n.text, kind) } } as Condition;
		case 'gt':
		case 'gte':
		case 'lt':
		case 'lte':
			return { ...base, [n.op]: Number(n.text) } as Condition;
		default:
			return { ...base, [n.op]: value(n.text, kind) } as Condition;
	}
}

/** The condition of a tree; empty groups vanish, a one-row 「全部」/「任一」 group is its row. Undefined = always. */
export function toCondition(tree: CondNode, kindOf: (n: LeafNode) => ValueKind = () => 'string'): Condition | undefined {
	if (tree.kind === 'leaf') return leafCondition(tree, kindOf);
	const parts = tree.children.map((c) => toCondition(c, kindOf)).filter((c): c is Condition => !!c);
	if (!parts.length) return undefined;
	switch (tree.mode) {
		case 'all':
			return parts.length === 1 ? parts[0] : { all: parts };
		case 'any':
			return parts.length === 1 ? parts[0] : { any: parts };
		case 'none':
			return { not: parts.length === 1 ? parts[0] : { any: parts } };
		case 'notAll':
			return { not: parts.length === 1 ? parts[0] : { all: parts } };
	}
}

/** Whether a row is complete enough to be kept: a source, and a value where the operator needs one. */
export const rowProblem = (n: LeafNode): string | undefined =>
	!n.name
		? '请选择条件的对象'
		: !NO_VALUE.has(n.op) && n.text.trim() === ''
			? '请填写比较的值'
			: ['gt', 'gte', 'lt', 'lte'].includes(n.op) && !Number.isFinite(Number(n.text))
				? '大于、小于只能与数字比较'
				: undefined;

/** Replaces the node at a path of child indexes. */
export function replaceAt(tree: GroupNode, path: number[], next: CondNode | undefined): GroupNode {
	if (!path.length) return (next as GroupNode) ?? { ...tree, children: [] };
	const [i, ...rest] = path;
	const children = [...tree.children];
	if (!rest.length) {
		if (next) children[i] = next;
		else children.splice(i, 1);
	} else {
		const inner = replaceAt(children[i] as GroupNode, rest, next);
		if (inner.children.length) children[i] = inner;
		else children.splice(i, 1);
	}
	return { ...tree, children };
}
