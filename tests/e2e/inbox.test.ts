// The workbench inbox and the supervisor's view in Chromium: finding a case by 受理编号 and by the applicant's name (masked
// in the list, never in the URL), 批量签收 with one task taken by a colleague first, the keyboard, saved filters, and a
// 科室负责人 releasing a colleague's claim, which the audit log shows with the reason.
import { describe, expect, it } from 'vitest';
import { Client } from '../unit/helpers/server';
import { submitTuixiu } from '../unit/helpers/catalog-data';
import { useAppInBrowser, screenshot, signIn, visit } from './browser';

const env = useAppInBrowser();

/** A new 退休一件事 case by lisi: its id, 收件编号 and the front desk's task. */
async function newCase() {
	const lisi = new Client(env.url);
	await lisi.login('lisi');
	const id = await submitTuixiu(env.url, lisi);
	const desk = new Client(env.url);
	await desk.login('qz-zwfw-frontdesk');
	const view = await desk.get(`/api/cases/${id}`);
	const receiptNumber = view.body.case.receiptNumber as string;
	const tasks = (await desk.get(`/api/tasks?receiptNumber=${receiptNumber}`)).body.tasks as { id: string }[];
	expect(tasks).toHaveLength(1);
	return { id, receiptNumber, task: tasks[0].id };
}

const rows = (page: import('playwright-core').Page) => page.locator('table.inbox tbody tr', { has: page.locator('a') });

