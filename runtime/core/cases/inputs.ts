// What an applicant provides, checked against what they may use: their own uploads, their licences with consent.
import type { ComposedService } from '../compose';
import { fileRefsIn } from '../form-data';
import type { LicenceLibrary } from '../licences';
import type { SharedDataRegistry } from '../shared-data/registry';
import { fetchShared } from './shared-inputs';
import type { Actor, FileRecord, Store } from '../store';
import type { TimeSource } from '../time';
import { ProvidedMaterial } from './events';
import { checkMaterials, finishedMaterials } from './materials-check';

/**
 * Posted material choices → well-formed ProvidedMaterial records; the unfinished choices of required materials and the
 * malformed ones come back as errors named by the material (an unknown id is left for checkMaterials to name).
 */
export function providedOf(
	materials: ComposedService['materials'],
	posted: Record<string, unknown>,
	answers: Record<string, unknown>,
	data: Record<string, unknown>
): { provided: Record<string, ProvidedMaterial>; errors: { path: string; message: string }[] } {
	const { provided: finished, errors } = finishedMaterials(materials, posted, answers, data);
	const provided: Record<string, ProvidedMaterial> = {};
	for (const [id, p] of Object.entries(finished)) {
		const parsed = ProvidedMaterial.safeParse(p);
		const name = materials.find((m) => m.id === id)?.name ?? id;
		if (parsed.success) provided[id] = parsed.data;
		else errors.push({ path: `materials.${id}`, message: `${name}：${parsed.error.issues[0]?.message ?? '提供方式不正确'}` });
	}
	return { provided, errors };
}

export class ApplicantInputs {
	constructor(
		private store: Store,
		private licences: LicenceLibrary,
		private time: TimeSource,
		private shared?: SharedDataRegistry
	) {}

	private async uploads(provided: Record<string, ProvidedMaterial>): Promise<Map<string, FileRecord>> {
		const ids = Object.values(provided).flatMap((p) => (p.source === 'upload' ? p.files : []));
		return new Map((await this.store.files.getMany(ids)).map((f) => [f.id, f]));
	}

	async materialErrors(
		actor: Actor,
		materials: ComposedService['materials'],
		provided: Record<string, ProvidedMaterial>,
		answers: Record<string, unknown>,
		data: Record<string, unknown>,
		consent: boolean,
		/** the officer filing for the applicant (帮办代办): the scans they uploaded count as the applicant's */
		uploader?: string
	) {
		const fetching = consent && Object.values(provided).some((p) => p?.source === 'licence');
		const licences = fetching ? await this.licences.fetchable(actor.id, this.time.now().toISOString()) : [];
		const idNumber = async () => String((await this.store.accounts.get(actor.id))?.profile?.idNumber ?? '');
		const sharedErrors = await fetchShared(this.shared, materials, provided, idNumber, this.time.now().toISOString());
		const named = new Set(sharedErrors.map((e) => e.path));
		const errors = checkMaterials(materials, provided, {
			answers,
			data,
			files: await this.uploads(provided),
			licences,
			applicantId: actor.id,
			uploaderId: uploader,
			licenceConsent: consent
		});
		return [...sharedErrors, ...errors.filter((e) => !named.has(e.path))];
	}

	/** A file field (also inside a repeatable group) must point at a file the applicant uploaded. */
	async foreignFiles(service: ComposedService, data: Record<string, unknown>, actor: Actor, uploader?: string) {
		const out: { path: string; message: string }[] = [];
		const refs = fileRefsIn(service.form.schema, data);
		const files = new Map((await this.store.files.getMany(refs.map((r) => r.id))).map((f) => [f.id, f]));
		for (const ref of refs) {
			const f = files.get(ref.id);
			if (!f || (f.ownerId !== actor.id && f.ownerId !== uploader)) out.push({ path: `data.${ref.path}`, message: `${ref.title}：文件不存在或不属于您` });
		}
		return out;
	}
}
