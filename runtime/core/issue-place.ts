// Where a problem in a definition is, in the administrator's words: 字段「代理人姓名」的显示条件, not form.fields.agentName.visibleWhen.
// Tolerant of a raw, unchecked definition (the studio's work in progress); zod-free, so the browser imports it too.
import { EVENT_LABELS } from './cases/events/labels';

type Json = Record<string, any>;
type Seg = string | number;

const ITEM_KEYS: Record<string, string> = {
	id: '事项标识',
	schemaVersion: '模型版本',
	basicCode: '基本编码',
	implementationCode: '实施编码',
	name: '事项名称',
	subName: '业务办理项名称',
	keywords: '关键词',
	theme: '主题',
	type: '事项类型',
	powerSource: '权力来源',
	legalBasis: '设定依据',
	department: '实施主体',
	level: '行使层级',
	region: '实施区划',
	serviceObjects: '服务对象',
	acceptanceConditions: '受理条件',
	caseType: '办件类型',
	legalLimitDays: '法定办结时限',
	promisedLimitDays: '承诺办结时限',
	visits: '到办事现场次数',
	onlineDepth: '网上办理深度',
	fees: '收费标准',
	consultPhone: '咨询电话',
	complaintPhone: '投诉电话',
	locations: '办理地点',
	specialProcedures: '特别程序',
	result: '审批结果',
	discretion: '裁量基准',
	inspectionChecklist: '现场踏勘清单',
	intermediaryServices: '中介服务',
	delivery: '送达方式',
	situations: '办事情形',
	form: '申请表单',
	materials: '申请材料',
	workflow: '办理流程',
	// a bundle's own
	guide: '一份指南',
	leadDepartment: '牵头部门',
	frontDesk: '综合受理窗口',
	issuance: '统一出件',
	members: '成员事项',
	fieldMappings: '字段映射',
	materialMappings: '材料映射',
	intakeBudgetDays: '综合受理用时',
	outcomeRule: '办结规则',
	combinedResult: '多证合一'
};

const SUB_KEYS: Record<string, string> = {
	name: '名称',
	title: '名称',
	article: '条款',
	text: '条文内容',
	address: '地址',
	hours: '办理时间',
	licenceType: '证照类型',
	electronicLicence: '电子证照',
	sampleFile: '示例样表',
	templateFile: '空白表格',
	department: '部门',
	label: '名称',
	id: '标识',
	question: '问题',
	options: '选项',
	required: '是否必交',
	copies: '份数',
	accept: '文件类型',
	maxSizeMB: '大小上限',
	deferrable: '容缺受理',
	withinDays: '期限',
	items: '收费项目',
	delivery: '送达方式',
	budgetDays: '用时',
	help: '说明',
	dataset: '共享数据集'
};

const CONDITION_KEYS: Record<string, string> = {
	visibleWhen: '的显示条件',
	requiredWhen: '的必填条件',
	askWhen: '的追问条件',
	includeWhen: '的纳入条件',
	when: '的提交条件'
};

const quote = (s: unknown) => `「${String(s)}」`;
const nth = (i: Seg) => (typeof i === 'number' ? `第 ${i + 1} 项` : quote(i));

/** The rest of a path under a named element, in words: 的显示条件, 的名称, 的第 2 项. */
function tail(rest: Seg[]): string {
	let out = '';
	for (let k = 0; k < rest.length; k++) {
		const s = rest[k];
		if (typeof s === 'number') out += ` ${nth(s)}`;
		else if (CONDITION_KEYS[s]) return out + CONDITION_KEYS[s];
		else if (s === 'required' && rest[k + 1] === 'when') return out + '的提交条件';
		else if (SUB_KEYS[s]) out += `的${SUB_KEYS[s]}`;
		else if (s === 'sources') {
			const j = rest[k + 1];
			out += typeof j === 'number' ? `的第 ${j + 1} 个来源` : '的来源';
			if (typeof j === 'number') k++;
		} else if (s === 'meta' || s === 'properties' || s === 'schema') continue;
		else out += `的 ${s}`;
	}
	return out;
}

/** 字段「标题」 of a form field by its dotted name (a sub-field of a repeatable group as 字段「组」中的「子字段」). */
export function fieldLabel(def: Json | undefined, name: string): string {
	const parts = name.split('.');
	let node: Json | undefined = def?.form?.schema;
	const titles: string[] = [];
	for (const p of parts) {
		if (node?.type === 'array') node = node.items;
		node = node?.properties?.[p];
		titles.push(typeof node?.title === 'string' && node.title ? node.title : p);
	}
	return `字段${quote(titles[0])}${titles
		.slice(1)
		.map((t) => `中的${quote(t)}`)
		.join('')}`;
}

