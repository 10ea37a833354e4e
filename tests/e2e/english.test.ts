// English as the portal's second language: a switch in the header of every citizen page that works without
// JavaScript (the lang cookie), persists across pages, sets <html lang>, and brings the errors in English too.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppInBrowser } from './browser';

const env = useAppInBrowser();
const PHONE = { width: 375, height: 800 };
const APPLY = '/apply/item/minban-xuexiao-sheli?a:prepared=no&a:services=none';

const lang = (page: Page) => page.evaluate(() => document.documentElement.lang);
const summaryItems = (page: Page) => page.locator('.error-summary li').allInnerTexts();

describe('English portal', () => {
	it('switches to English without JavaScript on home, guide, apply (errors) and track, keeps it, and switches back', { timeout: 120_000 }, async () => {
		const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: PHONE, locale: 'zh-CN' });
		const page = await context.newPage();
		await page.goto(`${env.url}/?q=${encodeURIComponent('退休')}`);
		expect(await lang(page)).toBe('zh-CN');
		await page.getByRole('button', { name: 'English' }).click();
		// back on the same page with its query, now in English
		await page.waitForURL((u) => u.pathname === '/' && u.searchParams.get('q') === '退休');
		expect(await lang(page)).toBe('en');
		await page.getByRole('link', { name: 'Track an application' }).first().waitFor();
		await page.getByRole('button', { name: 'Search' }).waitFor();
		expect(await page.locator('main').innerText()).toMatch(/\d+ found/);

		// the guide, opened fresh: still English (the cookie); the catalogue's own texts stay Chinese
		await page.goto(`${env.url}/items/jiaoshi-zige-buban`);
		expect(await lang(page)).toBe('en');
		await page.getByRole('heading', { name: 'Basic information' }).waitFor();
		await page.getByRole('link', { name: 'Apply online' }).waitFor();
		await page.getByRole('button', { name: '中文' }).waitFor();

		// signing in and applying: a refused submission names every problem in English
		await page.goto(`${env.url}/login?next=${encodeURIComponent(APPLY)}`);
		await page.getByLabel('Username').fill('zhangsan');
		await page.getByLabel('Password').fill('demo123');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.getByRole('button', { name: 'Next: check your answers' }).click();
		await page.locator('.error-summary').waitFor();
		expect(await page.title()).toMatch(/^Error: Apply online · /);
		expect(await page.locator('#error-summary-title').innerText()).toMatch(/^There are \d+ problems to fix$/);
		const items = await summaryItems(page);
		expect(
			items.some((t) => t.endsWith(': Required')),
			items.join(' | ')
		).toBe(true);
		expect(
			items.some((t) => t.endsWith(': upload a file')),
			items.join(' | ')
		).toBe(true);
		expect(items.filter((t) => /必填|请上传|请选择/.test(t))).toEqual([]);

		// the case lookup: its form, and its refusal, in English
		await page.goto(`${env.url}/track`);
		expect(await lang(page)).toBe('en');
		await page.getByRole('heading', { name: 'Track an application' }).waitFor();
		await page.getByRole('button', { name: 'Look up' }).click();
		await page.locator('.error-summary').waitFor();
		expect(await page.title()).toMatch(/^Error: /);
		expect((await summaryItems(page)).join(' | ')).toContain('An application number is 2 letters and 14 digits');

		// and back to Chinese, on the page it was switched from
		await page.getByRole('button', { name: '中文' }).click();
		await page.waitForURL(/\/track$/);
		expect(await lang(page)).toBe('zh-CN');
		await page.getByRole('heading', { name: '办件查询' }).waitFor();
		await page.goto(`${env.url}/`);
		await page.getByRole('button', { name: 'English' }).waitFor();
		await context.close();
	});

	it('with JavaScript, the English page hydrates in English and checks in English', { timeout: 60_000 }, async () => {
		const context = await env.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
		await context.addCookies([{ name: 'lang', value: 'en', url: env.url }]);
		const page = await context.newPage();
		await page.goto(`${env.url}/login?next=${encodeURIComponent(APPLY)}`);
		await page.getByLabel('Username').fill('zhangsan');
		await page.getByLabel('Password').fill('demo123');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL(/\/apply\//);
		await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
		expect(await lang(page)).toBe('en');
		// the browser's own check (no post): the same words as the server's
		await page.getByRole('button', { name: 'Next: check your answers' }).click();
		await page.locator('.error-summary').waitFor();
		const items = await summaryItems(page);
		expect(
			items.some((t) => t.endsWith(': Required')),
			items.join(' | ')
		).toBe(true);
		expect(items.filter((t) => /必填|请上传|请选择/.test(t))).toEqual([]);
		expect(await page.getByRole('navigation', { name: 'Main navigation' }).innerText()).toContain('My applications');
		await context.close();
	});
});
