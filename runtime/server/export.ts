// A definition as it would live in definitions/: templates uploaded in the studio come along as files/…, so the export passes `npm run definitions:check`.
import { strToU8, zipSync } from 'fflate';
import { rewriteFileRefs } from '../core/check';
import type { Item } from '../core/model';
import type { App } from './app';

const UPLOADED = /^\/catalog-files\/(f[0-9a-f]{32})\.([a-z0-9]+)$/;
const slug = (s: string) =>
	s
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');

export type Export = { fileName: string; type: string; body: Uint8Array };

const json = (def: unknown) => strToU8(JSON.stringify(def, null, '\t') + '\n');

/** JSON alone; a zip of items/<id>.json and files/… when the item points at files uploaded in the studio. */
export async function exportDefinition(app: App, kind: 'item' | 'bundle', def: Record<string, any>): Promise<Export> {
	const plain = { fileName: `${def.id}.json`, type: 'application/json; charset=utf-8', body: json(def) };
	if (kind !== 'item') return plain;
	const copy = structuredClone(def) as Item;
	const files: Record<string, Uint8Array> = {};
	await rewriteFileRefs(copy, async (ref, path) => {
		const m = UPLOADED.exec(ref);
		const bytes = m && (await app.store.files.read(m[1]));
		if (!m || !bytes) return undefined; // a missing upload stays a reference; definitions:check names it
		const name = `files/${slug(copy.id)}-${slug(path.join('-'))}.${m[2]}`;
		files[name] = new Uint8Array(bytes);
		return name;
	});
	if (!Object.keys(files).length) return plain;
	return { fileName: `${def.id}.zip`, type: 'application/zip', body: zipSync({ [`items/${def.id}.json`]: json(copy), ...files }) };
}
