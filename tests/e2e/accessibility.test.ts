// Accessibility beyond axe on the citizen apply page, in Chromium: error links focus their control (with and without
// JavaScript, for fields, radio groups, repeatable groups and materials), a focus ring of ≥ 3:1 on every tab stop
// (date inputs included), and autofill tokens that follow whose data a field holds.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppInBrowser, signIn, visit } from './browser';
import { focusRing } from './focus-ring';

const env = useAppInBrowser();

/** Answers the school-setup item's situations, so its form and materials show. */
async function schoolForm(page: Page) {
	await visit(page, `${env.url}/apply/item/minban-xuexiao-sheli`);
	await page.getByLabel('直接申请正式设立').check();
	await page.getByLabel('以上均不提供').check();
	await page.getByRole('button', { name: '下一步：核对申请' }).waitFor();
}

/** Follows every link of the error summary; returns, per link, where the focus went. */
async function followErrorLinks(page: Page) {
	const hrefs = await page.locator('.error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
	const out: { href: string; target: boolean; focused: string }[] = [];
	for (const href of hrefs) {
		const link = page.locator(`.error-summary a[href="${href}"]`);
		if (!(await link.count())) continue; // fixed meanwhile
		await link.first().click();
		out.push(
			await page.evaluate(
				(id) => {
					const target = document.getElementById(id);
					const el = document.activeElement!;
					return { href: `#${id}`, target: !!target && (target === el || target.contains(el)), focused: `${el.tagName.toLowerCase()}#${el.id}` };
				},
				decodeURIComponent(href.slice(1))
			)
		);
	}
	return out;
}

describe('accessibility beyond axe', () => {
	it(
		'with JavaScript, every error link moves the focus to its control: fields, radio groups, repeatable groups and materials',
		{ timeout: 120_000 },
		async () => {
			const page = await signIn(env.browser, env.url, 'zhangsan', { width: 375, height: 800 });
			await schoolForm(page);
			await page.getByRole('button', { name: '下一步：核对申请' }).click();
			await page.locator('.error-summary').waitFor();
			const followed = await followErrorLinks(page);
			const kinds = followed.map((f) => f.href);
			// the summary names a radio group, a repeatable group's field and materials, besides plain fields
			expect(kinds.some((h) => /^#f-\w*sponsorType$/.test(h))).toBe(true);
			expect(kinds.some((h) => /^#f-\w*teachers/.test(h))).toBe(true);
			expect(kinds.some((h) => h.startsWith('#m-'))).toBe(true);
			for (const f of followed) {
				expect(f.target, `${f.href} → 焦点在 ${f.focused}`).toBe(true);
				expect(f.focused, `${f.href} 应聚焦到控件`).toMatch(/^(input|select|textarea)#/);
			}
			// an invalid field's ring is the focus ring, not the thin red error outline
			const principal = kinds.find((h) => /principal$/.test(h))!;
			await page.locator(`.error-summary a[href="${principal}"]`).click();
			const ring = await focusRing(page);
			expect(ring.tag).toBe(`input${principal}[text]`);
			expect(ring.width).toBeGreaterThanOrEqual(3);
			expect(ring.contrast).toBeGreaterThanOrEqual(3);
			await page.context().close();
		}
	);

	it('without JavaScript, every error link focuses its field or its group (never the page body)', { timeout: 120_000 }, async () => {
		const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 }, locale: 'zh-CN' });
		const page = await context.newPage();
		await page.goto(`${env.url}/login?next=${encodeURIComponent('/apply/item/minban-xuexiao-sheli?a:prepared=no&a:services=none')}`);
		await page.getByLabel('用户名').fill('zhangsan');
		await page.getByLabel('密码').fill('demo123');
		await page.getByRole('button', { name: '登录' }).click();
		await page.getByRole('button', { name: '下一步：核对申请' }).click();
		await page.locator('.error-summary').waitFor();
		const followed = await followErrorLinks(page);
		expect(followed.some((f) => f.href.startsWith('#m-'))).toBe(true);
		for (const f of followed) {
			expect(f.target, `${f.href} → 焦点在 ${f.focused}`).toBe(true);
			expect(f.focused, `${f.href}`).not.toMatch(/^body/);
		}
		await context.close();
	});

	it('shows a focus ring of at least 3:1 on every tab stop of the apply page, date inputs included', { timeout: 120_000 }, async () => {
		const page = await signIn(env.browser, env.url, 'zhangsan', { width: 375, height: 800 });
		await visit(page, `${env.url}/apply/item/tuixiu-shenpi`);
		await page.getByLabel('否，正常退休').check();
		await page.getByRole('button', { name: '下一步：核对申请' }).waitFor();
		await page.locator('body').click({ position: { x: 1, y: 1 } });
		const seen = new Set<string>();
		for (let i = 0; i < 150; i++) {
			await page.keyboard.press('Tab');
			const ring = await focusRing(page);
			if (ring.tag === 'body') break;
			seen.add(ring.tag);
			expect(ring.width, `${ring.tag} 焦点框宽度`).toBeGreaterThanOrEqual(2);
			expect(ring.contrast, `${ring.tag} 焦点框对比度 ${ring.contrast}`).toBeGreaterThanOrEqual(3);
			if (ring.tag.startsWith('button') && (await page.evaluate(() => document.activeElement?.textContent?.includes('保存草稿')))) break;
		}
		const tags = [...seen];
		// the walk went through the header (white ring on red), radios, text, date and file inputs, to the buttons
		expect(tags.some((t) => t.endsWith('birthDate[date]'))).toBe(true);
		expect(tags.some((t) => t.startsWith('input') && t.endsWith('[radio]'))).toBe(true);
		expect(tags.some((t) => t.endsWith('[file]'))).toBe(true);
		expect(tags.some((t) => t.startsWith('a'))).toBe(true);
		expect(tags.some((t) => t.startsWith('button'))).toBe(true);
		await page.context().close();
	});

	it('autofills only the applicant’s own data: a guardian’s name becomes theirs when they say they are the guardian', { timeout: 120_000 }, async () => {
		const page = await signIn(env.browser, env.url, 'zhangsan');
		await visit(page, `${env.url}/apply/bundle/zhongkao-jiafen`);
		await page.getByLabel('少数民族考生', { exact: true }).check();
		await page.getByLabel('应届毕业生').check();
		await page.getByLabel('受考生监护人委托代为申请').check();
		const token = (label: RegExp | string) => page.getByLabel(label).first().getAttribute('autocomplete');
		await expect.poll(() => token(/^监护人姓名/)).toBe('off');
		await expect(token('考生姓名')).resolves.toBe('off');
		await expect(token(/^联系电话/)).resolves.toBe('tel');
		await page.getByLabel('本人是考生的父母或其他法定监护人').check();
		await expect.poll(() => token(/^监护人姓名/)).toBe('name');
		await expect(token('考生姓名')).resolves.toBe('off');
		await page.context().close();
	});
});
