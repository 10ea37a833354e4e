// The 案卷 as one ZIP archive: the dossier's HTML (styles inlined), the material files in the dossier's numbered order,
// and a manifest with the SHA-256 of every file (manifest.json, and SHA256SUMS for `sha256sum -c`).
import { createHash } from 'node:crypto';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { render } from 'svelte/server';
import Dossier from '../components/dossier/Dossier.svelte';
import css from '../components/dossier/dossier.css?raw';
import type { Dossier as DossierData, DossierFile } from '../components/dossier/types';
import type { App } from './app';

export const DOSSIER_HTML = '案卷.html';
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const escape = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
/** already-compressed formats are stored, the rest deflated */
const stored = (mime: string) => /^(image\/(jpeg|png|gif|webp)|application\/(pdf|zip))$/.test(mime);

/** The dossier's standalone HTML: links point at the files inside the archive. */
export function dossierHtml(d: DossierData): string {
	const { body } = render(Dossier, { props: { dossier: d, fileHref: (f: DossierFile) => encodeURI(f.path) } });
	return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>案卷 ${escape(d.cover.receiptNumber)}</title><style>${css}</style></head>
<body>${body}</body></html>
`;
}

export async function dossierZip(app: App, d: DossierData): Promise<Uint8Array> {
	const html = strToU8(dossierHtml(d));
	const entries: Zippable = { [DOSSIER_HTML]: [html, { level: 6 }] };
	const files: { path: string; name: string; size: number; sha256: string; material?: string }[] = [
		{ path: DOSSIER_HTML, name: DOSSIER_HTML, size: html.byteLength, sha256: sha256(html) }
	];
	for (const m of d.materials)
		for (const f of m.files) {
			const bytes = await app.store.files.read(f.id);
			if (!bytes) throw new Error(`案卷文件 ${f.id} 的内容缺失`);
			entries[f.path] = [bytes, { level: stored(f.mime) ? 0 : 6 }];
			files.push({ path: f.path, name: f.name, size: bytes.byteLength, sha256: sha256(bytes), material: m.name });
		}
	const manifest = {
		receiptNumber: d.cover.receiptNumber,
		service: d.cover.service,
		generatedAt: d.generatedAt,
		generatedBy: d.generatedBy,
		algorithm: 'SHA-256',
		files
	};
	entries['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
	entries.SHA256SUMS = strToU8(files.map((f) => `${f.sha256}  ${f.path}\n`).join(''));
	return zipSync(entries, { mtime: new Date(d.generatedAt) });
}