describe('inbox and supervisor in the browser', () => {
	it('finds a case by 收件编号 and by the applicant’s full name, shown masked; a filter is saved and reused', { timeout: 120_000 }, async () => {
		const [a, b] = [await newCase(), await newCase()];
		const desk = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
		await visit(desk, `${env.url}/workbench`);
		await desk.getByLabel('收件编号').fill(b.receiptNumber);
		await desk.getByRole('button', { name: '筛选', exact: true }).click();
		await desk.waitForURL(/receipt=/);
		await expect(rows(desk).count()).resolves.toBe(1);
		await expect(rows(desk).first().innerText()).resolves.toContain(b.receiptNumber);
		// the applicant column: 李四 masked
		await expect(rows(desk).first().locator('td').nth(1).innerText()).resolves.toBe('李*');

		// save it, clear it, and come back through the saved link
		await desk.getByLabel('保存当前筛选为').fill('这一件');
		await desk.getByRole('button', { name: '保存', exact: true }).click();
		await desk.getByRole('link', { name: '这一件' }).waitFor();
		await visit(desk, `${env.url}/workbench`);
		await expect(rows(desk).count()).resolves.toBeGreaterThan(1);
		await desk.getByRole('link', { name: '这一件' }).click();
		await desk.waitForURL(/receipt=/);
		await expect(rows(desk).count()).resolves.toBe(1);

		// by name: the full name finds both cases, the name never appears in the URL, a part of it finds nothing
		await visit(desk, `${env.url}/workbench`);
		await desk.getByLabel('申请人姓名').fill('李四');
		await desk.getByRole('button', { name: '筛选', exact: true }).click();
		await desk.waitForURL(/an=/);
		expect(decodeURIComponent(desk.url())).not.toContain('李四');
		const found = await rows(desk).allInnerTexts();
		expect(found.some((r) => r.includes(a.receiptNumber))).toBe(true);
		expect(found.some((r) => r.includes(b.receiptNumber))).toBe(true);
		await expect(desk.locator('table.inbox').innerText()).resolves.not.toContain('李四');
		await desk.getByLabel('申请人姓名').fill('李');
		await desk.getByRole('button', { name: '筛选', exact: true }).click();
		await desk.locator('table.inbox td.muted', { hasText: '暂无待办' }).waitFor();
	});

	it('批量签收 claims three ticked tasks and names the one a colleague claimed first; j/k and c work from the keyboard', { timeout: 120_000 }, async () => {
		const cases = [await newCase(), await newCase(), await newCase(), await newCase()];
		const desk = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
		await visit(desk, `${env.url}/workbench?tab=intake`);
		for (const c of cases) await desk.getByRole('checkbox', { name: c.receiptNumber }).check();
		// meanwhile a colleague claims the fourth
		const colleague = new Client(env.url);
		await colleague.login('qz-zwfw-frontdesk2');
		expect((await colleague.post(`/api/tasks/${cases[3].task}/claim`, {})).status).toBe(200);

		await desk.getByRole('button', { name: '签收所选' }).click();
		const result = desk.getByRole('status', { name: '批量签收结果' });
		await result.waitFor();
		const text = await result.innerText();
		expect(text).toContain('已签收 3 件');
		for (const c of cases.slice(0, 3)) expect(text).toContain(c.receiptNumber);
		expect(text).toMatch(new RegExp(`1 件未签收[\\s\\S]*${cases[3].receiptNumber}：该待办已由 .*签收`));
		await screenshot(desk, 'workbench-batch-claim');
		const api = new Client(env.url);
		await api.login('qz-zwfw-frontdesk');
		for (const [i, c] of cases.entries()) {
			const [t] = (await api.get(`/api/tasks?receiptNumber=${c.receiptNumber}`)).body.tasks;
			expect(t.claimedBy).toBe(i < 3 ? 'u-qz-zwfw-frontdesk' : 'u-qz-zwfw-frontdesk2');
		}
		// 已签收 lists exactly the three
		await visit(desk, `${env.url}/workbench?tab=mine`);
		const mine = await rows(desk).allInnerTexts();
		for (const c of cases.slice(0, 3)) expect(mine.some((r) => r.includes(c.receiptNumber))).toBe(true);
		expect(mine.some((r) => r.includes(cases[3].receiptNumber))).toBe(false);

		// keyboard: the shortcuts are listed; j focuses the first row, j the second, k back; c claims the focused row
		const fifth = await newCase();
		await visit(desk, `${env.url}/workbench?tab=intake&receipt=${fifth.receiptNumber}`);
		await expect(desk.locator('#inbox-keys').innerText()).resolves.toContain('j 下一件');
		await desk.keyboard.press('j');
		await expect(desk.evaluate(() => document.activeElement?.textContent)).resolves.toBe(fifth.receiptNumber);
		await desk.keyboard.press('c');
		await rows(desk).first().getByRole('button', { name: '释放' }).waitFor();
		const [t5] = (await api.get(`/api/tasks?receiptNumber=${fifth.receiptNumber}`)).body.tasks;
		expect(t5.claimedBy).toBe('u-qz-zwfw-frontdesk');
	});

	it('a 科室负责人 releases a colleague’s claim with a reason; the audit log shows it', { timeout: 120_000 }, async () => {
		const c = await newCase();
		const officer = new Client(env.url);
		await officer.login('qz-zwfw-frontdesk2');
		expect((await officer.post(`/api/tasks/${c.task}/claim`, {})).status).toBe(200);

		// an officer may not supervise
		const desk = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
		expect((await visit(desk, `${env.url}/workbench/supervise`))?.status()).toBe(403);

		const head = await signIn(env.browser, env.url, 'qz-zwfw-supervisor');
		await visit(head, `${env.url}/workbench/supervise`);
		await expect(head.locator('table.bars').first().innerText()).resolves.toMatch(/综合受理窗口（二）\s+\d+ 件/);
		const row = head.locator('tr', { hasText: c.receiptNumber });
		await expect(row.innerText()).resolves.toContain('综合受理窗口（二）');
		await screenshot(head, 'workbench-supervise');
		// the reason is required
		await row.getByRole('button', { name: '收回签收' }).click();
		await expect(row.getByRole('textbox').evaluate((el: HTMLInputElement) => el.validity.valueMissing)).resolves.toBe(true);
		await row.getByRole('textbox').fill('经办人病假，收回重新分派');
		await row.getByRole('button', { name: '收回签收' }).click();
		await head.getByRole('status').filter({ hasText: `已收回` }).waitFor();
		const [t] = (await officer.get(`/api/tasks?receiptNumber=${c.receiptNumber}`)).body.tasks;
		expect(t.claimedBy).toBeUndefined();

		const admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/workbench/audit?case=${c.receiptNumber}`);
		const entry = admin.locator('tr', { hasText: '收回签收（督办）' });
		await expect(entry.innerText()).resolves.toContain('经办人病假，收回重新分派');
		await expect(entry.innerText()).resolves.toContain('qz-zwfw-frontdesk2');
	});
});
