// 部门共享 materials at submission: a material provided as `shared` whose source names a dataset is fetched from the
// sharing department with the applicant's consent, and the record kept on the material (its snapshot).
import type { ComposedMaterial } from '../compose';
import { DATASETS, type DatasetId } from '../shared-data/datasets';
import { SharedDataError, type SharedDataRegistry } from '../shared-data/registry';
import type { ProvidedMaterial } from './events';

type Shared = Extract<ProvidedMaterial, { source: 'shared' }>;

/** The dataset a material can be fetched as, when its definition names one. */
export function fetchableDataset(m: Pick<ComposedMaterial, 'sources'>): DatasetId | undefined {
	for (const s of m.sources) if (s.kind === 'shared' && s.fetch) return s.fetch;
	return undefined;
}

/**
 * Fetches each consented shared material's dataset and records the snapshot on the provided record itself (so the case,
 * the 补正 event or the 容缺 supply logs it); a snapshot posted by the client is never kept. Returns the problems, named.
 */
export async function fetchShared(
	registry: SharedDataRegistry | undefined,
	materials: ComposedMaterial[],
	provided: Record<string, ProvidedMaterial>,
	idNumber: () => Promise<string>,
	at: string
): Promise<{ path: string; message: string }[]> {
	const errors: { path: string; message: string }[] = [];
	let id: string | undefined;
	for (const m of materials) {
		const p = provided[m.id] as Shared | undefined;
		if (p?.source !== 'shared') continue;
		delete p.fetched;
		const dataset = fetchableDataset(m);
		if (!dataset) continue;
		const d = DATASETS[dataset];
		const path = `materials.${m.id}`;
		if (p.consent !== true) {
			errors.push({ path, message: `「${m.name}」需要您授权从${d.department.name}共享获取「${d.name}」，或改为上传` });
			continue;
		}
		try {
			if (!registry) throw new SharedDataError('noProvider', `${d.department.name}的「${d.name}」共享接口尚未接入，请上传材料`);
			id ??= await idNumber();
			p.fetched = await registry.fetch(dataset, id, at);
		} catch (e) {
			if (!(e instanceof SharedDataError)) throw e;
			errors.push({ path, message: `「${m.name}」：${e.message}` });
		}
	}
	return errors;
}
