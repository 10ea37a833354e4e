// 统一公共支付 in Chromium: the guide shows the 测试费; an approved case waits for payment before 出件; the citizen pays
// from the case page at the provider and gets a 票据; the case is issued. A case refused after payment is refunded.
import { describe, expect, it } from 'vitest';
import { Client } from '../unit/helpers/server';
import { provideMaterials } from '../unit/helpers/catalog-data';
import { signIn, useAppInBrowser, visit } from './browser';
import type { Page } from 'playwright-core';

const env = useAppInBrowser();
const SERVICE = { kind: 'item', id: 'putonghua-ceshi' } as const;

async function staff(user: string) {
	const c = new Client(env.url);
	await c.login(user);
	return c;
}

/** One workflow event at the case's current version; returns the response. */
async function act(c: Client, id: string, body: Record<string, unknown>) {
	const version = (await c.get(`/api/cases/${id}`)).body.case.version;
	return c.post(`/api/cases/${id}/events`, { ...body, version });
}

async function apply(citizen: Client): Promise<string> {
	const svc = (await citizen.post('/api/compose', { service: SERVICE, answers: {} })).body;
	const r = await citizen.post('/api/cases', {
		service: SERVICE,
		answers: {},
		data: { applicant_name: '张三', applicant_idNumber: '350502198506122344', contact_phone: '13805951234', workUnit: '泉州市第五中学' },
		materials: await provideMaterials(env.url, citizen, svc.materials),
		consents: { licenceFetch: true }
	});
	expect(r.status, JSON.stringify(r.body)).toBe(201);
	return r.body.id;
}

/** The citizen pays what is due from the case page, at the provider's pay page; back on the case page with the 票据. */
async function payFromCasePage(page: Page, id: string) {
	await visit(page, `${env.url}/cases/${id}`);
	const section = page.locator('section', { has: page.getByRole('heading', { name: '缴费' }) });
	await expect(section.innerText()).resolves.toContain('待缴费：50.00 元');
	await section.getByRole('button', { name: '在线缴费 50.00 元' }).click();
	await page.waitForURL(/\/pay\/PAY/);
	await expect(page.locator('main').innerText()).resolves.toContain('普通话水平测试费：50.00');
	await page.getByRole('button', { name: '确认支付 50.00 元' }).click();
	await page.waitForURL(new RegExp(`/cases/${id}\\?paid`));
}

describe('统一公共支付', () => {
	it('the guide shows the fee; 出件 waits until the citizen has paid; the 票据 is recorded', { timeout: 180_000 }, async () => {
		const anon = await (await env.browser.newContext()).newPage();
		await visit(anon, `${env.url}/items/putonghua-ceshi`);
		const guide = await anon.locator('main').innerText();
		expect(guide).toContain('普通话水平测试费：每人次 50 元');
		expect(guide).toContain('50.00 元，可在线缴纳');
		// free items say so, unchanged
		await visit(anon, `${env.url}/items/jiaoshi-zige-buban`);
		await expect(anon.locator('main').innerText()).resolves.toMatch(/收费\s*不收费/);

		const zhangsan = new Client(env.url);
		await zhangsan.login('zhangsan');
		const id = await apply(zhangsan);
		const desk = await staff('qz-zwfw-frontdesk');
		const reviewer = await staff('qz-edu-reviewer');
		const issuer = await staff('qz-zwfw-issuer');
		expect((await act(desk, id, { type: 'ACCEPT' })).status).toBe(200);
		expect((await act(reviewer, id, { type: 'APPROVE', opinion: '报名信息齐全' })).status).toBe(200);

		// approved, not paid: 出件 is refused with what is due
		const early = await act(issuer, id, { type: 'ISSUE', delivery: 'online' });
		expect(early.status).toBe(409);
		expect(early.body.message).toBe('申请人尚未缴费（待缴 50.00 元），缴费后才能出件');
		const officer = await signIn(env.browser, env.url, 'qz-zwfw-issuer');
		await visit(officer, `${env.url}/workbench/cases/${id}`);
		await expect(officer.locator('main').innerText()).resolves.toContain('待缴费 50.00 元（缴费后方可出件）');

		// only the applicant opens an order
		expect((await issuer.post(`/api/cases/${id}/payments`, {})).status).toBe(403);
		const citizen = await signIn(env.browser, env.url, 'zhangsan');
		await payFromCasePage(citizen, id);
		const paidText = await citizen.locator('main').innerText();
		expect(paidText).toContain('缴费成功，票据已开具。');
		expect(paidText).toContain('费用已缴清：50.00 元');
		expect(paidText).toMatch(/票据 PJ\d{4}\d{8}：50\.00 元，\d{4}-\d{2}-\d{2} 缴纳/);
		expect(paidText).not.toContain('在线缴费');

		const status = (await zhangsan.get(`/api/cases/${id}/payments`)).body;
		expect(status).toMatchObject({ dueFen: 0, paidFen: 5000, payable: false });
		expect(status.bill.lines).toEqual([expect.objectContaining({ name: '普通话水平测试费', fen: 5000 })]);
		const [order] = status.orders;
		expect(order.status).toBe('paid');

		// a forged callback (no or wrong signature) changes nothing
		const forged = await fetch(`${env.url}/api/payments/callback`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'payment-id': order.id,
				'payment-timestamp': String(Math.floor(Date.now() / 1000)),
				'payment-signature': 'v1,AAAA'
			},
			body: JSON.stringify({ orderId: order.id, providerRef: 'X', amountFen: 1, paidAt: new Date().toISOString(), status: 'paid' })
		});
		expect(forged.status).toBe(401);
		expect((await forged.json()).message).toBe('回调签名不正确');

		expect((await act(issuer, id, { type: 'ISSUE', delivery: 'online' })).status).toBe(200);
		expect((await zhangsan.get(`/api/cases/${id}`)).body.case.status).toBe('closed');
		// a case paid in full asks nothing more
		expect((await zhangsan.post(`/api/cases/${id}/payments`, {})).status).toBe(409);
	});

	it('a case refused after payment is refunded in full, and the citizen sees it', { timeout: 180_000 }, async () => {
		const zhangsan = new Client(env.url);
		await zhangsan.login('zhangsan');
		const id = await apply(zhangsan);
		expect((await act(await staff('qz-zwfw-frontdesk'), id, { type: 'ACCEPT' })).status).toBe(200);
		const citizen = await signIn(env.browser, env.url, 'zhangsan');
		await payFromCasePage(citizen, id);

		const denied = await act(await staff('qz-edu-reviewer'), id, { type: 'DENY', reason: '处于测试违纪停考期内' });
		expect(denied.status).toBe(200);
		const status = (await zhangsan.get(`/api/cases/${id}/payments`)).body;
		expect(status.orders.map((o: { status: string }) => o.status)).toEqual(['refunded']);
		expect(status.orders[0].refund.reason).toBe('不予许可，全额退费');

		await visit(citizen, `${env.url}/cases/${id}`);
		const text = await citizen.locator('main').innerText();
		expect(text).toContain('已退费 50.00 元（不予许可，全额退费）');
		expect(text).not.toContain('在线缴费');
	});
});
