// 部门共享: one provider per sharing department, registered like the licence library (app.ts); the registry routes a
// request for a dataset to its department's provider and checks the answer against the dataset's schema.
import { DATASETS, isDatasetId, type DatasetId } from './datasets';

/** A fetched record: what the department returned, when, and from whom (kept on the case as the material's snapshot). */
export interface SharedSnapshot {
	dataset: DatasetId;
	department: string;
	fetchedAt: string;
	data: Record<string, unknown>;
}

export type SharedFailure = 'notFound' | 'unavailable' | 'invalid' | 'noProvider';

/** A provider's refusal, with the message the citizen reads (they may upload the material instead). */
export class SharedDataError extends Error {
	constructor(
		readonly kind: SharedFailure,
		message: string
	) {
		super(message);
	}
}

export interface SharedDataProvider {
	/** the sharing department's id (departments dictionary) */
	department: string;
	datasets: readonly DatasetId[];
	/** The person's record, or undefined when the department holds none; throws when it cannot answer. */
	fetch(dataset: DatasetId, idNumber: string): Promise<Record<string, unknown> | undefined>;
}

export class SharedDataRegistry {
	private byDataset = new Map<DatasetId, SharedDataProvider>();

	/** Registers a department's provider; each dataset comes from its own department, once. */
	register(p: SharedDataProvider): this {
		for (const d of p.datasets) {
			if (!isDatasetId(d)) throw new Error(`共享数据集「${d}」不存在`);
			if (DATASETS[d].department.id !== p.department)
				throw new Error(`共享数据集「${DATASETS[d].name}」由 ${DATASETS[d].department.name} 提供，不是 ${p.department}`);
			if (this.byDataset.has(d)) throw new Error(`共享数据集「${DATASETS[d].name}」已有提供方`);
			this.byDataset.set(d, p);
		}
		return this;
	}

	has(dataset: DatasetId) {
		return this.byDataset.has(dataset);
	}

	/** The person's record of the dataset, typed by its schema; a refusal is a SharedDataError the citizen can read. */
	async fetch(dataset: DatasetId, idNumber: string, at: string): Promise<SharedSnapshot> {
		const d = DATASETS[dataset];
		const p = this.byDataset.get(dataset);
		if (!p) throw new SharedDataError('noProvider', `${d.department.name}的「${d.name}」共享接口尚未接入，请上传材料`);
		if (!idNumber) throw new SharedDataError('notFound', `您的账号没有登记身份证号码，无法从${d.department.name}获取「${d.name}」，请上传材料`);
		let raw: Record<string, unknown> | undefined;
		try {
			raw = await p.fetch(dataset, idNumber);
		} catch (e) {
			throw new SharedDataError('unavailable', `${d.department.name}共享接口暂不可用（${(e as Error).message}），请稍后再试或上传材料`);
		}
		if (!raw) throw new SharedDataError('notFound', `${d.department.name}没有查到您的「${d.name}」，请上传材料`);
		const parsed = d.schema.safeParse(raw);
		if (!parsed.success) {
			const i = parsed.error.issues[0];
			throw new SharedDataError('invalid', `${d.department.name}返回的「${d.name}」不完整（${i?.path.join('.') || '记录'}：${i?.message}），请上传材料`);
		}
		return { dataset, department: p.department, fetchedAt: at, data: parsed.data };
	}
}
