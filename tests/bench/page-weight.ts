// The JavaScript a page makes the browser load: the modules its HTML preloads or imports, and their static imports, gzipped.
import { gzipSync } from 'node:zlib';
import type { BenchRow } from './table';

export interface PageWeight {
	files: number;
	raw: number;
	gzip: number;
	/** loaded modules that contain any of the markers (studio code, monaco) */
	flagged: string[];
}

const STATIC_IMPORT = /(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g;

/** The JS modules a page's HTML makes the browser load (URL → code); `get` fetches one module's text. */
export async function pageModules(
	pageUrl: string,
	html: string,
	get: (url: string) => Promise<string> = async (url) => (await fetch(url)).text()
): Promise<Map<string, string>> {
	// SvelteKit's inline start script imports start.js and app.js, then the route's nodes (node_ids) from app.js
	const start = new Set<string>();
	for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) start.add(new URL(m[1], pageUrl).href);
	for (const m of html.matchAll(/import\(["']([^"']+\.js)["']\)/g)) start.add(new URL(m[1], pageUrl).href);
	const appUrl = [...start].find((u) => /\/entry\/app\.[\w-]+\.js$/.test(u));
	const nodeIds =
		/node_ids:\s*\[([\d,\s]*)\]/
			.exec(html)?.[1]
			.split(',')
			.map((x) => x.trim())
			.filter(Boolean) ?? [];
	const seen = new Map<string, string>();
	const load = async (url: string) => {
		if (!seen.has(url)) seen.set(url, await get(url));
		return seen.get(url)!;
	};
	if (appUrl) {
		const app = await load(appUrl);
		for (const id of nodeIds) {
			const node = new RegExp(`["'](\\.\\./nodes/${id}\\.[\\w-]+\\.js)["']`).exec(app)?.[1];
			if (node) start.add(new URL(node, appUrl).href);
		}
	}
	const walked = new Set<string>();
	const queue = [...start];
	while (queue.length) {
		const url = queue.pop()!;
		if (walked.has(url)) continue;
		walked.add(url);
		for (const m of (await load(url)).matchAll(STATIC_IMPORT)) queue.push(new URL(m[1], url).href);
	}
	return seen;
}

export async function pageWeight(pageUrl: string, headers: Record<string, string>, markers: string[]): Promise<PageWeight> {
	const html = await (await fetch(pageUrl, { headers })).text();
	const seen = await pageModules(pageUrl, html);
	let raw = 0;
	let gzip = 0;
	const flagged: string[] = [];
	for (const [url, code] of seen) {
		raw += Buffer.byteLength(code);
		gzip += gzipSync(code).byteLength;
		if (markers.some((k) => code.includes(k))) flagged.push(url.split('/').pop()!);
	}
	return { files: seen.size, raw, gzip, flagged };
}

// Markers of code citizen pages must never load: studio, monaco, xyflow.
export const STUDIO_MARKERS = ['monaco-editor', 'monaco.editor', 'svelte-flow', '配置工作台：'];

/** JS gzip of each surface's pages on a running built server; citizen ≤ 80 KB, workbench ≤ 100 KB (issue 13) */
export async function pageRows(serverUrl: string, login: (user: string) => Promise<string>): Promise<BenchRow[]> {
	const pages: [string, string, string, number | undefined][] = [
		['zhangsan', '/', 'citizen home', 80],
		['zhangsan', '/apply/bundle/zhongkao-jiafen', 'citizen apply 中考加分确认一件事', 80],
		['qz-zwfw-frontdesk', '/workbench', 'workbench inbox', 100],
		['admin', '/studio/items/jiaoshi-zige-buban', 'studio item editor (monaco lazy)', undefined]
	];
	const rows: BenchRow[] = [];
	for (const [user, path, label, target] of pages) {
		const token = await login(user);
		const w = await pageWeight(`${serverUrl}${path}`, { authorization: `Bearer ${token}`, accept: 'text/html' }, STUDIO_MARKERS);
		const studio = label.startsWith('studio');
		rows.push({
			section: 'JS per page (gzip)',
			label,
			value: w.gzip / 1024,
			unit: 'KB',
			target: target ? { op: '≤', value: target } : undefined,
			note: studio
				? `${w.files} modules; studio code in ${w.flagged.length}`
				: w.flagged.length
					? `✘ loads studio code: ${w.flagged.join(', ')}`
					: `${w.files} modules`
		});
	}
	return rows;
}
