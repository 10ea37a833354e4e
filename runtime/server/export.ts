// A definition as it would live in definitions/: templates uploaded in the studio come along as files/…, so the export passes `npm run definitions:check`.
import { strToU8, zipSync } from 'fflate';
import { fileRefsOf } from '../core/check';
import type { Item } from '../core/model';
import type { App } from './app';

const UPLOADED = /^\/catalog-files\/(f[0-9a-f]{32})\.([a-z0-9]+)$/;
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export type Export = { fileName: string; type: string; body: Uint8Array };

const json = (def: unknown) => strToU8(JSON.stringify(def, null, '\t') + '\n');

/** JSON alone; a zip of items/<id>.json and files/… when the item points at files uploaded in the studio. */
export async function exportDefinition(app: App, kind: 'item' | 'bundle', def: Record<string, any>): Promise<Export> {
	const plain = { fileName: `${def.id}.json`, type: 'application/json; charset=utf-8', body: json(def) };
	if (kind !== 'item') return plain;
	const copy = structuredClone(def) as Item;
	const files: Record<string, Uint8Array> = {};
	for (const { ref, path } of fileRefsOf(copy)) {
		const m = UPLOADED.exec(ref);
		if (!m) continue;
		const name = `files/${slug(copy.id)}-${slug(path.join('-'))}.${m[2]}`;
		const bytes = await app.store.files.read(m[1]);
		if (!bytes) continue; // a missing upload stays a reference; definitions:check names it
		files[name] = new Uint8Array(bytes);
		let at: any = copy;
		for (const key of path.slice(0, -1)) at = at[key];
		at[path.at(-1)!] = name;
	}
	if (!Object.keys(files).length) return plain;
	return { fileName: `${def.id}.zip`, type: 'application/zip', body: zipSync({ [`items/${def.id}.json`]: json(copy), ...files }) };
}
