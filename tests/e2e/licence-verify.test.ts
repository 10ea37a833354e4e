// A certificate worth holding, in Chromium: a 邮寄 case is issued with a tracking number the citizen sees; the licence shows
// its mapped content and a human number; the downloaded file verifies on /verify, a changed copy shows tampered, and
// once revoked the same file shows revoked.
import { describe, expect, it, vi } from 'vitest';
import { Client } from '../unit/helpers/server';
import { closedTeacherCase } from '../unit/helpers/catalog-data';
import { signIn, useAppInBrowser, visit } from './browser';

// a fresh embedded database on a machine shared with other jobs may take longer than the default minute to start
vi.setConfig({ hookTimeout: 180_000 });
const env = useAppInBrowser({ readyTimeoutMs: 170_000 });
const as = async (user: string) => {
	const c = new Client(env.url);
	await c.login(user);
	return c;
};
const address = { recipient: '李四', phone: '13805959876', address: '福建省泉州市惠安县螺城镇建设路 12 号', postcode: '362100' };
let caseId = '';
let licenceId = '';
let file = '';

describe('certificates, verification and delivery', () => {
	it('a 邮寄 case: the issuer is offered only the allowed methods and records the tracking number the citizen then sees', { timeout: 60_000 }, async () => {
		caseId = (await closedTeacherCase(env.url, as, { delivery: { method: 'post', address }, stopBeforeIssue: true })).id;
		const issuer = await signIn(env.browser, env.url, 'qz-zwfw-issuer');
		await visit(issuer, `${env.url}/workbench/cases/${caseId}`);
		const form = issuer.locator('form.action', { has: issuer.getByRole('heading', { name: /^出件/ }) });
		const select = form.getByLabel('送达方式');
		// 教师资格认定 allows 邮寄 and 窗口领取 only; the applicant's choice comes first
		await expect(select.locator('option').allInnerTexts()).resolves.toEqual(['邮寄（申请人选择）', '窗口领取']);
		await expect(select.inputValue()).resolves.toBe('post');
		await expect(form.innerText()).resolves.toContain('福建省泉州市惠安县螺城镇建设路 12 号');
		await form.getByLabel('快递单号').fill('SF1234567890');
		await form.getByRole('button', { name: /出件/ }).click();
		await issuer.getByRole('status').filter({ hasText: '已办理' }).waitFor();

		const citizen = await signIn(env.browser, env.url, 'lisi');
		await visit(citizen, `${env.url}/cases/${caseId}`);
		const delivery = citizen.locator('section.delivery');
		await expect(delivery.locator('.delivery-method').innerText()).resolves.toBe('邮寄');
		await expect(delivery.locator('.delivery-status').innerText()).resolves.toBe('已寄出');
		await expect(delivery.locator('.tracking-number').innerText()).resolves.toBe('SF1234567890');

		await citizen.getByRole('link', { name: '查看电子证照' }).first().click();
		await citizen.waitForURL(/\/licences\/lic-/);
		licenceId = citizen.url().split('/').pop()!;
		const number = await citizen.locator('.licence-number').innerText();
		expect(number).toMatch(/^教资2026350500\d{6}$/);
		await expect(citizen.locator('.holder').innerText()).resolves.toBe('李四（3505**********4561）');
		await expect(citizen.locator('[data-key="subject"]').innerText()).resolves.toBe('数学');
		await expect(citizen.locator('[data-key="gender"]').innerText()).resolves.toBe('男');
		await expect(citizen.locator('body').innerText()).resolves.not.toContain('TEACHER_QUALIFICATION');
		await expect(citizen.getByRole('img', { name: /证照核验二维码/ }).getAttribute('alt')).resolves.toContain(`/verify?id=${licenceId}`);
		const download = await citizen.request.get(`${env.url}/api/licences/${licenceId}/download`);
		expect(download.status()).toBe(200);
		file = await download.text();
		expect(JSON.parse(file).licence.number).toBe(number);
	});

	it('the file verifies on /verify without signing in; a changed copy shows tampered; revoked shows revoked', { timeout: 60_000 }, async () => {
		const page = await env.browser.newPage();
		await visit(page, `${env.url}/verify`);
		await page.getByLabel('或粘贴文件内容').fill(file);
		await page.getByRole('button', { name: '核验' }).click();
		const status = page.locator('.verify-status');
		await expect(status.getAttribute('data-status')).resolves.toBe('valid');
		await expect(page.locator('.verify-result').innerText()).resolves.toContain('李*（3505**********4561）');
		await expect(page.locator('.verify-result').innerText()).resolves.not.toContain('李四');

		const changed = JSON.parse(file);
		changed.licence.data.fields.find((f: { key: string }) => f.key === 'subject').value = '语文';
		await page.getByLabel('上传证照文件').setInputFiles({ name: 'changed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(changed)) });
		await page.getByLabel('或粘贴文件内容').fill('');
		await page.getByRole('button', { name: '核验' }).click();
		await page.locator('.verify-status[data-status="tampered"]').waitFor();

		// 告知承诺不实 revokes the certificate: the same file now answers revoked, and so does the QR link
		const reviewer = await as('qz-edu-reviewer');
		const c = (await reviewer.get(`/api/cases/${caseId}`)).body.case;
		const r = await reviewer.post(`/api/cases/${caseId}/verifications/${c.state.verifications[0].id}`, {
			version: c.version,
			result: 'false',
			note: '查有犯罪记录'
		});
		expect(r.status).toBe(200);
		await page.getByLabel('上传证照文件').setInputFiles({ name: 'licence.json', mimeType: 'application/json', buffer: Buffer.from(file) });
		await page.getByRole('button', { name: '核验' }).click();
		await page.locator('.verify-status[data-status="revoked"]').waitFor();
		await visit(page, `${env.url}/verify?id=${licenceId}`);
		await expect(status.getAttribute('data-status')).resolves.toBe('revoked');
		await expect(page.locator('.verify-result').innerText()).resolves.toContain('告知承诺不实：查有犯罪记录');
	});
});
