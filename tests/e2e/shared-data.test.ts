// 部门共享 (数据跑路代替群众跑腿) in Chromium: on 职工退休审批 the citizen authorises fetching 户籍 and 社保缴费 from the
// sharing departments, sees what came back and the fields it filled, submits without uploading them; the case page and
// the front desk show the records with their source. A department that is down is named, and the citizen uploads instead.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PDF, signIn, useAppInBrowser, visit } from './browser';

const env = useAppInBrowser();
const HUKOU = '#m-householdRegister';
const INSURANCE = '#m-insuranceRecord';

async function openApply(user: string): Promise<Page> {
	const page = await signIn(env.browser, env.url, user);
	await visit(page, `${env.url}/apply/item/tuixiu-shenpi`);
	await page.getByLabel('否，正常退休').check();
	await page.locator(HUKOU).waitFor();
	return page;
}

const fetchButton = (page: Page, material: string) => page.locator(material).getByRole('button', { name: '授权并获取' });

describe('部门共享 on the apply page', () => {
	it(
		'fetches 户籍 and 社保缴费 with consent, prefills, counts them as provided, and shows them to the citizen and the front desk',
		{ timeout: 180_000 },
		async () => {
			const page = await openApply('lisi');
			const birth = page.getByLabel('出生日期');
			const employer = page.getByLabel('工作单位');
			expect(await birth.inputValue()).toBe('');
			expect(await employer.inputValue()).toBe('');
			// nothing is fetched before the citizen consents
			await expect(page.locator(HUKOU).innerText()).resolves.toContain('即授权本次申请从泉州市公安局共享获取您的「户籍信息」');

			await fetchButton(page, HUKOU).click();
			await page.locator(`${HUKOU} .shared-data`).waitFor();
			const hukou = await page.locator(`${HUKOU} .shared-data`).innerText();
			expect(hukou).toContain('已从泉州市公安局共享获取「户籍信息」');
			expect(hukou).toMatch(/户籍地址\s*福建省泉州市惠安县螺城镇建设路 12 号/);
			expect(await birth.inputValue()).toBe('1966-01-01');

			await fetchButton(page, INSURANCE).click();
			await page.locator(`${INSURANCE} .shared-data`).waitFor();
			expect(await page.locator(`${INSURANCE} .shared-data`).innerText()).toMatch(/累计缴费月数\s*396/);
			expect(await employer.inputValue()).toBe('泉州某某机械有限公司');
			// the 户籍 record is still shown (the second fetch kept the first)
			expect(await page.locator(`${HUKOU} .shared-data`).count()).toBe(1);

			// the rest of the application; the two shared materials need no upload
			await page.getByLabel('申请退休日期').fill('2026-12-01');
			await page.getByLabel('累计缴费年限（年）').fill('33');
			await page.getByLabel('养老金发放银行账号').fill('6222021402001234567');
			await page.getByLabel('本人授权本次申请调取本人的电子证照（调取将被记录）').check();
			await page.locator('#m-approvalForm input[type=file]').setInputFiles(PDF);
			await page.locator('#m-approvalForm .files li').waitFor();
			await page.getByRole('button', { name: '下一步：核对申请' }).click();
			await page.getByRole('button', { name: '确认提交' }).click();
			await page.waitForURL(/\/cases\/[^/?]+\?submitted=1/);
			const caseId = new URL(page.url()).pathname.split('/').pop()!;

			// the citizen sees what was fetched, on the case
			await page.getByText('提交的申请内容').click();
			const mine = page.locator('details').filter({ hasText: '提交的申请内容' });
			await expect(mine.locator(HUKOU).innerText()).resolves.toMatch(/部门共享获取[\s\S]*已从泉州市公安局共享获取「户籍信息」[\s\S]*出生日期\s*1966-01-01/);
			await expect(mine.locator(INSURANCE).innerText()).resolves.toContain('已从泉州市人力资源和社会保障局共享获取「社保缴费信息」');
			await page.context().close();

			// the front desk sees the material with its source and the department's record
			const desk = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
			await visit(desk, `${env.url}/workbench/cases/${caseId}?view=insuranceRecord`);
			const item = desk.locator('.mat-list li').filter({ hasText: '基本养老保险参保缴费记录' });
			await expect(item.innerText()).resolves.toContain('部门共享');
			const record = await desk.getByRole('definition').allInnerTexts();
			expect(record).toEqual(expect.arrayContaining(['社保缴费信息', '泉州市人力资源和社会保障局', '396', '泉州某某机械有限公司']));
			await desk.context().close();
		}
	);

	it('names the department that is down and lets the citizen upload instead', { timeout: 120_000 }, async () => {
		const page = await openApply('zhangsan');
		await fetchButton(page, INSURANCE).click();
		const error = page.locator(`${INSURANCE} .error`);
		await error.waitFor();
		expect(await error.innerText()).toContain('泉州市人力资源和社会保障局共享接口暂不可用');
		expect(await page.locator('.error-summary').innerText()).toContain('基本养老保险参保缴费记录');
		// the other shared material still works, and this one can be uploaded
		await fetchButton(page, HUKOU).click();
		await page.locator(`${HUKOU} .shared-data`).waitFor();
		await page.locator(INSURANCE).getByLabel('上传文件').check();
		await page.locator(`${INSURANCE} input[type=file]`).setInputFiles(PDF);
		await page.locator(`${INSURANCE} .files li`).waitFor();
		await page.context().close();
	});
});
