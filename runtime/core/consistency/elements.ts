// 五级十五同: the fifteen elements every implementation of one 基本编码 must publish the same, and the rule each is
// compared by. An element is equal when its rule finds no difference; each difference is a short line a person reads
// ("承诺时限 10 → 5 个工作日", "+居住证"). Not compared (they differ by design between implementations): 实施主体, 区划,
// 层级, 实施编码 itself, phones, 办理地点, form, situations, 自由裁量 and each step's own time budget.
import type { Item } from '../model/item';
import type { Material } from '../model/materials';
import type { StateNodeDef } from '../model/workflow';
import { ITEM_TYPES } from '../model/item-labels';

export type ElementKey =
	| 'name'
	| 'code'
	| 'type'
	| 'basis'
	| 'conditions'
	| 'materials'
	| 'limits'
	| 'fees'
	| 'procedure'
	| 'objects'
	| 'visits'
	| 'online'
	| 'delivery'
	| 'result'
	| 'special';

export interface ElementRule {
	key: ElementKey;
	label: string;
	/** how the element is compared, in words (shown in the report) */
	rule: string;
	/** the element as a cell shows it, one line per entry */
	show(item: Item): string[];
	/** what differs in `item` from `reference`; empty when they are the same */
	diff(reference: Item, item: Item): string[];
}

const CASE_TYPES = { immediate: '即办件', promised: '承诺件' } as const;
const OBJECTS = { citizen: '自然人', legalPerson: '法人' } as const;
const DEPTHS = ['一级', '二级', '三级', '四级（全程网办）'];
const DELIVERY = { window: '窗口领取', post: '邮寄送达', online: '网上送达' } as const;
const RESULT_TYPES = { licence: '许可证', certificate: '证书', approvalDocument: '批准文件', confirmation: '确认文书', other: '其他' } as const;
const SPECIAL = { inspection: '现场踏勘', expertReview: '专家评审', hearing: '听证', publicNotice: '公示', other: '其他' } as const;
const FORMS = { original: '原件', copy: '复印件', electronic: '电子件' } as const;
const SOURCES = { upload: '申请人上传', licence: '电子证照', commitment: '告知承诺', shared: '部门共享' } as const;

const visits = (v: Item['visits']) => (v === 'n' ? '多次' : `${v} 次`);
const quoted = (s: string | undefined) => (s ? `「${s}」` : '（无）');

/** `before → after` when the two differ. */
function changed<T>(what: string, a: T, b: T, show: (x: T) => string = String): string[] {
	return show(a) === show(b) ? [] : [`${what}${what ? ' ' : ''}${show(a)} → ${show(b)}`];
}

/** Entries `item` adds (+) and leaves out (−) against `reference`, as sets. */
export function setDiff(reference: string[], item: string[]): string[] {
	const had = new Set(reference);
	const has = new Set(item);
	return [...[...has].filter((x) => !had.has(x)).map((x) => `+${x}`), ...[...had].filter((x) => !has.has(x)).map((x) => `−${x}`)];
}

/** A list compared as a set, shown as it is. */
const setRule = (key: ElementKey, label: string, rule: string, list: (item: Item) => string[]): ElementRule => ({
	key,
	label,
	rule,
	show: list,
	diff: (a, b) => setDiff(list(a), list(b))
});

const requiredText = (m: Material) => (m.required === 'always' ? '必须提交' : m.required === 'optional' ? '非必须' : '依情形提交');
/** The labels of the keys present, in the dictionary's order (so the same set reads the same). */
const inOrder = <K extends string>(labels: Record<K, string>, keys: K[]) =>
	(Object.keys(labels) as K[])
		.filter((k) => keys.includes(k))
		.map((k) => labels[k])
		.join('、');
const formsText = (m: Material) => inOrder(FORMS, m.forms);
const sourcesText = (m: Material) =>
	inOrder(
		SOURCES,
		m.sources.map((s) => s.kind)
	);

/** One material against the reference's of the same name: 是否必须, 材料形式, 来源渠道. */
function materialChanges(a: Material, b: Material): string[] {
	return [
		...changed('', requiredText(a), requiredText(b)),
		...changed('形式', formsText(a), formsText(b)),
		...changed('来源', sourcesText(a), sourcesText(b))
	].map((x) => `${b.name}：${x}`);
}

const targetsOf = (t: unknown): string[] =>
	Array.isArray(t) ? t.flatMap(targetsOf) : typeof t === 'string' ? [t] : t && typeof t === 'object' && 'target' in t ? targetsOf(t.target) : [];

/**
 * The people's steps of a workflow (states with a staff role, nested ones too) in the order a case meets them: from the
 * initial state along each state's transitions as declared; states no transition reaches come after, as declared.
 */
