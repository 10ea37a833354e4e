// Reviewers see the situation answers (办事情形) and can send a wrong one back; the citizen's 补正 changes it, the form and
// materials follow the new answer, and the timeline names what changed. In Chromium, with and without JavaScript.
// Also the studio's field editor: whose data a field holds (数据主体) and the semantic keys offered for that person.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Client } from '../unit/helpers/server';
import { useAppInBrowser, PDF, screenshot, signIn, visit } from './browser';

const env = useAppInBrowser();

/** 教师资格证书补发, filed as 遗失 (a signed statement stands in for the loss notice). */
async function lostCertificateCase(): Promise<string> {
	const lisi = new Client(env.url);
	await lisi.login('lisi');
	const r = await lisi.post('/api/cases', {
		service: { kind: 'item', id: 'jiaoshi-zige-buban' },
		answers: { reason: 'lost' },
		data: { applicant_name: '李四', applicant_idNumber: '350521197001014561', contact_phone: '13805959876', certificateNumber: '20193500142001234' },
		materials: { licence_ID_CARD: { source: 'licence', licenceId: 'lic-demo-lisi-id_card' }, lostStatement: { source: 'commitment', signed: true } },
		consents: { licenceFetch: true }
	});
	expect(r.status, JSON.stringify(r.body)).toBe(201);
	return r.body.id;
}

/** The front desk reads the answers on the case page and sends the 补发原因 back. */
async function sendAnswerBack(id: string) {
	const desk = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
	await visit(desk, `${env.url}/workbench/cases/${id}`);
	const application = desk.locator('section', { has: desk.getByRole('heading', { name: '申请内容' }) });
	// the question and the chosen option's label, not its code
	await expect(application.locator('dl.answers').innerText()).resolves.toMatch(/补发原因？\s*遗失/);
	await expect(application.locator('dl.answers').innerText()).resolves.not.toContain('lost');
	await screenshot(desk, 'workbench-case-answers');
	const form = desk.locator('form.action', { has: desk.getByRole('heading', { name: /^一次性告知补正/ }) });
	await form.getByLabel('问题 1 对应的字段、材料或办事情形').selectOption({ label: '补发原因？' });
	await form.getByLabel('问题 1 的说明').fill('原证书实为损毁，请更正补发原因并上传损毁的原证书');
	await form.getByRole('button', { name: '一次性告知补正' }).click();
	await desk.getByRole('status').filter({ hasText: '已办理' }).waitFor();
	await expect(desk.locator('.attention').innerText()).resolves.toContain('办事情形「补发原因？」：原证书实为损毁');
	return desk;
}

/** After the 补正: the timeline names the material and the answer; the reviewer sees the new answer. */
async function expectChanged(citizen: Page, desk: Page, id: string) {
	await expect(citizen.locator('.timeline').innerText()).resolves.toContain('已修改：损毁的原证书、办事情形「补发原因？」改为「损毁」');
	await visit(desk, `${env.url}/workbench/cases/${id}`);
	await expect(desk.locator('dl.answers').innerText()).resolves.toMatch(/补发原因？\s*损毁/);
	await expect(desk.locator('.timeline').innerText()).resolves.toContain('已修改：损毁的原证书、办事情形「补发原因？」改为「损毁」');
}

describe('situation answers in review and 补正', () => {
	it('the reviewer sees the answers and sends one back; the citizen changes it and gives what it needs', { timeout: 180_000 }, async () => {
		const id = await lostCertificateCase();
		const desk = await sendAnswerBack(id);

		const citizen = await signIn(env.browser, env.url, 'lisi', { width: 375, height: 800 });
		await visit(citizen, `${env.url}/cases/${id}`);
		const fix = citizen.locator('section', { has: citizen.getByRole('heading', { name: '需要补正（一次性告知）' }) });
		await expect(fix.locator('.problems').innerText()).resolves.toContain('办事情形「补发原因？」：原证书实为损毁');
		// the requested answer, as given, ready to change
		await expect(fix.getByLabel('遗失', { exact: true }).isChecked()).resolves.toBe(true);
		await expect(fix.locator('#m-damagedCertificate').count()).resolves.toBe(0);
		await screenshot(citizen, 'portal-correction-answer-375');
		await fix.getByLabel('损毁', { exact: true }).check();
		// the form follows the new answer: the damaged certificate is asked in the same 补正
		await fix.locator('#m-damagedCertificate input[type=file]').setInputFiles(PDF);
		await fix.locator('#m-damagedCertificate .files a').waitFor();
		await expect(fix.getByLabel('损毁', { exact: true }).isChecked()).resolves.toBe(true);
		await fix.getByRole('button', { name: '提交补正' }).click();
		await fix.waitFor({ state: 'detached' });
		await expectChanged(citizen, desk, id);
	});

	it('without JavaScript the citizen chooses the new answer, updates the form, and submits it', { timeout: 180_000 }, async () => {
		const id = await lostCertificateCase();
		const desk = await sendAnswerBack(id);
		const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 }, locale: 'zh-CN' });
		const citizen = await context.newPage();
		await citizen.goto(`${env.url}/login?next=/cases/${id}`);
		await citizen.getByLabel('用户名').fill('lisi');
		await citizen.getByLabel('密码').fill('demo123');
		await citizen.getByRole('button', { name: '登录' }).click();
		await citizen.waitForURL(new RegExp(`/cases/${id}`));
		await citizen.getByLabel('损毁', { exact: true }).check();
		await citizen.getByRole('button', { name: '按所选情形更新需补正的内容' }).click();
		await citizen.waitForURL(/a%3Areason=damaged|a:reason=damaged/);
		await expect(citizen.getByLabel('损毁', { exact: true }).isChecked()).resolves.toBe(true);
		await citizen.locator('#m-damagedCertificate input[type=file]').setInputFiles(PDF);
		await citizen.getByRole('button', { name: '提交补正' }).click();
		await citizen.waitForLoadState();
		await expect(citizen.locator('.problems').count()).resolves.toBe(0);
		await expectChanged(citizen, desk, id);
		await context.close();
	});

	it('the studio field editor sets whose data a field holds and offers only that person’s keys', { timeout: 120_000 }, async () => {
		const admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/studio/items/shaoshu-minzu-jiafen`);
		await admin.getByRole('tab', { name: /^申请表单/ }).click();
		await admin.locator('.canvas .pick', { hasText: '考生民族' }).click();
		const props = admin.locator('.properties');
		const subject = props.getByLabel('数据主体（谁的信息）');
		const key = props.getByLabel('语义键（用于合并与预填）');
		// the student's 民族: the student's key, never the applicant's
		await expect(subject.inputValue()).resolves.toBe('student');
		await expect(key.inputValue()).resolves.toBe('student.ethnicity');
		const offered = await key.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
		expect(offered).toContain('student.name');
		expect(offered).not.toContain('applicant.ethnicity');
		// another person: the student's key goes, that person's keys are offered
		await subject.selectOption({ label: '监护人' });
		await expect(key.inputValue()).resolves.toBe('');
		const guardianKeys = await key.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
		expect(guardianKeys).toEqual(['', 'guardian.name', 'guardian.idNumber', 'guardian.relation']);
		await screenshot(admin, 'studio-field-subject');
	});
});
