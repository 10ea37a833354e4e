// The apply page's errors in one pass and its 核对 step, at 375 px, with and without JavaScript (issue 14 items 1, 2).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppInBrowser, PDF, screenshot, signIn, visit } from './browser';

const env = useAppInBrowser();
const PHONE = { width: 375, height: 800 };
const APPLICATION = '#m-zhongkao-jiafen-shenhe__application';

/** 少数民族考生: the situation that makes 考生民族 required. */
async function answerSituations(page: Page) {
	await page.getByLabel('少数民族考生', { exact: true }).check();
	await page.getByLabel('本人是考生的父母或其他法定监护人').check();
	await page.getByLabel('应届毕业生').check();
}

async function fillTheRest(page: Page) {
	await page.getByLabel('考生身份证号码').fill('350503201101011233');
	await page.getByLabel('就读学校').fill('泉州第五中学');
	await page.getByLabel('中考报名号').fill('2026350501');
	await page.locator('#f-guardian_relation').getByLabel('父亲').check();
}

/** the 修改 button of one answer on the 核对 step */
const change = (page: Page, what: string) => page.getByRole('button', { name: new RegExp(`^修改\\s*${what}$`) });
const summaryItems = (page: Page) => page.locator('.error-summary li').allInnerTexts();
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('name') || '');

