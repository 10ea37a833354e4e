// The portal's home page on a catalog of the shipped services plus 120 in Chromium: typing searches the whole catalog on the server (an item
// of the last page shows at once), and the pager moves through the pages. The phrasings citizens use (synonyms, word
// order, full pinyin) find the right service at 375 px with and without JavaScript; a typo shows what it sounds like and
// 「您是不是要找」 a link to the right words; a query that means nothing finds nothing.
import { readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot, takeCspViolations, visit } from './browser';
import { startServer, type RunningServer } from '../unit/helpers/server';
import { writeLargeCatalog } from '../bench/catalog-gen';

/** the shipped items and bundles and 120 generated items, 50 a page */
const TOTAL = readdirSync('definitions/items').length + readdirSync('definitions/bundles').length + 120;
const PAGES = Math.ceil(TOTAL / 50);
let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
	[server, browser] = await Promise.all([startServer({ definitionsDir: writeLargeCatalog(120), readyTimeoutMs: 170_000 }), launch()]);
}, 180_000); // the first start checks and publishes every definition
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});
afterEach(() => expect(takeCspViolations()).toEqual([]));

/** what the citizen types, and the service it must find */
const PHRASINGS: [string, string][] = [
	['证书补发', 'jiaoshi-zige-buban'],
	['公积金提取', 'gjj-tiqu-tuixiu'],
	['提取公积金', 'gjj-tiqu-tuixiu'],
	['退休金', 'tuixiu-shenpi'],
	['教师证', 'jiaoshi-zige-rending'],
	['jiaoshizige', 'jiaoshi-zige-rending']
];
const count = (page: Page) => page.locator('main p[aria-live]').innerText();
const found = (page: Page, id: string) => page.locator(`main a[href="/items/${id}"]`).count();
const suggestion = (page: Page) => page.locator('main .suggestions');

describe('portal search and pages', () => {
	it('typing finds an item of the last page; the pager shows the next 50', { timeout: 120_000 }, async () => {
		const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
		await visit(page, server.url);
		const offered = () => page.locator('main a[href^="/apply/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		await expect(page.locator('main p[aria-live]').innerText()).resolves.toBe(`共 ${TOTAL} 项，第 1 / ${PAGES} 页`);
		const first = await offered();
		expect(first).toHaveLength(50);
		await screenshot(page, 'portal-home-paged');

		await page.getByRole('navigation', { name: '事项分页' }).getByRole('link', { name: '下一页' }).click();
		await page.waitForURL(/page=2/);
		await expect(page.locator('main p[aria-live]').innerText()).resolves.toBe(`共 ${TOTAL} 项，第 2 / ${PAGES} 页`);
		const second = await offered();
		expect(second).toHaveLength(50);
		expect(second.filter((h) => first.includes(h))).toEqual([]);

		await visit(page, `${server.url}/?page=${PAGES}`);
		const target = (await offered()).filter((h) => h?.startsWith('/apply/item/gen-')).at(-1)!;
		const name = await page.locator(`main a[href="${target.replace('/apply/item/', '/items/')}"]`).innerText();
		await visit(page, server.url);
		await page.getByLabel('搜索事项').fill(name);
		await page.waitForURL((u) => u.searchParams.get('q') === name);
		await page.locator('main p[aria-live]', { hasText: '找到 1 项' }).waitFor();
		expect(await offered()).toEqual([target]);
		await expect(page.getByLabel('搜索事项').inputValue()).resolves.toBe(name);
	});
});

describe('search that finds, at 375 px', () => {
	it('with JavaScript: typing each phrasing finds the service; a typo shows near results and a suggestion that finds them', { timeout: 180_000 }, async () => {
		const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 800 } });
		const page = await context.newPage();
		await visit(page, server.url);
		const box = page.getByLabel('搜索事项');
		const type = async (q: string) => {
			await box.fill(q);
			await page.waitForURL((u) => u.searchParams.get('q') === q);
		};
		for (const [q, id] of PHRASINGS) {
			await type(q);
			await page.locator(`main a[href="/items/${id}"]`).waitFor({ timeout: 5000 });
			await expect(count(page), q).resolves.toMatch(/^找到 \d+ 项/);
			await expect(suggestion(page).innerText(), q).resolves.toBe('');
		}

		await type('退修');
		await page.locator('main p[aria-live]', { hasText: '没有找到与「退修」完全一致的事项' }).waitFor();
		await expect(found(page, 'tuixiu-shenpi')).resolves.toBe(1);
		await expect(suggestion(page).innerText()).resolves.toContain('您是不是要找：退休');
		await screenshot(page, 'portal-search-typo-375');
		await suggestion(page).getByRole('link', { name: '退休', exact: true }).click();
		await page.waitForURL((u) => u.searchParams.get('q') === '退休');
		await page.locator('main p[aria-live]', { hasText: /^找到 \d+ 项/ }).waitFor();
		await expect(box.inputValue()).resolves.toBe('退休');
		await expect(found(page, 'tuixiu-shenpi')).resolves.toBe(1);

		await type('教室资格');
		await expect(suggestion(page).getByRole('link', { name: '教师资格', exact: true }).count()).resolves.toBe(1);
		await expect(found(page, 'jiaoshi-zige-rending')).resolves.toBe(1);

		await type('没有这个事项');
		await page.locator('main p[aria-live]', { hasText: '没有匹配的一件事或事项。' }).waitFor();
		await expect(page.locator('main a[href^="/items/"], main a[href^="/bundles/"]').count()).resolves.toBe(0);
		await context.close();
	});

	it('without JavaScript: the search form finds each phrasing, and a typo’s suggestion is a link that works', { timeout: 180_000 }, async () => {
		const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 375, height: 800 } });
		const page = await context.newPage();
		await page.goto(server.url);
		const submit = async (q: string) => {
			await page.getByLabel('搜索事项').fill(q);
			await Promise.all([page.waitForURL((u) => u.searchParams.get('q') === q), page.getByRole('button', { name: '搜索' }).click()]);
		};
		for (const [q, id] of PHRASINGS) {
			await submit(q);
			await expect(found(page, id), q).resolves.toBe(1);
		}
		await submit('教室资格');
		await expect(count(page)).resolves.toContain('没有找到与「教室资格」完全一致的事项');
		await expect(found(page, 'jiaoshi-zige-buban')).resolves.toBe(1);
		await screenshot(page, 'portal-search-typo-nojs-375');
		await Promise.all([
			page.waitForURL((u) => u.searchParams.get('q') === '教师资格'),
			suggestion(page).getByRole('link', { name: '教师资格', exact: true }).click()
		]);
		await expect(count(page)).resolves.toMatch(/^找到 \d+ 项/);
		await expect(page.getByLabel('搜索事项').inputValue()).resolves.toBe('教师资格');
		await expect(found(page, 'jiaoshi-zige-buban')).resolves.toBe(1);

		await submit('退修');
		await expect(suggestion(page).innerText()).resolves.toContain('您是不是要找：退休');
		await submit('没有这个事项');
		await expect(count(page)).resolves.toBe('没有匹配的一件事或事项。');
		await expect(page.locator('main a[href^="/items/"]').count()).resolves.toBe(0);
		await context.close();
	});
});
