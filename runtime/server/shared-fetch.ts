// 部门共享 on the apply page (数据跑路代替群众跑腿): with the applicant's consent, the chosen shared materials are fetched
// from their departments, shown, and their data prefills the form's empty fields; each fetch is audited.
import { auditEntry } from '../core/audit';
import type { ComposedService } from '../core/compose';
import { fetchableDataset } from '../core/cases/shared-inputs';
import { applicantSubjects, prefillValues, type ProfileOffer } from '../core/prefill';
import { DATASETS, DATASET_IDS, datasetOffer, datasetRows, isDatasetId, type DatasetId } from '../core/shared-data/datasets';
import { formatDateTime, SERVICE_TIME_ZONE } from '../core/dates';
import { m as t } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';
import { SharedDataError } from '../core/shared-data/registry';
import type { Actor } from '../core/store';
import type { App } from './app';

type Choice = Record<string, any>;
const empty = (v: unknown) => v === undefined || v === null || v === '';

/** Each dataset's name and field labels, for the page to show a fetched record. */
export const datasetLabels = () =>
	Object.fromEntries(
		DATASET_IDS.map((id) => [id, { _: DATASETS[id].name, ...Object.fromEntries(Object.entries(DATASETS[id].fields).map(([k, f]) => [k, f.label])) }])
	);

/**
 * Fetches the shared materials chosen with consent (`consent: true`, not fetched yet); `provided` and `values` are
 * changed in place. Returns the fields prefilled and the problems (the citizen may upload instead).
 */
export async function fetchForApplication(
	app: App,
	actor: Actor,
	applicant: Actor,
	service: Pick<ComposedService, 'materials' | 'form' | 'questions'>,
	answers: Record<string, unknown>,
	provided: Record<string, Choice>,
	values: Record<string, unknown>
): Promise<{ prefilled: string[]; errors: { path: string; message: string }[] }> {
	const errors: { path: string; message: string }[] = [];
	const offer: ProfileOffer = {};
	const at = app.time.now().toISOString();
	let idNumber: string | undefined;
	for (const m of service.materials) {
		const p = provided[m.id];
		const dataset = fetchableDataset(m);
		if (!dataset || p?.source !== 'shared' || p.consent !== true || p.fetched) continue;
		idNumber ??= String((await app.store.accounts.get(applicant.id))?.profile?.idNumber ?? '');
		try {
			const fetched = await app.sharedData.fetch(dataset, idNumber, at);
			provided[m.id] = { source: 'shared', consent: true, fetched };
			for (const [key, value] of Object.entries(datasetOffer(dataset, fetched.data))) offer[key] = { subject: 'applicant', value };
			await app.store.audit.append(
				auditEntry(at, actor.id, 'shared.fetch', undefined, { material: m.id, dataset, department: fetched.department, applicant: applicant.id })
			);
		} catch (e) {
			if (!(e instanceof SharedDataError)) throw e;
			provided[m.id] = { source: 'shared' };
			errors.push({ path: `materials.${m.id}`, message: `「${m.name}」：${e.message}` });
		}
	}
	const prefilled: string[] = [];
	for (const [k, v] of Object.entries(prefillValues(service.form, offer, applicantSubjects(service.questions, answers))))
		if (empty(values[k])) {
			values[k] = v;
			prefilled.push(k);
		}
	return { prefilled, errors };
}

/**
 * What the citizen pages show of each shared material, worded here so the page carries no text of its own: a fetched
 * record (its source, time and rows), or, where `offer`, the offer to fetch it with the 授权并获取 button.
 */
export function sharedView(
	materials: Pick<ComposedService['materials'][number], 'id' | 'sources'>[],
	provided: Record<string, Choice | undefined>,
	departments: Record<string, string>,
	offer = true
): Record<string, { title: string; rows?: string[][]; button?: string }> {
	const out: Record<string, { title: string; rows?: string[][]; button?: string }> = {};
	for (const mat of materials) {
		const p = provided[mat.id];
		if (p?.source !== 'shared') continue;
		const f = p.fetched as { dataset: DatasetId; department: string; fetchedAt: string; data: Record<string, unknown> } | undefined;
		const dataset = fetchableDataset(mat);
		if (f && isDatasetId(f.dataset)) {
			const d = DATASETS[f.dataset];
			const time = formatDateTime(f.fetchedAt, { locale: getLocale(), timeZone: SERVICE_TIME_ZONE });
			out[mat.id] = {
				title: t.mat_shared_fetched({ department: departments[f.department] ?? d.department.name, dataset: d.name, time }),
				rows: datasetRows(f.dataset, f.data).map((r) => [r.label, r.value])
			};
		} else if (dataset && offer)
			out[mat.id] = {
				title: t.mat_share_consent({ department: DATASETS[dataset].department.name, dataset: DATASETS[dataset].name }),
				button: t.mat_share_fetch()
			};
	}
	return out;
}
