// 中考加分确认一件事 end to end in Chromium: citizen, front desk, three departments, issuing window.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { useAppInBrowser, PDF, reviewAndSubmit, screenshot, signIn, visit } from './browser';

const env = useAppInBrowser();

/** Opens the case in the officer's workbench and sends one action from the buttons the workflow offers. */
async function act(user: string, caseId: string, action: string, fill?: (page: Page) => Promise<void>) {
	const page = await signIn(env.browser, env.url, user);
	await visit(page, `${env.url}/workbench/cases/${caseId}`);
	const form = page.locator('form.action', { has: page.getByRole('heading', { name: new RegExp(`^${action}`) }) });
	await fill?.(page);
	await form.getByRole('button', { name: action }).click();
	await page.getByRole('status').filter({ hasText: '已办理' }).waitFor();
	await page.context().close();
}

async function fillApplication(page: Page) {
	await visit(page, `${env.url}/apply/bundle/zhongkao-jiafen`);
	await page.getByLabel('既是华侨子女又是少数民族').check();
	await page.getByLabel('应届毕业生').check();
	await page.getByLabel('父母一方').check();
	await page.getByLabel('本人是考生的父母或其他法定监护人').check();
	await page.getByLabel('本人授权本次申请调取本人的电子证照（调取将被记录）').check();
	await page.getByLabel('考生姓名').fill('张小明');
	await page.getByLabel('考生身份证号码').fill('350503201101011233');
	await page.getByLabel('就读学校').fill('泉州第五中学');
	await page.getByLabel('中考报名号').fill('2026350501');
	await page.locator('#f-guardian_relation').getByLabel('父亲').check();
	await page.locator('#f-huaqiao-zinv-jiafen__residenceCountry').fill('菲律宾');
	await page.getByLabel('华侨监护人护照号码').fill('E12345678');
	await page.getByLabel('国外连续居留年限').fill('5');
	const row = page.locator('fieldset.group').filter({ hasText: '在国外定居的家庭成员' });
	await row.getByLabel('姓名').fill('张三');
	await row.getByLabel('父亲').check();
	await row.getByLabel('定居国家（地区）').fill('菲律宾');
	await page.getByLabel('考生民族').selectOption('回族');
	await page.locator('#m-zhongkao-jiafen-shenhe__application input[type=file]').setInputFiles(PDF);
	await page.locator('#m-huaqiao-zinv-jiafen__passport input[type=file]').setInputFiles(PDF);
	await page.locator('#m-huaqiao-zinv-jiafen__residencePermit').getByLabel('告知承诺').check();
	await page.locator('#m-huaqiao-zinv-jiafen__residencePermit').getByLabel('本人已阅读并签署上述告知承诺').check();
	await page.locator('#m-zhongkao-jiafen-shenhe__application .files a').waitFor();
	await page.locator('#m-huaqiao-zinv-jiafen__passport .files a').waitFor();
}

describe('中考加分确认一件事 in the browser', () => {
	it(
		'citizen applies, front desk accepts, three departments review in parallel with one correction, the window issues, the citizen downloads the licence',
		{ timeout: 180_000 },
		async () => {
			const citizen = await signIn(env.browser, env.url, 'zhangsan', { width: 375, height: 800 });
			await visit(citizen, `${env.url}/`);
			await screenshot(citizen, 'portal-home-375');
			await visit(citizen, `${env.url}/bundles/zhongkao-jiafen`);
			await screenshot(citizen, 'portal-bundle-guide-375');
			await visit(citizen, `${env.url}/items/shaoshu-minzu-jiafen`);
			await screenshot(citizen, 'portal-item-guide-375');
			await fillApplication(citizen);
			// prefilled from the profile and marked so
			await expect(citizen.getByLabel(/^监护人姓名/).inputValue()).resolves.toBe('张三');
			await screenshot(citizen, 'portal-apply-375');
			await reviewAndSubmit(citizen);
			await citizen.waitForURL(/\/cases\/[^/]+\?submitted=1/);
			const receipt = await citizen.locator('.receipt-number').innerText();
			expect(receipt).toMatch(/^QZ\d{14}$/);
			await expect(citizen.getByRole('status').innerText()).resolves.toContain('泉州市教育局');
			const caseId = new URL(citizen.url()).pathname.split('/').pop()!;
			await screenshot(citizen, 'portal-receipt-375');
			await visit(citizen, `${env.url}/cases`);
			await expect(citizen.locator('main').innerText()).resolves.toContain(receipt);
			await screenshot(citizen, 'portal-my-cases-375');

			// front desk: the inbox lists it; accept
			const desk = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
			await expect(desk.locator('table.inbox').innerText()).resolves.toContain(receipt);
			await desk.context().close();
			await act('qz-zwfw-frontdesk', caseId, '受理');

			// education asks for a correction of one field
			await act('qz-edu-reviewer', caseId, '一次性告知补正', async (page) => {
				await page.locator('select[name="problem.target"]').selectOption({ label: '就读学校' });
				await page.locator('input[name="problem.message"]').fill('学校名称应与学籍系统一致');
			});
			await visit(citizen, `${env.url}/cases/${caseId}`);
			await expect(citizen.locator('.problems').innerText()).resolves.toContain('学校名称应与学籍系统一致');
			await citizen.locator('#fix-title ~ form').getByLabel('就读学校').fill('泉州市第五中学');
			await citizen.getByRole('button', { name: '提交补正' }).click();
			await citizen.locator('.problems').waitFor({ state: 'detached' });

			await act('qz-edu-reviewer', caseId, '审查通过');
			await act('qz-edu-decider', caseId, '予以确认');
			await act('qz-qiaoban-reviewer', caseId, '审查通过');
			await act('qz-qiaoban-decider', caseId, '予以确认');
			await act('qz-minzong-reviewer', caseId, '审查通过');
			await act('qz-minzong-decider', caseId, '予以确认');
			await act('qz-zwfw-issuer', caseId, '出件办结');

			await visit(citizen, `${env.url}/cases/${caseId}`);
			await expect(citizen.locator('.status').innerText()).resolves.toBe('已办结');
			await screenshot(citizen, 'portal-case-closed-375');
			const [download] = await Promise.all([citizen.waitForEvent('download'), citizen.getByRole('link', { name: '下载' }).first().click()]);
			const doc = JSON.parse(readFileSync((await download.path())!, 'utf8'));
			// a detached JWS (EdDSA) over the licence's canonical JSON, its key in /.well-known/jwks.json
			expect(JSON.parse(Buffer.from(doc.jws.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'EdDSA', kid: expect.any(String) });
			expect(doc.licence.caseId).toBe(caseId);
			// the holder is the signed-in applicant (the parent), never a name typed into the form
			expect(doc.licence.holderName).toBe('张三');
			await citizen.getByRole('link', { name: '查看电子证照' }).first().click();
			await citizen.waitForURL(/\/licences\//);
			await expect(citizen.locator('main').innerText()).resolves.toContain(doc.licence.number);
			await screenshot(citizen, 'portal-licence-375');
		}
	);
});
