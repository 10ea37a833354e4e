// What changed between two versions of a definition: path by path (the JSON tab), and as sentences by element.
import { describeCondition, type FieldTitle, type Question } from '$core/model/condition-text';
import { fieldLabel, placeOf } from '$core/issue-place';
type Json = Record<string, any>;

export interface Change {
	path: string;
	kind: 'added' | 'removed' | 'changed';
	before?: unknown;
	after?: unknown;
}

export function diff(a: unknown, b: unknown, path = ''): Change[] {
	if (JSON.stringify(a) === JSON.stringify(b)) return [];
	const isObj = (v: unknown) => v !== null && typeof v === 'object';
	if (!isObj(a) || !isObj(b) || Array.isArray(a) !== Array.isArray(b)) return [{ path: path || '(根)', kind: 'changed', before: a, after: b }];
	const out: Change[] = [];
	const ka = Object.keys(a as object);
	const kb = Object.keys(b as object);
	for (const k of new Set([...ka, ...kb])) {
		const p = path ? (Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`) : k;
		const va = (a as Record<string, unknown>)[k];
		const vb = (b as Record<string, unknown>)[k];
		if (!ka.includes(k)) out.push({ path: p, kind: 'added', after: vb });
		else if (!kb.includes(k)) out.push({ path: p, kind: 'removed', before: va });
		else out.push(...diff(va, vb, p));
	}
	return out;
}

/** One change of one element, as a sentence: 材料「授权委托书」新增：仅「由谁办理？」为「委托他人」时提交. */
export interface Sentence {
	/** the element, by its label */
	element: string;
	kind: 'added' | 'removed' | 'changed';
	text: string;
	/** short forms of the element before and after (for side-by-side views) */
	before?: string;
	after?: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const short = (v: unknown): string => {
	if (v === undefined || v === null || v === '') return '（空）';
	if (typeof v === 'boolean') return v ? '是' : '否';
	if (typeof v !== 'object') return String(v);
	const s = JSON.stringify(v);
	return s.length > 60 ? `${s.slice(0, 60)}…` : s;
};

function words(def: Json) {
	const questions: Question[] = Array.isArray(def.situations) ? def.situations : [];
	const fields: FieldTitle[] = Object.entries<Json>(def.form?.schema?.properties ?? {}).map(([name, p]) => ({ name, title: p?.title ?? name }));
	const cond = (c: unknown) => {
		try {
			return c ? describeCondition(c as never, questions, fields) : '';
		} catch {
			return short(c);
		}
	};
	return { cond };
}

const SUB: Record<string, string> = {
	name: '名称',
	category: '类别',
	required: '提交要求',
	forms: '形式',
	copies: '份数',
	sources: '来源',
	deferrable: '容缺受理',
	accept: '文件类型',
	maxSizeMB: '大小上限',
	templateFile: '空白表格',
	sampleFile: '示例样表',
	notes: '说明',
	question: '问题',
	help: '说明',
	options: '选项',
	askWhen: '追问条件',
	title: '标签',
	type: '类型',
	format: '格式',
	visibleWhen: '显示条件',
	requiredWhen: '必填条件',
	semanticKey: '语义键',
	meta: '环节设置',
	on: '操作',
	states: '子环节',
	includeWhen: '纳入条件',
	items: '组内字段',
	enum: '选项',
	oneOf: '选项',
	minimum: '最小值',
	maximum: '最大值',
	minLength: '最短长度',
	maxLength: '最长长度',
	description: '帮助文字',
	requires: '前置事项',
	answers: '情形对应'
};
const changedKeys = (a: Json, b: Json) =>
	[...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])]
		.filter((k) => !same(a?.[k], b?.[k]))
		.map((k) => SUB[k] ?? k)
		.filter((k, i, all) => all.indexOf(k) === i);

/** Lists keyed by id: added, removed and changed elements, each named by `name`. */
function byKey(out: Sentence[], before: Json[], after: Json[], key: (x: Json) => string, name: (x: Json) => string, added: (x: Json) => string = () => '') {
	const old = new Map(before.map((x) => [key(x), x]));
	const now = new Map(after.map((x) => [key(x), x]));
	for (const [k, x] of now) {
		const was = old.get(k);
		if (!was) out.push({ element: name(x), kind: 'added', text: `${name(x)}新增${added(x) ? `：${added(x)}` : ''}`, after: added(x) || undefined });
		else if (!same(was, x))
			out.push({ element: name(x), kind: 'changed', text: `${name(x)}修改：${changedKeys(was, x).join('、')}`, before: short(was), after: short(x) });
	}
	for (const [k, x] of old) if (!now.has(k)) out.push({ element: name(x), kind: 'removed', text: `${name(x)}删除`, before: short(x) });
}

const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') : []);
const states = (wf: Json | undefined, prefix = ''): Json[] =>
	Object.entries<Json>(wf?.states ?? {}).flatMap(([k, s]) => [{ ...s, states: undefined, _key: prefix + k }, ...states(s, `${prefix}${k}.`)]);

/** The changes from `a` to `b` as sentences, one per element (材料, 办事情形, 字段, 流程环节, 成员事项, other elements). */
export function describeChanges(a: unknown, b: unknown, names: (id: string) => string | undefined = () => undefined): Sentence[] {
	const before = (a ?? {}) as Json;
	const after = (b ?? {}) as Json;
	const out: Sentence[] = [];
	const w = words(after);
	const requirement = (m: Json) =>
		m.required === 'always' ? '必须提交' : m.required === 'optional' ? '选择提交' : m.required?.when ? `仅${w.cond(m.required.when)}时提交` : '';
	byKey(
		out,
		list(before.materials),
		list(after.materials),
		(m) => m.id,
		(m) => `材料「${m.name}」`,
		requirement
	);
	byKey(
		out,
		list(before.situations),
		list(after.situations),
		(s) => s.id,
		(s) => `办事情形「${s.question}」`,
		(s) =>
			list(s.options)
				.map((o) => o.label)
				.join('、')
	);
	const fields = (d: Json) =>
		Object.entries<Json>(d.form?.schema?.properties ?? {}).map(([name, schema]) => ({
			...schema,
			...d.form?.fields?.[name],
			name,
			必填: (d.form?.schema?.required ?? []).includes(name)
		}));
	byKey(
		out,
		fields(before),
		fields(after),
		(f) => f.name,
		(f) => fieldLabel({ form: { schema: { properties: { [f.name]: f } } } }, f.name),
		(f) => [f.必填 ? '必填' : '', f.visibleWhen ? `仅${w.cond(f.visibleWhen)}时显示` : ''].filter(Boolean).join('，')
	);
	byKey(
		out,
		states(before.workflow),
		states(after.workflow),
		(s) => s._key,
		(s) => `流程环节「${s.meta?.label ?? s._key}」`
	);
	byKey(
		out,
		list(before.members),
		list(after.members),
		(m) => m.item,
		(m) => `成员事项「${names(m.item) ?? m.item}」`,
		(m) => (m.includeWhen ? `仅${w.cond(m.includeWhen)}时纳入` : '')
	);
	const done = new Set(['materials', 'situations', 'members', '$schema']);
	for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
		if (done.has(k) || same(before[k], after[k])) continue;
		if (k === 'form') {
			const rest = (f: Json) => ({ ...f, schema: { ...f?.schema, properties: undefined, required: undefined }, fields: undefined });
			if (!same(rest(before.form ?? {}), rest(after.form ?? {})))
				out.push({ element: '申请表单', kind: 'changed', text: '申请表单的排版（顺序、分节或分页）修改' });
			continue;
		}
		if (k === 'workflow') {
			if (!same({ ...before.workflow, states: undefined }, { ...after.workflow, states: undefined }))
				out.push({ element: '办理流程', kind: 'changed', text: '办理流程的起始环节或全局操作修改' });
			continue;
		}
		const element = placeOf(after, [k], names);
		const [x, y] = [before[k], after[k]];
		if (x === undefined) out.push({ element, kind: 'added', text: `${element}设为「${short(y)}」`, after: short(y) });
		else if (y === undefined) out.push({ element, kind: 'removed', text: `${element}已清除（原为「${short(x)}」）`, before: short(x) });
		else
			out.push({
				element,
				kind: 'changed',
				text: typeof x === 'object' || typeof y === 'object' ? `${element}修改` : `${element}由「${short(x)}」改为「${short(y)}」`,
				before: short(x),
				after: short(y)
			});
	}
	return out;
}
