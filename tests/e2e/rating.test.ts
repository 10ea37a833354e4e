// 好差评 in Chromium: a citizen gives a 差评; an administrator follows it up; the citizen reads the outcome.
import { describe, expect, it } from 'vitest';
import { Client } from '../unit/helpers/server';
import { submitTuixiu } from '../unit/helpers/catalog-data';
import { useAppInBrowser, signIn, visit } from './browser';

const env = useAppInBrowser();

describe('好差评', () => {
	it('a 差评 is called back, verified, rectified by a deadline, and the citizen is told the outcome', { timeout: 120_000 }, async () => {
		const lisi = new Client(env.url);
		await lisi.login('lisi');
		const id = await submitTuixiu(env.url, lisi);
		const desk = new Client(env.url);
		await desk.login('qz-zwfw-frontdesk');
		expect((await desk.post(`/api/cases/${id}/events`, { type: 'REJECT', version: 0, reason: '未到法定退休年龄' })).status).toBe(200);

		const citizen = await signIn(env.browser, env.url, 'lisi');
		await visit(citizen, `${env.url}/cases/${id}`);
		const rate = citizen.locator('form[action="?/rate"]');
		// nothing is chosen for the citizen
		await expect(rate.locator('input[type=radio]:checked').count()).resolves.toBe(0);
		await rate.locator('fieldset', { hasText: '总体评价' }).getByLabel('非常不满意', { exact: true }).check();
		await rate.locator('fieldset', { hasText: '服务态度' }).getByLabel('满意', { exact: true }).check();
		await rate.locator('fieldset', { hasText: '办事效率' }).getByLabel('不满意', { exact: true }).check();
		await rate.locator('fieldset', { hasText: '服务质量' }).getByLabel('基本满意', { exact: true }).check();
		await rate.getByLabel('意见建议（选填）').fill('窗口没有提前告知年龄要求');
		await rate.getByRole('button', { name: '提交评价' }).click();
		await citizen.getByText('您的评价：').waitFor();

		const admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/workbench/ratings`);
		const card = admin.locator('article', { hasText: '窗口没有提前告知年龄要求' });
		const step = async (note: string, fill?: () => Promise<void>) => {
			await fill?.();
			await card.getByLabel('情况说明').fill(note);
			await card.getByRole('button', { name: '记录' }).click();
			await card.getByText(note).waitFor();
		};
		await step('已电话回访申请人');
		await card.getByLabel('下一步').selectOption({ label: '核实' });
		await step('经核实，窗口未一次性告知', () => card.getByLabel('属实', { exact: true }).check());
		await card.getByLabel('下一步').selectOption({ label: '整改' });
		await step('窗口人员培训并更新告知单', () => card.getByLabel('整改期限').fill('2099-12-31'));
		await step('已整改，告知单已补充年龄条件');
		await expect(card.innerText()).resolves.toContain('已办结');

		await visit(citizen, `${env.url}/cases/${id}`);
		await expect(citizen.locator('main').innerText()).resolves.toContain('处理结果：已整改，告知单已补充年龄条件');
	});
});
