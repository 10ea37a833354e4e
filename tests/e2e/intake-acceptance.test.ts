// 收件 → 受理 through the built app in Chromium: a submission shows its 收件编号 and no 受理编号 yet; the front desk's 受理
// gives the 受理编号; a case the front desk leaves for 5 working days is deemed accepted (视为受理) by the timer, and the
// citizen's page, 我的办件, 办件查询 and the workbench all say so.
import { describe, expect, it } from 'vitest';
import { Client, moveClock } from '../unit/helpers/server';
import { submitTuixiu, TUIXIU } from '../unit/helpers/catalog-data';
import { useAppInBrowser, screenshot, signIn, visit } from './browser';

const env = useAppInBrowser();

const RECEIPT = /^QZ\d{14}$/;
const ACCEPTANCE = /^QZSL\d{14}$/;

describe('收件编号 and 受理编号', () => {
	let accepted: { id: string; receipt: string; number: string };

	it('a submission shows its 收件编号 on the receipt and in 我的办件; the front desk’s 受理 gives the 受理编号', { timeout: 120_000 }, async () => {
		const lisi = new Client(env.url);
		await lisi.login('lisi');
		const id = await submitTuixiu(env.url, lisi);
		const submitted = (await lisi.get(`/api/cases/${id}`)).body;
		const receipt = submitted.case.receiptNumber as string;
		expect(receipt).toMatch(RECEIPT);
		expect(submitted.acceptance).toBeUndefined();
		expect(submitted.deemedAcceptanceAt).toBeTruthy();

		const page = await signIn(env.browser, env.url, 'lisi');
		await visit(page, `${env.url}/cases/${id}?submitted`);
		const slip = page.locator('.receipt');
		await expect(slip.innerText()).resolves.toContain(`收件编号（回执号）：${receipt}`);
		await expect(slip.locator('.acceptance-number').innerText()).resolves.toMatch(/^待受理：窗口应在 .+ 前作出是否受理的决定，逾期依法视为受理$/);
		await screenshot(page, 'intake-receipt');
		await visit(page, `${env.url}/cases`);
		const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: receipt }) });
		await expect(row.getByRole('cell').nth(1).innerText()).resolves.toBe('—');

		const desk = new Client(env.url);
		await desk.login('qz-zwfw-frontdesk');
		const done = await desk.post(`/api/cases/${id}/events`, { type: 'ACCEPT', version: 0 });
		expect(done.status, JSON.stringify(done.body)).toBe(200);
		const number = done.body.acceptance.number as string;
		expect(number).toMatch(ACCEPTANCE);
		expect(done.body.case.receiptNumber).toBe(receipt);

		await visit(page, `${env.url}/cases`);
		await expect(row.getByRole('cell').nth(1).innerText()).resolves.toBe(number);
		await visit(page, `${env.url}/cases/${id}`);
		await expect(page.locator('.acceptance-number').innerText()).resolves.toBe(number);
		await expect(page.locator('.timeline').innerText()).resolves.toContain(`受理编号：${number}`);
		// the 受理通知书 names the 受理编号
		await visit(page, `${env.url}/cases/${id}/documents/accept-1`);
		await expect(page.locator('main').innerText()).resolves.toContain(`受理编号：${number}`);
		accepted = { id, receipt, number };
	});

	it('a case left at the front desk for 5 working days is deemed accepted by the timer, and every page says so', { timeout: 180_000 }, async () => {
		const lisi = new Client(env.url);
		await lisi.login('lisi');
		const id = await submitTuixiu(env.url, lisi);
		const receipt = (await lisi.get(`/api/cases/${id}`)).body.case.receiptNumber as string;

		// two days on, still at the front desk
		let moved = await moveClock(env.url, 48);
		expect(moved.body.accepted).not.toContain(id);
		// a fortnight later, however holidays fall, the fifth working day is over
		moved = await moveClock(env.url, 14 * 24);
		expect(moved.body.accepted).toContain(id);
		expect(moved.body.accepted).not.toContain(accepted.id);

		const page = await signIn(env.browser, env.url, 'lisi');
		await visit(page, `${env.url}/cases/${id}`);
		const number = page.locator('.acceptance-number');
		await expect(number.innerText()).resolves.toMatch(/^QZSL\d{14}\s*视为受理$/);
		const timeline = await page.locator('.timeline').innerText();
		expect(timeline).toContain('视为受理');
		expect(timeline).toContain('系统（时限监控）');
		expect(timeline).toContain('依法视为自收件之日起受理');
		await screenshot(page, 'intake-deemed-case');

		const desk = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
		await visit(desk, `${env.url}/workbench/cases/${id}`);
		await expect(desk.locator('.acceptance-number').innerText()).resolves.toMatch(/^QZSL\d{14}\s*（.+）\s*视为受理$/);
		await expect(desk.getByText('收件编号', { exact: true }).count()).resolves.toBe(1);
		await screenshot(desk, 'intake-deemed-workbench');

		// 办件查询: found by the 收件编号, with the 受理编号 beside it
		const context = await env.browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
		const track = await context.newPage();
		await track.goto(`${env.url}/track?receipt=${receipt}`);
		await track.getByLabel('身份证号码或手机号码').fill(TUIXIU.data.contact_phone);
		await track.getByRole('button', { name: '查询' }).click();
		await track.waitForLoadState();
		await expect(track.locator('.track-result .acceptance-number').innerText()).resolves.toMatch(/^QZSL\d{14}\s*视为受理$/);
		await context.close();
	});
});
