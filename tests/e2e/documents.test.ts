// 文书: 退休一件事 runs through 补正, 受理, two approvals, one denial and 出件; each step's document is on the case page,
// prints on one A4 page in Chromium with the department's seal and the lookup QR code, and downloads as a one-page PDF.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signIn, useAppInBrowser, visit } from './browser';
import { Client } from '../unit/helpers/server';
import { submitTuixiu } from '../unit/helpers/catalog-data';

const env = useAppInBrowser();
const pagesIn = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

async function act(user: string, id: string, body: Record<string, unknown>, version: number): Promise<number> {
	const c = new Client(env.url);
	await c.login(user);
	const r = await c.post(`/api/cases/${id}/events`, { ...body, version });
	expect(r.status, `${user} ${String(body.type)}: ${JSON.stringify(r.body)}`).toBe(200);
	return r.body.case.version;
}

async function printedPages(page: Page): Promise<number> {
	await page.emulateMedia({ media: 'print' });
	const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
	await page.emulateMedia({ media: 'screen' });
	return pagesIn(pdf);
}

describe('文书', () => {
	it('each is produced at its step, prints on one A4 page, and downloads as PDF', { timeout: 300_000 }, async () => {
		const citizen = new Client(env.url);
		await citizen.login('lisi');
		const id = await submitTuixiu(env.url, citizen);
		let v = await act(
			'qz-zwfw-frontdesk',
			id,
			{
				type: 'REQUEST_CORRECTION',
				problems: [
					{ target: { kind: 'field', id: 'contact_address' }, message: '请写到门牌号' },
					{ target: { kind: 'field', id: 'contact_address' }, message: '请写到门牌号' }
				]
			},
			0
		);
		const fixed = await citizen.post(`/api/cases/${id}/events`, {
			type: 'RESUBMIT',
			version: v,
			data: { contact_address: '福建省泉州市惠安县螺城镇建设路 12 号 3 室' }
		});
		expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
		v = fixed.body.case.version;
		v = await act('qz-zwfw-frontdesk', id, { type: 'ACCEPT' }, v);
		v = await act('qz-rsj-reviewer', id, { type: 'PASS' }, v);
		v = await act('qz-rsj-decider', id, { type: 'APPROVE' }, v);
		v = await act('qz-yibao-reviewer', id, { type: 'PASS' }, v);
		v = await act('qz-yibao-decider', id, { type: 'DENY', reason: '医保缴费年限不足，不符合待遇核定条件' }, v);
		await act('qz-zwfw-issuer', id, { type: 'ISSUE', delivery: 'online' }, v);

		const lisi = await signIn(env.browser, env.url, 'lisi');
		await visit(lisi, `${env.url}/cases/${id}`);
		const list = lisi.locator('section', { has: lisi.getByRole('heading', { name: '文书' }) });
		const titles = await list.locator('li > a:first-child').allInnerTexts();
		expect(titles).toEqual(['补正材料告知书', '受理通知书', '准予行政许可决定书', '不予行政许可决定书', '送达回证']);

		// 补正: every problem once
		await list.getByRole('link', { name: '补正材料告知书' }).click();
		await lisi.getByRole('heading', { name: '补正材料告知书' }).waitFor();
		const correction = await lisi.locator('article.official').innerText();
		expect(correction.match(/请写到门牌号/g)).toHaveLength(1);
		expect(await printedPages(lisi)).toBe(1);

		// 不予许可: the reason, the legal basis, 救济途径, the deciding department's seal and the QR code
		await visit(lisi, `${env.url}/cases/${id}`);
		await list.getByRole('link', { name: '不予行政许可决定书' }).click();
		const denial = lisi.locator('article.official');
		await denial.waitFor();
		const text = await denial.innerText();
		expect(text).toContain('理由：医保缴费年限不足，不符合待遇核定条件');
		expect(text).toMatch(/依据：.+/);
		expect(text).toContain('六十日内依法申请行政复议');
		await expect(denial.getByRole('img', { name: /^电子印章：泉州市医疗保障局/ }).count()).resolves.toBe(1);
		await expect(denial.getByRole('img', { name: /^办件查询二维码：/ }).count()).resolves.toBe(1);
		expect(await printedPages(lisi)).toBe(1);
		await screenshot(lisi, 'document-deny');

		// each of them prints on one page, and downloads as a one-page PDF
		for (const key of ['accept', 'approve', 'delivery']) {
			await visit(lisi, `${env.url}/cases/${id}`);
			const href = await list.locator(`a[href*="/documents/${key}-"]:not([download])`).getAttribute('href');
			await visit(lisi, `${env.url}${href}`);
			expect(await printedPages(lisi), href!).toBe(1);
			const pdf = await lisi.request.get(`${env.url}${href}/pdf`);
			expect(pdf.status()).toBe(200);
			expect(pdf.headers()['content-type']).toBe('application/pdf');
			const bytes = await pdf.body();
			expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
			expect(pagesIn(bytes), href!).toBe(1);
		}
		// the receipt carries the same lookup QR code; it opens 办件查询 with the number filled in
		await visit(lisi, `${env.url}/cases/${id}?submitted`);
		const qr = lisi.getByRole('img', { name: /^扫码查询办件进度：/ });
		const target = (await qr.getAttribute('alt'))!.replace(/^扫码查询办件进度：/, '');
		expect(target).toMatch(/\/track\?receipt=QZ\d+$/);
		await visit(lisi, target);
		await expect(lisi.getByLabel('收件编号').inputValue()).resolves.toBe(new URL(target).searchParams.get('receipt'));
		// another citizen gets none of it
		const other = await signIn(env.browser, env.url, 'zhangsan');
		const refused = await other.request.get(`${env.url}/cases/${id}/documents/accept-3/pdf`);
		expect(refused.status()).toBe(403);
		await other.context().close();
		await lisi.context().close();
	});
});
