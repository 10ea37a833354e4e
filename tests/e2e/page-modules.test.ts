// Every script module each citizen and workbench page makes Chromium load: no studio, monaco or xyflow code, and
// within issue 13's JS budget (gzip of every module body). The studio page shows the markers are found when loaded.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BUDGET_KB, STUDIO_MARKERS, pagesToWeigh, submittedCase } from '../bench/page-weight';
import { signIn, useAppInBrowser, visit } from './browser';

const env = useAppInBrowser();

interface Loaded {
	url: string;
	gzip: number;
	markers: string[];
}

/** Records the body of every script the page fetches (modules, preloads, workers) until `stop()`. */
function recordScripts(page: Page) {
	const bodies: Promise<Loaded | undefined>[] = [];
	page.on('response', (r) => {
		const type = r.request().resourceType();
		if (!/\.m?js(\?|$)/.test(new URL(r.url()).pathname) && type !== 'script') return;
		bodies.push(
			r.body().then(
				(b) => ({ url: r.url(), gzip: gzipSync(b, { level: 9 }).byteLength, markers: STUDIO_MARKERS.filter((m) => b.includes(m)) }),
				() => undefined // a body gone with a navigation
			)
		);
	});
	return async () => (await Promise.all(bodies.splice(0))).filter((x): x is Loaded => !!x);
}

const contexts = new Map<string, Promise<Page>>();
/** One signed-in page per user; the HTTP cache is off (routing disables it), so every visit fetches every module. */
async function pageAs(user: string | undefined): Promise<Page> {
	const key = user ?? '';
	if (!contexts.has(key))
		contexts.set(
			key,
			(async () => {
				const page = user ? await signIn(env.browser, env.url, user) : await (await env.browser.newContext({ locale: 'zh-CN' })).newPage();
				await page.context().route('**/*', (route) => route.continue());
				return page;
			})()
		);
	return contexts.get(key)!;
}

/** Opens a page in a fresh document and returns every script it loaded once the network is quiet. */
async function scriptsOf(page: Page, path: string): Promise<Loaded[]> {
	const stop = recordScripts(page);
	const response = await visit(page, `${env.url}${path}`);
	expect(response?.status(), path).toBe(200);
	expect(new URL(page.url()).pathname, `${path} was redirected`).toBe(path);
	await page.waitForLoadState('networkidle');
	return stop();
}

const kb = (loaded: Loaded[]) => loaded.reduce((n, l) => n + l.gzip, 0) / 1024;

describe('JavaScript per page in Chromium', () => {
	it('no citizen or workbench page loads studio, monaco or xyflow code, and each stays within its budget', { timeout: 240_000 }, async () => {
		const caseId = await submittedCase(env.url);
		const pages = pagesToWeigh(caseId).filter((p) => p.surface !== 'studio');
		expect(pages.filter((p) => p.surface === 'citizen').length).toBeGreaterThanOrEqual(9);
		const report: string[] = [];
		for (const { surface, user, path } of pages) {
			const loaded = await scriptsOf(await pageAs(user), path);
			// the page ran its JavaScript: the entry, its route node and Svelte's runtime at least
			expect(loaded.length, path).toBeGreaterThanOrEqual(5);
			const studio = loaded.filter((l) => l.markers.length).map((l) => `${l.url.split('/').pop()} (${l.markers.join('、')})`);
			expect(studio, `${path} 加载了配置工作台、monaco 或 xyflow 的代码`).toEqual([]);
			const budget = BUDGET_KB[surface as keyof typeof BUDGET_KB];
			report.push(`${path}: ${kb(loaded).toFixed(1)} KB / ${budget} KB (${loaded.length} modules)`);
			expect(kb(loaded), `${path}：JS 共 ${kb(loaded).toFixed(1)} KB（gzip），超出 ${budget} KB`).toBeLessThanOrEqual(budget);
		}
		console.log(report.join('\n'));
		await Promise.all([...contexts.values()].map(async (p) => (await p).context().close()));
		contexts.clear();
	});

	it('the same check finds studio, xyflow and monaco code on the studio item editor, so it can fail', { timeout: 120_000 }, async () => {
		const admin = await signIn(env.browser, env.url, 'admin');
		await admin.context().route('**/*', (route) => route.continue());
		const path = '/studio/items/jiaoshi-zige-buban';
		const found = new Set((await scriptsOf(admin, path)).flatMap((l) => l.markers));
		expect([...found], '配置工作台的组件与 xyflow').toEqual(expect.arrayContaining(['xyflow', '请先添加字段', '以下条件都不满足']));
		expect(found.has('monaco-editor'), 'monaco 仅在打开 JSON 编辑器时加载').toBe(false);
		// monaco arrives when the JSON tab opens
		const stop = recordScripts(admin);
		await admin.getByRole('tab', { name: /^JSON/ }).click();
		await admin.locator('.monaco .view-lines').waitFor();
		await admin.waitForLoadState('networkidle');
		expect((await stop()).some((l) => l.markers.includes('monaco-editor'))).toBe(true);
		await admin.context().close();
	});
});