export function procedureSteps(states: Record<string, StateNodeDef>, initial?: string): string[] {
	const keys = Object.keys(states);
	const order: string[] = [];
	const queue = initial && states[initial] ? [initial] : [];
	while (queue.length) {
		const key = queue.shift()!;
		if (order.includes(key)) continue;
		order.push(key);
		const s = states[key];
		const next = [...Object.values(s.on ?? {}), s.onDone].flatMap(targetsOf).map((t) => t.replace(/^[#.]/, '').split('.').at(-1)!);
		queue.push(...next.filter((t) => states[t] && !order.includes(t)));
	}
	const out: string[] = [];
	for (const key of [...order, ...keys.filter((k) => !order.includes(k))]) {
		const s = states[key];
		if (s.meta?.role && s.meta.role !== 'applicant') out.push(s.meta.label);
		if (s.states) out.push(...procedureSteps(s.states, s.initial));
	}
	return out;
}

const limitsText = (i: Item) => [`${CASE_TYPES[i.caseType]}`, `法定 ${i.legalLimitDays} 个工作日`, `承诺 ${i.promisedLimitDays} 个工作日`];
const resultText = (i: Item) => [`${RESULT_TYPES[i.result.type]}：${i.result.name}`, i.result.electronicLicence ? '电子证照' : '无电子证照'];
const feeLines = (i: Item) =>
	i.fees.free
		? ['不收费']
		: i.fees.items.map((f) => `${f.name}：${f.standard}${'charge' in f && f.charge ? `（${(f.charge as { yuan: string }).yuan} 元）` : ''}`);

/** The fifteen elements, in the order the report shows them. */
export const ELEMENTS: ElementRule[] = [
	{
		key: 'name',
		label: '事项名称',
		rule: '主项名称与子项名称逐字相同',
		show: (i) => [i.name, ...(i.subName ? [`子项：${i.subName}`] : [])],
		diff: (a, b) => [...changed('主项名称', a.name, b.name, quoted), ...changed('子项名称', a.subName, b.subName, quoted)]
	},
	{
		key: 'code',
		label: '事项编码',
		rule: '基本编码相同，且实施编码含基本编码（已绑定）',
		show: (i) => [`基本编码 ${i.basicCode}`, `实施编码 ${i.implementationCode}`],
		diff: (a, b) => [
			...changed('基本编码', a.basicCode, b.basicCode),
			...(b.implementationCode.includes(b.basicCode) ? [] : [`实施编码未含基本编码 ${b.basicCode}`])
		]
	},
	{
		key: 'type',
		label: '事项类型',
		rule: '6+1 类型相同',
		show: (i) => [ITEM_TYPES[i.type]],
		diff: (a, b) => changed('', a.type, b.type, (t) => ITEM_TYPES[t])
	},
	setRule('basis', '设定依据', '法律法规名称与条款逐条相同', (i) => i.legalBasis.map((l) => `${l.title}${l.article}`)),
	setRule('conditions', '受理条件', '各条件逐字相同', (i) => i.acceptanceConditions),
	{
		key: 'materials',
		label: '申请材料',
		rule: '材料名称相同；同名材料的是否必须、形式和来源渠道相同',
		show: (i) => i.materials.map((m) => `${m.name}（${requiredText(m)}，${formsText(m)}）`),
		diff: (a, b) => {
			const names = setDiff(
				a.materials.map((m) => m.name),
				b.materials.map((m) => m.name)
			);
			const before = new Map(a.materials.map((m) => [m.name, m]));
			return [...names, ...b.materials.flatMap((m) => (before.has(m.name) ? materialChanges(before.get(m.name)!, m) : []))];
		}
	},
	{
		key: 'limits',
		label: '办理时限',
		rule: '办件类型、法定时限、承诺时限相同',
		show: limitsText,
		diff: (a, b) => [
			...changed('办件类型', a.caseType, b.caseType, (t) => CASE_TYPES[t]),
			...changed('法定时限', a.legalLimitDays, b.legalLimitDays, (d) => `${d}`).map((x) => `${x} 个工作日`),
			...changed('承诺时限', a.promisedLimitDays, b.promisedLimitDays, (d) => `${d}`).map((x) => `${x} 个工作日`)
		]
	},
	setRule('fees', '收费标准', '收费项目与标准逐项相同', feeLines),
	{
		key: 'procedure',
		label: '办理流程',
		rule: '办理环节（工作人员的环节）名称与顺序相同',
		show: (i) => [procedureSteps(i.workflow.states, i.workflow.initial).join(' → ')],
		diff: (a, b) => {
			const [x, y] = [procedureSteps(a.workflow.states, a.workflow.initial), procedureSteps(b.workflow.states, b.workflow.initial)];
			const added = setDiff(x, y);
			return added.length ? added : changed('环节顺序', x.join(' → '), y.join(' → '), quoted);
		}
	},
	setRule('objects', '服务对象', '服务对象相同', (i) => i.serviceObjects.map((o) => OBJECTS[o])),
	{
		key: 'visits',
		label: '到办事现场次数',
		rule: '次数相同',
		show: (i) => [visits(i.visits)],
		diff: (a, b) => changed('', a.visits, b.visits, visits)
	},
	{
		key: 'online',
		label: '网办深度',
		rule: '网办深度相同',
		show: (i) => [DEPTHS[i.onlineDepth - 1]],
		diff: (a, b) => changed('', a.onlineDepth, b.onlineDepth, (d) => DEPTHS[d - 1])
	},
	setRule('delivery', '送达方式', '可选送达方式相同', (i) => i.delivery.map((d) => DELIVERY[d])),
	{
		key: 'result',
		label: '审批结果',
		rule: '结果类型、名称及是否电子证照相同',
		show: resultText,
		diff: (a, b) => [
			...changed('结果类型', a.result.type, b.result.type, (t) => RESULT_TYPES[t]),
			...changed('结果名称', a.result.name, b.result.name, quoted),
			...changed('电子证照', a.result.electronicLicence, b.result.electronicLicence, (e) => (e ? '是' : '否'))
		]
	},
	setRule('special', '特别程序', '特别程序的种类、名称和最长时限相同', (i) =>
		i.specialProcedures.map((s) => `${SPECIAL[s.kind]}「${s.name}」≤ ${s.maxDays} 个工作日`)
	)
];
