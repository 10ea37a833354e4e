// Posted material choices (m:<id>:source …) → ProvidedMaterial records; files posted without JS are stored here.
import type { ProvidedMaterial } from '../core/cases/events';
import type { App } from './app';
import { saveFile } from './files';

const str = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '');

/** Reads what the applicant chose for each material; an unanswered material is left out. */
export async function materialsFromForm(app: App, ownerId: string, form: FormData, materials: { id: string }[]): Promise<Record<string, ProvidedMaterial | Record<string, unknown>>> {
	const out: Record<string, ProvidedMaterial | Record<string, unknown>> = {};
	for (const { id } of materials) {
		const source = str(form.get(`m:${id}:source`));
		if (!source) continue;
		if (source === 'upload') {
			const files = form.getAll(`m:${id}:files`).map(str).filter(Boolean);
			for (const f of form.getAll(`m:${id}:upload`)) {
				if (typeof f === 'string' || !f.size) continue;
				files.push((await saveFile(app, ownerId, f.name, f.type, new Uint8Array(await f.arrayBuffer()))).id);
			}
			out[id] = { source, files };
		} else if (source === 'licence') out[id] = { source, licenceId: str(form.get(`m:${id}:licence`)) };
		else if (source === 'commitment') out[id] = form.get(`m:${id}:signed`) ? { source, signed: true } : { source };
		else out[id] = { source };
	}
	return out;
}
