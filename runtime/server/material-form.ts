// Posted material choices (m:<id>:source …) → ProvidedMaterial records; files posted without JS are stored here.
import type { ProvidedMaterial } from '../core/cases/events';
import { HttpError } from '../core/errors';
import type { App } from './app';
import { saveFile } from './files';

type Refusal = { path: string; message: string };

/** Stores a posted file; a refused one (too large, bad name, not PDF or an image) is reported in `refused` instead of failing the whole post. */
export async function savePosted(app: App, ownerId: string, f: File, path: string, refused: Refusal[]): Promise<string | undefined> {
	try {
		return (await saveFile(app, ownerId, f.name, new Uint8Array(await f.arrayBuffer()), 'material')).id;
	} catch (e) {
		if (!(e instanceof HttpError) || e.status >= 500) throw e;
		refused.push({ path, message: e.message });
		return undefined;
	}
}

const str = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '');

/** Reads what the applicant chose for each material; an unanswered material is left out. */
export async function materialsFromForm(
	app: App,
	ownerId: string,
	form: FormData,
	materials: { id: string }[],
	refused: Refusal[] = []
): Promise<Record<string, ProvidedMaterial | Record<string, unknown>>> {
	const out: Record<string, ProvidedMaterial | Record<string, unknown>> = {};
	for (const { id } of materials) {
		const source = str(form.get(`m:${id}:source`));
		if (!source) continue;
		if (source === 'upload') {
			const files = form.getAll(`m:${id}:files`).map(str).filter(Boolean);
			for (const f of form.getAll(`m:${id}:upload`)) {
				if (typeof f === 'string' || !f.size) continue;
				const saved = await savePosted(app, ownerId, f, `materials.${id}`, refused);
				if (saved) files.push(saved);
			}
			out[id] = { source, files };
		} else if (source === 'licence') out[id] = { source, licenceId: str(form.get(`m:${id}:licence`)) };
		else if (source === 'commitment') out[id] = form.get(`m:${id}:signed`) ? { source, signed: true } : { source };
		// 部门共享: the 授权并获取 button (share=<id>) or the consent kept from an earlier fetch
		else if (source === 'shared' && (form.get('share') === id || form.get(`m:${id}:consent`) === 'true')) out[id] = { source, consent: true };
		else out[id] = { source };
	}
	return out;
}