describe('apply page: errors in one pass, then 核对', () => {
	it(
		'without JavaScript: a refused submission keeps the situation and its field, names every problem; fixed, checked, changed, submitted',
		{ timeout: 180_000 },
		async () => {
			const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: PHONE, locale: 'zh-CN' });
			const page = await context.newPage();
			await page.goto(`${env.url}/login?next=/apply/bundle/zhongkao-jiafen`);
			await page.getByLabel('用户名').fill('zhangsan');
			await page.getByLabel('密码').fill('demo123');
			await page.getByRole('button', { name: '登录' }).click();
			await page.waitForURL(/\/apply\/bundle\/zhongkao-jiafen/);
			await answerSituations(page);
			await page.getByRole('button', { name: '确定情形' }).click();
			await page.getByLabel('考生民族').waitFor();
			await page.getByLabel('考生姓名').fill('张小明');
			const consent = page.getByLabel('本人授权本次申请调取本人的电子证照（调取将被记录）');
			await consent.uncheck();
			await page.getByRole('button', { name: '下一步：核对申请' }).click();
			await page.waitForLoadState();

			// every problem at once, each named: fields and materials together
			const items = await summaryItems(page);
			expect(items).toContain('考生民族：必填');
			expect(items).toContain('中考加分（照顾）申请表：请上传文件');
			expect(items).toContain('调取电子证照「居民户口簿（考生及监护人）」须先勾选授权');
			expect(items.some((t) => t.startsWith('就读学校'))).toBe(true);
			expect(items.filter((t) => !/[：「]/.test(t))).toEqual([]);
			expect(await page.title()).toMatch(/^错误：/);
			// nothing lost: the situation, the field it asks for, what was typed
			expect(await page.getByLabel('少数民族考生', { exact: true }).isChecked()).toBe(true);
			expect(await page.getByLabel('考生民族').count()).toBe(1);
			expect(await page.getByLabel('考生姓名').inputValue()).toBe('张小明');

			// fixed in one go
			await fillTheRest(page);
			await page.getByLabel('考生民族').selectOption('回族');
			await page.locator(`${APPLICATION} input[type=file]`).setInputFiles(PDF);
			await consent.check();
			await page.getByRole('button', { name: '下一步：核对申请' }).click();
			await page.waitForLoadState();
			expect(await page.title()).toMatch(/^核对申请/);
			const review = await page.locator('main').innerText();
			for (const words of ['少数民族考生', '张小明', '回族', '泉州第五中学', 'scan.pdf', '电子证照：']) expect(review).toContain(words);
			await screenshot(page, 'apply-review-nojs-375');

			// 修改 goes back to the field, with every answer and upload kept
			await change(page, '考生姓名').click();
			await page.waitForLoadState();
			expect(page.url()).toContain('#f-student_name');
			expect(await page.getByLabel('考生姓名').inputValue()).toBe('张小明');
			expect(await page.getByLabel('考生民族').inputValue()).toBe('回族');
			expect(await page.locator(`${APPLICATION} .files`).innerText()).toContain('scan.pdf');
			await page.getByLabel('考生姓名').fill('张小红');
			await page.getByRole('button', { name: '下一步：核对申请' }).click();
			await page.waitForLoadState();
			expect(await page.locator('main').innerText()).toContain('张小红');
			await page.getByRole('button', { name: '确认提交' }).click();
			await page.waitForURL(/\/cases\/[^/]+\?submitted=1/);

			// the receipt: number, due date, what happens next
			expect(await page.locator('.receipt-number').innerText()).toMatch(/^QZ\d{14}$/);
			const receipt = await page.locator('.receipt').innerText();
			for (const words of ['承诺期限', '接下来', '补正', '浏览器的“打印”功能']) expect(receipt).toContain(words);
			await screenshot(page, 'apply-receipt-nojs-375');
			await context.close();
		}
	);

	it(
		'with JavaScript: errors go as they are fixed, links focus their control, 修改 returns to the field; a printable receipt',
		{ timeout: 180_000 },
		async () => {
			const page = await signIn(env.browser, env.url, 'zhangsan', PHONE);
			await visit(page, `${env.url}/apply/bundle/zhongkao-jiafen`);
			await answerSituations(page);
			await page.getByLabel('考生民族').waitFor();
			await page.getByLabel('考生姓名').fill('张小明');
			const consent = page.getByLabel('本人授权本次申请调取本人的电子证照（调取将被记录）');
			await consent.uncheck();
			await page.getByRole('button', { name: '下一步：核对申请' }).click();
			await page.locator('.error-summary').waitFor();
			expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
			expect(await page.title()).toMatch(/^错误：/);
			const items = await summaryItems(page);
			for (const e of ['考生民族：必填', '中考加分（照顾）申请表：请上传文件', '调取电子证照「居民户口簿（考生及监护人）」须先勾选授权'])
				expect(items).toContain(e);

			// each link focuses its control: the select, the material's file input
			await page.getByRole('link', { name: '考生民族：必填' }).click();
			await expect.poll(() => focused(page)).toBe('f-student_ethnicity');
			await page.getByRole('link', { name: '中考加分（照顾）申请表：请上传文件' }).click();
			await expect.poll(() => page.evaluate((sel) => document.activeElement === document.querySelector(`${sel} input[type=file]`), APPLICATION)).toBe(true);

			// fixed errors go at once; the others stay
			await page.getByLabel('考生民族').selectOption('回族');
			await expect.poll(() => summaryItems(page)).not.toContain('考生民族：必填');
			expect(await summaryItems(page)).toContain('中考加分（照顾）申请表：请上传文件');
			// ticking the consent takes the red 须先勾选授权 away as the green 已从电子证照库获取 appears
			await consent.check();
			const household = page.locator('#m-licence_HOUSEHOLD_REGISTER');
			await household.getByText('已从电子证照库获取').waitFor();
			await expect.poll(() => household.locator('.error').count()).toBe(0);
			await fillTheRest(page);
			await page.locator(`${APPLICATION} input[type=file]`).setInputFiles(PDF);
			await page.locator(`${APPLICATION} .files a`).waitFor();
			await expect.poll(() => page.locator('.error-summary').count()).toBe(0);
			expect(await page.title()).not.toMatch(/^错误/);

			// 核对, 修改 back to the field (focused), and again
			await page.getByRole('button', { name: '下一步：核对申请' }).click();
			await page.getByRole('heading', { name: '核对申请内容' }).waitFor();
			expect(await page.locator('main').innerText()).toContain('泉州第五中学');
			await screenshot(page, 'apply-review-375');
			await change(page, '就读学校').click();
			await expect.poll(() => focused(page)).toBe('f-student_school');
			await page.getByLabel('就读学校').fill('泉州第七中学');
			await page.getByRole('button', { name: '下一步：核对申请' }).click();
			await page.getByRole('heading', { name: '核对申请内容' }).waitFor();
			expect(await page.locator('main').innerText()).toContain('泉州第七中学');
			await page.getByRole('button', { name: '确认提交' }).click();
			await page.waitForURL(/\/cases\/[^/]+\?submitted=1/);
			expect(await page.locator('.receipt-number').innerText()).toMatch(/^QZ\d{14}$/);
			await page.getByRole('button', { name: '打印回执' }).waitFor();
			await screenshot(page, 'apply-receipt-375');
			// on paper: the receipt only
			await page.emulateMedia({ media: 'print' });
			expect(await page.locator('.site-top').isVisible()).toBe(false);
			expect(await page.getByRole('button', { name: '打印回执' }).isVisible()).toBe(false);
			expect(await page.locator('.receipt-number').isVisible()).toBe(true);
			await page.context().close();
		}
	);
});
