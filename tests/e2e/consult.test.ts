// 征求意见 and 案卷 in Chromium (issue 20 items 5 and 6): the front desk asks 教育局 from the case page, 教育局's reviewer
// finds it in the 征求意见 tab and answers, the asker reads the answer; the citizen's timeline says an opinion was sought
// and answered, without its content; the 案卷 prints one part per A4 page in its fixed order.
import { describe, expect, it } from 'vitest';
import { Client } from '../unit/helpers/server';
import { submitTuixiu } from '../unit/helpers/catalog-data';
import { screenshot, signIn, useAppInBrowser, visit } from './browser';

const env = useAppInBrowser();
const QUESTION = '申请人的工作单位与我局备案是否一致？';
const ANSWER = '经核，与备案一致。';

describe('征求意见 and 案卷 in the browser', () => {
	it('ask → the department answers from its inbox → the asker reads it; the citizen sees only that it was sought', { timeout: 120_000 }, async () => {
		const lisi = new Client(env.url);
		await lisi.login('lisi');
		const id = await submitTuixiu(env.url, lisi);

		const desk = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
		await visit(desk, `${env.url}/workbench/cases/${id}`);
		const ask = desk.locator('form[action="?/consult"]');
		await ask.getByLabel('征求对象').selectOption({ label: '泉州市教育局' });
		await ask.getByLabel('问题').fill(QUESTION);
		await ask.getByLabel('答复期限（工作日）').fill('3');
		await ask.getByRole('button', { name: '发送征求意见' }).click();
		await desk.getByRole('status').filter({ hasText: '已向 泉州市教育局 征求意见' }).waitFor();
		await expect(desk.locator('.consultation').innerText()).resolves.toContain('待答复');

		const edu = await signIn(env.browser, env.url, 'qz-edu-reviewer');
		await visit(edu, `${env.url}/workbench?tab=consult`);
		await expect(edu.locator('nav.tabs a[aria-current="page"]').innerText()).resolves.toMatch(/^征求意见\s*1$/);
		await edu.locator('table.inbox a', { hasText: /^QZ/ }).first().click();
		await edu.waitForURL(`**/workbench/cases/${id}`);
		await expect(edu.locator('.actions-panel').innerText()).resolves.toContain('当前没有您可以办理的环节');
		await edu.getByLabel('答复意见').fill(ANSWER);
		await edu.getByRole('button', { name: '提交答复' }).click();
		await edu.getByRole('status').filter({ hasText: '已提交答复' }).waitFor();
		await screenshot(edu, 'workbench-consult-answered');

		await visit(desk, `${env.url}/workbench/cases/${id}`);
		const shown = await desk.locator('.consultation').innerText();
		expect(shown).toContain('已答复');
		expect(shown).toContain(`答复（教育局审查人员，`);
		expect(shown).toContain(ANSWER);

		const citizen = await signIn(env.browser, env.url, 'lisi');
		await visit(citizen, `${env.url}/cases/${id}`);
		const timeline = await citizen.locator('.timeline').innerText();
		expect(timeline).toContain('已征求 泉州市教育局 意见');
		expect(timeline).toContain('泉州市教育局 已答复');
		expect(await citizen.content()).not.toContain(QUESTION);
		expect(await citizen.content()).not.toContain(ANSWER);

		// 案卷: parts in the fixed order, each printed from a new page
		await visit(desk, `${env.url}/workbench/cases/${id}/dossier`);
		await expect(desk.locator('[data-part]').evaluateAll((els) => els.map((e) => e.getAttribute('data-part')))).resolves.toEqual([
			'封面',
			'申请表单',
			'申请材料',
			'办理意见',
			'办理过程',
			'文书与证照'
		]);
		await desk.emulateMedia({ media: 'print' });
		await expect(desk.locator('[data-part]').evaluateAll((els) => els.map((e) => getComputedStyle(e).breakBefore))).resolves.toEqual([
			'auto',
			'page',
			'page',
			'page',
			'page',
			'page'
		]);
		await expect(desk.locator('header.site-top').isVisible()).resolves.toBe(false);
		await expect(desk.locator('.dossier').innerText()).resolves.toContain(ANSWER);
	});
});
