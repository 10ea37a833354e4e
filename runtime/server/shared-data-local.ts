// The local 部门共享 providers: one per sharing department, over the demo records in definitions/shared-data/
// (keyed by ID number). A record set to "unavailable" stands for the department's interface being down.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS, DATASET_IDS, type DatasetId } from '../core/shared-data/datasets';
import { SharedDataRegistry, type SharedDataProvider } from '../core/shared-data/registry';

export type DemoRecords = Record<string, Partial<Record<DatasetId, Record<string, unknown> | 'unavailable'>>>;

export const DEMO_FILE = 'shared-data/demo-citizens.json';

export class LocalSharedDataProvider implements SharedDataProvider {
	constructor(
		readonly department: string,
		readonly datasets: readonly DatasetId[],
		private records: () => DemoRecords
	) {}

	async fetch(dataset: DatasetId, idNumber: string) {
		const r = this.records()[idNumber]?.[dataset];
		if (r === 'unavailable') throw new Error('接口响应超时');
		return r;
	}
}

/** Reads the demo records once, when first asked; a missing file means no one has records. */
export function demoRecords(definitionsDir: string): () => DemoRecords {
	let cached: DemoRecords | undefined;
	return () => {
		if (!cached) {
			const file = join(definitionsDir, DEMO_FILE);
			cached = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoRecords) : {};
		}
		return cached;
	};
}

/** A registry with one local provider per department that shares a dataset. */
export function localSharedData(records: () => DemoRecords): SharedDataRegistry {
	const registry = new SharedDataRegistry();
	const byDept = new Map<string, DatasetId[]>();
	for (const id of DATASET_IDS) byDept.set(DATASETS[id].department.id, [...(byDept.get(DATASETS[id].department.id) ?? []), id]);
	for (const [dept, ids] of byDept) registry.register(new LocalSharedDataProvider(dept, ids, records));
	return registry;
}
