// "五级十五同": which standard elements of an item are still missing before publication.
type Json = Record<string, any>;
const filled = (v: unknown) =>
	Array.isArray(v)
		? v.length > 0 && v.every(filled)
		: v && typeof v === 'object'
			? Object.values(v).some(filled)
			: v !== undefined && v !== null && String(v).trim() !== '';

export const ELEMENTS: { key: string; label: string; tab: string; ok: (i: Json) => boolean }[] = [
	{ key: 'name', label: '事项名称', tab: 'basic', ok: (i) => filled(i.name) },
	{ key: 'basicCode', label: '基本编码', tab: 'basic', ok: (i) => /^[0-9A-Z]{8,24}$/.test(i.basicCode ?? '') },
	{ key: 'implementationCode', label: '实施编码', tab: 'basic', ok: (i) => /^[0-9A-Z]{12,40}$/.test(i.implementationCode ?? '') },
	{ key: 'type', label: '事项类型', tab: 'basic', ok: (i) => filled(i.type) },
	{
		key: 'legalBasis',
		label: '设定依据',
		tab: 'basic',
		ok: (i) => (i.legalBasis ?? []).length > 0 && i.legalBasis.every((b: Json) => filled(b.title) && filled(b.article))
	},
	{ key: 'department', label: '实施主体', tab: 'basic', ok: (i) => filled(i.department) },
	{ key: 'serviceObjects', label: '服务对象', tab: 'basic', ok: (i) => (i.serviceObjects ?? []).length > 0 },
	{
		key: 'acceptanceConditions',
		label: '受理条件',
		tab: 'basic',
		ok: (i) => (i.acceptanceConditions ?? []).length > 0 && i.acceptanceConditions.every(filled)
	},
	{
		key: 'limits',
		label: '办结时限',
		tab: 'limits',
		ok: (i) => typeof i.legalLimitDays === 'number' && typeof i.promisedLimitDays === 'number' && i.promisedLimitDays <= i.legalLimitDays
	},
	{ key: 'visits', label: '到办事现场次数', tab: 'limits', ok: (i) => i.visits !== undefined },
	{ key: 'fees', label: '收费标准', tab: 'limits', ok: (i) => i.fees?.free === true || (i.fees?.items ?? []).length > 0 },
	{ key: 'phones', label: '咨询/投诉电话', tab: 'limits', ok: (i) => filled(i.consultPhone) && filled(i.complaintPhone) },
	{
		key: 'locations',
		label: '办理地点和时间',
		tab: 'limits',
		ok: (i) => (i.locations ?? []).length > 0 && i.locations.every((l: Json) => filled(l.address) && filled(l.hours))
	},
	{ key: 'result', label: '审批结果', tab: 'limits', ok: (i) => filled(i.result?.name) && (!i.result?.electronicLicence || filled(i.result?.licenceType)) },
	{ key: 'materials', label: '申请材料', tab: 'materials', ok: (i) => (i.materials ?? []).length > 0 },
	{ key: 'form', label: '申请表单', tab: 'form', ok: (i) => Object.keys(i.form?.schema?.properties ?? {}).length > 0 },
	{ key: 'workflow', label: '办理流程', tab: 'workflow', ok: (i) => Object.keys(i.workflow?.states ?? {}).length > 0 }
];

export function completeness(item: Json) {
	const missing = ELEMENTS.filter((e) => !e.ok(item));
	return { done: ELEMENTS.length - missing.length, total: ELEMENTS.length, missing };
}
