// 适老化 large-text mode in Chromium at 375 px: a switch in the header of every citizen page that works without
// JavaScript (a cookie), ≥ 20 px text, high contrast, targets ≥ 44 px and one column; screenshots in both modes.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppInBrowser, screenshot, signIn, visit } from './browser';

const env = useAppInBrowser();
const PHONE = { width: 375, height: 800 };

/** What the reader sees of the mode: the <html> class, the base font size, and the smallest text in the page body. */
function measure(page: Page) {
	return page.evaluate(() => {
		const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
		const lum = ([r, g, b]: number[]) => {
			const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
			return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
		};
		const contrast = (a: string, b: string) => {
			const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
			return (x + 0.05) / (y + 0.05);
		};
		const visible = (el: Element) => (el as HTMLElement).offsetParent !== null && el.getClientRects().length > 0;
		// every element in main that holds text of its own
		const texts = [...document.querySelectorAll('main *')].filter(
			(el) => visible(el) && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()) && !el.closest('.sr-only')
		);
		const smallest = texts
			.map((el) => ({ px: parseFloat(getComputedStyle(el).fontSize), text: el.textContent!.trim().slice(0, 20) }))
			.sort((a, b) => a.px - b.px)[0];
		const targets = [
			...document.querySelectorAll('button, .button, input:not([type=hidden]):not([type=radio]):not([type=checkbox]), select, textarea, .opt, .site-top a')
		]
			.filter(visible)
			.map((el) => ({ h: el.getBoundingClientRect().height, what: `${el.tagName.toLowerCase()} ${el.textContent?.trim().slice(0, 12) ?? ''}` }))
			.sort((a, b) => a.h - b.h);
		const bg = getComputedStyle(document.body).backgroundColor;
		const page = rgb(bg).length === 4 && rgb(bg)[3] === 0 ? getComputedStyle(document.documentElement).backgroundColor : bg;
		const muted = document.querySelector('main .muted');
		const dl = document.querySelector('dl.elements');
		const header = getComputedStyle(document.querySelector('.site-top')!).backgroundColor;
		const headerLinks = Math.min(...[...document.querySelectorAll('.site-top a, .site-top button')].map((a) => contrast(getComputedStyle(a).color, header)));
		return {
			large: document.documentElement.classList.contains('large-text'),
			base: parseFloat(getComputedStyle(document.body).fontSize),
			smallest,
			smallestTarget: targets[0],
			textContrast: contrast(getComputedStyle(document.body).color, page),
			mutedContrast: muted ? contrast(getComputedStyle(muted).color, page) : undefined,
			headerLinks,
			dlColumns: dl ? getComputedStyle(dl).gridTemplateColumns.split(' ').length : undefined,
			noScroll: document.documentElement.scrollWidth <= innerWidth
		};
	});
}

describe('适老化 large-text mode', () => {
	it('switches without JavaScript, keeps the page and its query, and stays on across citizen pages', { timeout: 120_000 }, async () => {
		const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: PHONE, locale: 'zh-CN' });
		const page = await context.newPage();
		await page.goto(`${env.url}/?q=${encodeURIComponent('退休')}`);
		const before = await measure(page);
		expect(before.large).toBe(false);
		expect(before.base).toBeLessThan(20);
		await page.getByRole('button', { name: '大字模式' }).click();
		await page.waitForURL((u) => u.pathname === '/' && u.searchParams.get('q') === '退休');
		const after = await measure(page);
		expect(after.large).toBe(true);
		expect(after.base).toBeGreaterThanOrEqual(20);
		expect(after.smallest.px, `最小的字「${after.smallest.text}」`).toBeGreaterThanOrEqual(20);
		// another citizen page, opened fresh: still large (the cookie), with the way back
		await page.goto(`${env.url}/items/jiaoshi-zige-buban`);
		expect((await measure(page)).large).toBe(true);
		await page.getByRole('button', { name: '退出大字模式' }).click();
		await page.waitForURL(/\/items\/jiaoshi-zige-buban$/);
		expect((await measure(page)).large).toBe(false);
		await page.getByRole('button', { name: '大字模式' }).waitFor();
		await context.close();
	});

	it('gives ≥ 20 px text, high contrast, ≥ 44 px targets and one column, at 375 px, with screenshots in both modes', { timeout: 180_000 }, async () => {
		const page = await signIn(env.browser, env.url, 'zhangsan', PHONE);
		const pages: [string, string][] = [
			['home', '/'],
			['item-guide', '/items/jiaoshi-zige-buban'],
			['apply', '/apply/item/jiaoshi-zige-buban?a:reason=lost'],
			['track', '/track']
		];
		const standard: Record<string, Awaited<ReturnType<typeof measure>>> = {};
		for (const [name, path] of pages) {
			await visit(page, `${env.url}${path}`);
			standard[name] = await measure(page);
			await screenshot(page, `text-standard-${name}-375`);
		}
		// with JavaScript the switch is the same plain form
		await page.getByRole('button', { name: '大字模式' }).click();
		await page.waitForURL(/\/track$/);
		for (const [name, path] of pages) {
			await visit(page, `${env.url}${path}`);
			const m = await measure(page);
			expect(m.large, name).toBe(true);
			expect(m.base, `${name} 正文字号`).toBeGreaterThanOrEqual(20);
			expect(m.smallest.px, `${name} 最小的字「${m.smallest.text}」`).toBeGreaterThanOrEqual(20);
			expect(m.smallestTarget.h, `${name} 最小的点击目标「${m.smallestTarget.what}」`).toBeGreaterThanOrEqual(44);
			// near-black text: AAA contrast (7:1) for body and secondary text alike
			expect(m.textContrast, name).toBeGreaterThanOrEqual(7);
			expect(m.headerLinks, `${name} 页头链接对比度`).toBeGreaterThanOrEqual(7);
			if (m.mutedContrast !== undefined) expect(m.mutedContrast, `${name} 次要文字对比度`).toBeGreaterThanOrEqual(7);
			expect(m.noScroll, name).toBe(true);
			await screenshot(page, `text-large-${name}-375`);
		}
		// the standard mode is what the large one improves on
		expect(standard['item-guide'].base).toBeLessThan(20);
		expect(standard['item-guide'].mutedContrast).toBeLessThan(7);
		expect(standard['apply'].smallestTarget.h).toBeLessThan(44);
		// one column: the guide's label/value pairs stack in large mode
		expect(standard['item-guide'].dlColumns).toBe(2);
		await visit(page, `${env.url}/items/jiaoshi-zige-buban`);
		expect((await measure(page)).dlColumns).toBe(1);
		await page.context().close();
	});

	it('leaves the workbench in its dense layout, and the switch is not offered there', { timeout: 60_000 }, async () => {
		// a front-desk officer who also looks at the portal
		const page = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
		await visit(page, `${env.url}/`);
		await page.getByRole('button', { name: '大字模式' }).click();
		await page.waitForURL(`${env.url}/`);
		const workbench = await page.request.get(`${env.url}/workbench`);
		expect(workbench.status()).toBe(200);
		const html = await workbench.text();
		expect(html).not.toContain('large-text');
		expect(html).not.toContain('大字模式');
		// the portal page itself is large
		expect(await page.request.get(`${env.url}/`).then((r) => r.text())).toContain('class="large-text"');
		await page.context().close();
	});
});
