// The JavaScript a page makes the browser load: the modules its HTML preloads or imports, and their static imports, gzipped.
import { gzipSync } from 'node:zlib';
import { Client } from '../unit/helpers/server';
import { submitTuixiu } from '../unit/helpers/catalog-data';
import type { BenchRow } from './table';

export interface PageWeight {
	files: number;
	raw: number;
	gzip: number;
	/** loaded modules that contain any of the markers (studio code, monaco, xyflow) */
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
	const page = await fetch(pageUrl, { headers });
	// a refused session would be redirected to the login page and weigh that one instead
	if (page.status !== 200 || new URL(page.url).pathname !== new URL(pageUrl).pathname)
		throw new Error(`${pageUrl}：应答 ${page.status}（${page.url}），无法称量该页面`);
	const seen = await pageModules(pageUrl, await page.text());
	let raw = 0;
	let gzip = 0;
	const flagged: string[] = [];
	for (const [url, code] of seen) {
		raw += Buffer.byteLength(code);
		gzip += gzipSync(code, { level: 9 }).byteLength;
		if (markers.some((k) => code.includes(k))) flagged.push(url.split('/').pop()!);
	}
	return { files: seen.size, raw, gzip, flagged };
}

/**
 * Text only studio, monaco or xyflow code carries once minified (comments are gone): monaco's and @xyflow/svelte's
 * names, and UI text of the studio's form builder, workflow designer, condition editor, publish panel and preview.
 */
export const STUDIO_MARKERS = [
	'monaco-editor',
	'monaco.editor',
	'svelte-flow',
	'xyflow',
	'请先添加字段',
	'用模板替换当前流程',
	'以下条件都不满足',
	'未保存的新事项',
	'修正校验错误后即可预览'
];

/** Budgets of issue 13: JS gzip per page. */
export const BUDGET_KB = { citizen: 80, workbench: 100 } as const;

export interface PageSpec {
	surface: 'citizen' | 'workbench' | 'studio';
	/** who is signed in; none for the login page */
	user?: string;
	path: string;
	label: string;
}

/** Every citizen and workbench page, `caseId` a real case of lisi's (退休一件事), and the studio item editor for contrast. */
export function pagesToWeigh(caseId: string): PageSpec[] {
	return [
		{ surface: 'citizen', user: 'zhangsan', path: '/', label: '首页' },
		{ surface: 'citizen', path: '/login', label: '登录' },
		{ surface: 'citizen', user: 'zhangsan', path: '/bundles/zhongkao-jiafen', label: '一件事指南 中考加分' },
		{ surface: 'citizen', user: 'zhangsan', path: '/items/shaoshu-minzu-jiafen', label: '事项指南 少数民族加分' },
		{ surface: 'citizen', user: 'lisi', path: '/cases', label: '我的办件' },
		{ surface: 'citizen', user: 'zhangsan', path: '/apply/bundle/zhongkao-jiafen', label: '申请 中考加分确认一件事' },
		{ surface: 'citizen', user: 'lisi', path: '/apply/item/jiaoshi-zige-rending', label: '申请 教师资格认定' },
		{ surface: 'citizen', user: 'lisi', path: `/cases/${caseId}`, label: '办件详情 退休一件事' },
		{ surface: 'citizen', user: 'lisi', path: '/licences/lic-demo-lisi-id_card', label: '电子证照' },
		{ surface: 'citizen', user: 'lisi', path: '/me/data', label: '我的数据' },
		{ surface: 'workbench', user: 'qz-zwfw-frontdesk', path: '/workbench', label: '待办' },
		{ surface: 'workbench', user: 'qz-zwfw-frontdesk', path: `/workbench/cases/${caseId}`, label: '办件 退休一件事' },
		{ surface: 'workbench', user: 'qz-zwfw-supervisor', path: '/workbench/supervise', label: '督办' },
		{ surface: 'studio', user: 'admin', path: '/studio/items/jiaoshi-zige-buban', label: '事项编辑（monaco 按需加载）' }
	];
}

/** A case to show: lisi submits 退休一件事 over the API. */
export async function submittedCase(serverUrl: string): Promise<string> {
	const lisi = new Client(serverUrl);
	await lisi.login('lisi');
	return submitTuixiu(serverUrl, lisi);
}

/** JS gzip of each surface's pages on a running built server; citizen ≤ 80 KB, workbench ≤ 100 KB (issue 13) */
export async function pageRows(serverUrl: string, login: (user: string) => Promise<string>): Promise<BenchRow[]> {
	const caseId = await submittedCase(serverUrl);
	const rows: BenchRow[] = [];
	for (const { surface, user, path, label } of pagesToWeigh(caseId)) {
		const headers: Record<string, string> = { accept: 'text/html' };
		if (user) headers.authorization = `Bearer ${await login(user)}`;
		const w = await pageWeight(`${serverUrl}${path}`, headers, STUDIO_MARKERS);
		const target = surface === 'studio' ? undefined : BUDGET_KB[surface];
		rows.push({
			section: 'JS per page (gzip)',
			label: `${surface} ${label} ${path.replace(caseId, ':id')}`,
			value: w.gzip / 1024,
			unit: 'KB',
			target: target ? { op: '≤', value: target } : undefined,
			note:
				surface === 'studio'
					? `${w.files} modules; studio code in ${w.flagged.length}`
					: w.flagged.length
						? `✘ loads studio code: ${w.flagged.join(', ')}`
						: `${w.files} modules`
		});
	}
	return rows;
}
