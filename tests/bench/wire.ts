// Bytes on the wire (issue 13, target 4): what the built server sends when the browser accepts br and gzip, beside the raw
// size and the gzip -9 size of the same bodies. Compression by the app itself should make the wire size the gzip size.
import { gzipSync } from 'node:zlib';
import { decoded, rawGet } from '../unit/helpers/raw-http';
import { pageModules } from './page-weight';
import type { BenchRow } from './table';

const ACCEPT = 'br, gzip';
/** wire ≤ gzip -9 size × this */
export const WIRE_SLACK = 1.05;

interface Tally {
	wire: number;
	raw: number;
	gzip: number;
	encodings: Map<string, number>;
}

async function fetchCounted(url: string, headers: Record<string, string>, tally: Tally): Promise<string> {
	const r = await rawGet(url, { ...headers, 'accept-encoding': ACCEPT });
	if (r.status !== 200) throw new Error(`GET ${url}: ${r.status}`);
	const body = decoded(r);
	const enc = r.headers['content-encoding'] ?? 'identity';
	tally.wire += r.wire.byteLength;
	tally.raw += body.byteLength;
	tally.gzip += gzipSync(body, { level: 9 }).byteLength;
	tally.encodings.set(enc, (tally.encodings.get(enc) ?? 0) + 1);
	return body.toString('utf8');
}

function row(label: string, t: Tally): BenchRow {
	const kb = (n: number) => n / 1024;
	const encodings = [...t.encodings].map(([e, n]) => `${e} ${n}`).join(', ');
	return {
		section: 'wire (br, gzip accepted)',
		label,
		value: kb(t.wire),
		unit: 'KB',
		target: { op: '≤', value: Math.round(kb(t.gzip) * WIRE_SLACK * 10) / 10 },
		note: `target = gzip -9 ${kb(t.gzip).toFixed(1)} KB × ${WIRE_SLACK}; raw ${kb(t.raw).toFixed(1)} KB; ${encodings}`
	};
}

const tally = (): Tally => ({ wire: 0, raw: 0, gzip: 0, encodings: new Map() });

/** The catalog's largest item definition (≈ 14 KB of JSON). */
const LARGE_ITEM = 'minban-xuexiao-sheli';

/** Wire vs raw bytes of a page's HTML and the JS it loads, and of a large JSON answer. */
export async function wireRows(serverUrl: string, login: (user: string) => Promise<string>): Promise<BenchRow[]> {
	const pages: [string, string, string][] = [
		['zhangsan', '/apply/bundle/zhongkao-jiafen', 'citizen apply 中考加分确认一件事 HTML+JS'],
		['qz-zwfw-frontdesk', '/workbench', 'workbench inbox HTML+JS']
	];
	const rows: BenchRow[] = [];
	for (const [user, path, label] of pages) {
		const auth = { authorization: `Bearer ${await login(user)}` };
		const t = tally();
		const url = `${serverUrl}${path}`;
		const html = await fetchCounted(url, { ...auth, accept: 'text/html' }, t);
		await pageModules(url, html, (u) => fetchCounted(u, {}, t));
		rows.push(row(label, t));
	}
	const t = tally();
	await fetchCounted(`${serverUrl}/api/items/${LARGE_ITEM}`, {}, t);
	rows.push(row(`GET /api/items/${LARGE_ITEM} (JSON)`, t));
	return rows;
}
