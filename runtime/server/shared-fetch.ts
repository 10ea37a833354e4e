// 部门共享 on the apply page (数据跑路代替群众跑腿): with the applicant's consent, the chosen shared materials are fetched
// from their departments, shown, and their data prefills the form's empty fields; each fetch is audited.
import { auditEntry } from '../core/audit';
import type { ComposedService } from '../core/compose';
import { fetchableDataset } from '../core/cases/shared-inputs';
import { applicantSubjects, prefillValues, type ProfileOffer } from '../core/prefill';
import { DATASETS, DATASET_IDS, datasetOffer } from '../core/shared-data/datasets';
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
