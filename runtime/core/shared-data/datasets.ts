// 部门共享数据集: what each sharing department returns about a person, typed (zod), with the labels citizens and
// reviewers read and the semantic keys a field of the form may be prefilled from. Pure: no I/O here.
import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

import { DATASET_IDS, type DatasetId } from './dataset-ids';

export { DATASET_IDS, type DatasetId };

export interface DatasetField {
	label: string;
	/** the semantic key (definitions/dictionaries/semantic-keys.json) a form field may be prefilled from */
	semanticKey?: string;
}

export interface Dataset {
	id: DatasetId;
	/** the name citizens read (共享数据名称) */
	name: string;
	/** the sharing department: its id (departments dictionary) and name */
	department: { id: string; name: string };
	schema: z.ZodType<Record<string, unknown>>;
	fields: Record<string, DatasetField>;
}

const Hukou = z.strictObject({
	name: z.string().min(2),
	gender: z.enum(['男', '女']),
	birthDate: date,
	ethnicity: z.string().min(1),
	householdAddress: z.string().min(5),
	householder: z.string().min(2),
	relation: z.string().min(1)
});

const SocialInsurance = z.strictObject({
	employer: z.string().min(2),
	insuredSince: date,
	contributionMonths: z.number().int().min(0),
	status: z.enum(['正常缴费', '暂停缴费', '已退休']),
	lastPaidMonth: z.string().regex(/^\d{4}-\d{2}$/)
});

const Marriage = z.strictObject({
	status: z.enum(['未婚', '已婚', '离婚', '丧偶']),
	spouseName: z.string().optional(),
	registeredOn: date.optional(),
	registry: z.string().optional()
});

const RealEstate = z.strictObject({
	properties: z.array(
		z.strictObject({
			certificateNumber: z.string().min(5),
			location: z.string().min(5),
			areaM2: z.number().positive(),
			use: z.string().min(1)
		})
	)
});

export const DATASETS: Record<DatasetId, Dataset> = {
	hukou: {
		id: 'hukou',
		name: '户籍信息',
		department: { id: 'qz-gongan', name: '泉州市公安局' },
		schema: Hukou,
		fields: {
			name: { label: '姓名', semanticKey: 'applicant.name' },
			gender: { label: '性别', semanticKey: 'applicant.gender' },
			birthDate: { label: '出生日期', semanticKey: 'applicant.birthDate' },
			ethnicity: { label: '民族', semanticKey: 'applicant.ethnicity' },
			householdAddress: { label: '户籍地址' },
			householder: { label: '户主' },
			relation: { label: '与户主关系' }
		}
	},
	socialInsurance: {
		id: 'socialInsurance',
		name: '社保缴费信息',
		department: { id: 'qz-rsj', name: '泉州市人力资源和社会保障局' },
		schema: SocialInsurance,
		fields: {
			employer: { label: '参保单位', semanticKey: 'employment.employer' },
			insuredSince: { label: '参保日期' },
			contributionMonths: { label: '累计缴费月数' },
			status: { label: '参保状态' },
			lastPaidMonth: { label: '最近缴费月份' }
		}
	},
	marriage: {
		id: 'marriage',
		name: '婚姻登记信息',
		department: { id: 'qz-minzheng', name: '泉州市民政局' },
		schema: Marriage,
		fields: {
			status: { label: '婚姻状况' },
			spouseName: { label: '配偶姓名' },
			registeredOn: { label: '登记日期' },
			registry: { label: '登记机关' }
		}
	},
	realEstate: {
		id: 'realEstate',
		name: '不动产登记信息',
		department: { id: 'qz-zrzy', name: '泉州市自然资源和规划局（不动产登记中心）' },
		schema: RealEstate,
		fields: { properties: { label: '名下不动产' } }
	}
};

export const isDatasetId = (id: string): id is DatasetId => (DATASET_IDS as readonly string[]).includes(id);

/** One value as citizens and reviewers read it (a list of properties one per line). */
function shown(v: unknown): string {
	if (Array.isArray(v))
		return v.length ? v.map((x) => (x && typeof x === 'object' ? Object.values(x as Record<string, unknown>).join('，') : String(x))).join('；') : '无';
	return v === undefined || v === null || v === '' ? '—' : String(v);
}

/** A fetched record as label/value rows, in the dataset's field order. */
export function datasetRows(id: DatasetId, data: Record<string, unknown>): { label: string; value: string }[] {
	const d = DATASETS[id];
	return Object.entries(d.fields)
		.filter(([k]) => data[k] !== undefined)
		.map(([k, f]) => ({ label: f.label, value: shown(data[k]) }));
}

/** semantic key → value, for the fields a fetched record can prefill */
export function datasetOffer(id: DatasetId, data: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, f] of Object.entries(DATASETS[id].fields)) if (f.semanticKey && data[k] !== undefined) out[f.semanticKey] = data[k];
	return out;
}
