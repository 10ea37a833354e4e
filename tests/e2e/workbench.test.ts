// The reviewers' workbench in Chromium: rejection with a reason, a stale-version conflict, another department refused.
import { describe, expect, it } from 'vitest';
import { Client } from '../unit/helpers/server';
import { submitTuixiu } from '../unit/helpers/catalog-data';
import { useAppInBrowser, screenshot, signIn, visit } from './browser';

const env = useAppInBrowser();
const newCase = async () => {
	const lisi = new Client(env.url);
	await lisi.login('lisi');
	return submitTuixiu(env.url, lisi);
};
const actionForm = (page: import('playwright-core').Page, name: string) => page.locator('form.action', { has: page.getByRole('heading', { name: new RegExp(`^${name}`) }) });

describe('workbench in the browser', () => {
	it('不予受理 needs a reason, which the citizen then reads', { timeout: 120_000 }, async () => {
		const id = await newCase();
		const desk = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
		await visit(desk, `${env.url}/workbench/cases/${id}`);
		await screenshot(desk, 'workbench-case');
		const reject = actionForm(desk, '不予受理');
		await reject.getByRole('button', { name: '不予受理' }).click();
		// the browser refuses an empty reason; nothing was sent
		await expect(reject.getByLabel('理由').evaluate((el: HTMLTextAreaElement) => el.validity.valueMissing)).resolves.toBe(true);
		await reject.getByLabel('理由').fill('申请人未达到法定退休年龄');
		await reject.getByRole('button', { name: '不予受理' }).click();
		await desk.getByRole('status').filter({ hasText: '已办理' }).waitFor();
		const citizen = await signIn(env.browser, env.url, 'lisi');
		await visit(citizen, `${env.url}/cases/${id}`);
		await expect(citizen.locator('.status').innerText()).resolves.toBe('不予受理');
		await expect(citizen.locator('.timeline').innerText()).resolves.toContain('理由：申请人未达到法定退休年龄');
	});

	it('a second officer acting on a stale page is refused and sees the fresh case; nothing is overwritten', { timeout: 120_000 }, async () => {
		const id = await newCase();
		const a = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
		const b = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk2');
		await visit(a, `${env.url}/workbench/cases/${id}`);
		await visit(b, `${env.url}/workbench/cases/${id}`);
		await actionForm(a, '受理').getByRole('button', { name: '受理' }).click();
		await a.getByRole('status').filter({ hasText: '已办理' }).waitFor();
		const stale = actionForm(b, '不予受理');
		await stale.getByLabel('理由').fill('材料不全');
		await stale.getByRole('button', { name: '不予受理' }).click();
		const alert = b.locator('.error-summary');
		await expect(alert.innerText()).resolves.toContain('已被他人更新');
		// the fresh case: accepted, in the departments' review, and no front-desk buttons left
		await b.locator('.timeline strong', { hasText: /^受理$/ }).waitFor();
		await expect(actionForm(b, '不予受理').count()).resolves.toBe(0);
		const api = new Client(env.url);
		await api.login('lisi');
		const view = await api.get(`/api/cases/${id}`);
		expect(view.body.case.status).toBe('active');
		expect(view.body.case.events.map((e: any) => e.type)).toEqual(['ACCEPT']);
	});

	it('an officer of a department outside the case can neither see nor act on it', { timeout: 120_000 }, async () => {
		const id = await newCase();
		const other = await signIn(env.browser, env.url, 'qz-minzheng-reviewer');
		const res = await visit(other, `${env.url}/workbench/cases/${id}`);
		expect(res?.status()).toBe(403);
		await expect(other.locator('body').innerText()).resolves.toContain('您无权查看该办件');
		await expect(other.locator('form.action').count()).resolves.toBe(0);
		await visit(other, `${env.url}/workbench`);
		await expect(other.locator('table.inbox').innerText()).resolves.not.toContain(id);
		// inside the case but not its step: the pension reviewer has no button before the front desk accepts
		const rsj = await signIn(env.browser, env.url, 'qz-rsj-reviewer');
		await visit(rsj, `${env.url}/workbench/cases/${id}`);
		await expect(rsj.locator('form.action').count()).resolves.toBe(0);
		await expect(rsj.locator('.actions-panel').innerText()).resolves.toContain('当前没有您可以办理的环节');
	});
});