/** 流程环节「标签」 of a (possibly nested) state, with what follows under it. */
function statePlace(wf: Json | undefined, rest: Seg[]): string {
	let node: Json | undefined = wf;
	let k = 0;
	let label = '';
	while (rest[k] === 'states' && typeof rest[k + 1] === 'string') {
		node = node?.states?.[rest[k + 1]];
		label = node?.meta?.label || String(rest[k + 1]);
		k += 2;
	}
	if (!label) return rest[0] === 'initial' ? '办理流程的起始环节' : `办理流程${tail(rest)}`;
	const more = rest.slice(k);
	if (more[0] === 'on' && typeof more[1] === 'string')
		return `流程环节${quote(label)}的${quote(EVENT_LABELS[more[1] as keyof typeof EVENT_LABELS] ?? more[1])}操作`;
	if (more[0] === 'meta' && more[1] === 'role') return `流程环节${quote(label)}的办理角色`;
	if (more[0] === 'meta' && more[1] === 'department') return `流程环节${quote(label)}的办理部门`;
	return `流程环节${quote(label)}${tail(more)}`;
}

/**
 * Names the place a path points at in a definition by its labels; `itemName` names a bundle's member items.
 * `['materials', 3, 'required', 'when']` → 材料「授权委托书」的提交条件.
 */
export function placeOf(def: unknown, segments: readonly Seg[], itemName: (id: string) => string | undefined = () => undefined): string {
	const d = (def && typeof def === 'object' ? def : {}) as Json;
	const [head, a, ...rest] = segments;
	if (head === undefined) return d.members ? '一件事定义' : '事项定义';
	const at = (list: unknown, i: Seg) => (Array.isArray(list) && typeof i === 'number' ? list[i] : undefined);
	if (head === 'materials' && typeof a === 'number') return `材料${quote(at(d.materials, a)?.name || `第 ${a + 1} 项`)}${tail(rest)}`;
	if (head === 'situations' && typeof a === 'number') {
		const s = at(d.situations, a);
		const [o, j, ...more] = rest;
		if (o === 'options' && typeof j === 'number')
			return `办事情形${quote(s?.question || `第 ${a + 1} 项`)}的选项${quote(s?.options?.[j]?.label ?? j + 1)}${tail(more)}`;
		return `办事情形${quote(s?.question || `第 ${a + 1} 项`)}${tail(rest)}`;
	}
	if (head === 'form') {
		if (a === 'fields' && typeof rest[0] === 'string') return `${fieldLabel(d, rest[0])}${tail(rest.slice(1))}`;
		if (a === 'schema' && rest[0] === 'properties' && typeof rest[1] === 'string') {
			const names: string[] = [];
			let k = 0;
			while (rest[k] === 'properties' && typeof rest[k + 1] === 'string') {
				names.push(String(rest[k + 1]));
				k += 2;
				if (rest[k] === 'items') k++;
			}
			return `${fieldLabel(d, names.join('.'))}${tail(rest.slice(k))}`;
		}
		if (a === 'schema' && rest[0] === 'required') return '申请表单的必填字段';
		if (a === 'uiSchema' && rest[0] === 'ui:order') return '申请表单的字段顺序';
		return '申请表单';
	}
	if (head === 'workflow') return statePlace(d.workflow, [a, ...rest].filter((x) => x !== undefined) as Seg[]);
	if (head === 'members' && typeof a === 'number') {
		const id = at(d.members, a)?.item;
		const name = (id && itemName(id)) || id || `第 ${a + 1} 项`;
		const [k, j] = rest;
		if (k === 'requires')
			return `成员事项${quote(name)}的前置事项${typeof j === 'number' ? quote(itemName(at(d.members, a)?.requires?.[j]) ?? at(d.members, a)?.requires?.[j] ?? '') : ''}`;
		if (k === 'answers') return `成员事项${quote(name)}的情形对应${j !== undefined ? quote(j) : ''}`;
		if (k === 'item') return `成员事项${quote(name)}`;
		return `成员事项${quote(name)}${tail(rest)}`;
	}
	if ((head === 'fieldMappings' || head === 'materialMappings') && typeof a === 'number')
		return `${ITEM_KEYS[head]}第 ${a + 1} 条${tail(rest.filter((x) => x !== 'field' && x !== 'item' && x !== 'material' && x !== 'canonical'))}`;
	const label = ITEM_KEYS[String(head)] ?? String(head);
	return `${label}${tail([a, ...rest].filter((x) => x !== undefined) as Seg[])}`;
}

/** A problem as one sentence: 字段「代理人姓名」的显示条件：条件引用了不存在的办事情形「q2」. */
export const inWords = (place: string, message: string) => `${place}：${message}`;
