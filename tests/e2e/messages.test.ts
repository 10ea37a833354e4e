// 消息中心 in the browser: a 补正 shows as an unread badge on 我的办件 and 消息; the message lists every problem; read, the
// badge goes; 通知方式 refuses a bad e-mail address keeping what was typed, and saves a good one.
import { describe, expect, it } from 'vitest';
import { signIn, useAppInBrowser, visit } from './browser';
import { Client } from '../unit/helpers/server';

const env = useAppInBrowser();

describe('消息中心', () => {
	it('a 补正 creates an unread message the citizen sees with the list', { timeout: 180_000 }, async () => {
		const citizen = new Client(env.url);
		await citizen.login('lisi');
		const created = await citizen.post('/api/cases', {
			service: { kind: 'item', id: 'jiaoshi-zige-buban' },
			answers: { reason: 'lost' },
			data: { applicant_name: '李四', applicant_idNumber: '350521197001014561', contact_phone: '13805959876', certificateNumber: '20193500142001234' },
			materials: { licence_ID_CARD: { source: 'licence', licenceId: 'lic-demo-lisi-id_card' }, lostStatement: { source: 'commitment', signed: true } },
			consents: { licenceFetch: true }
		});
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		const desk = new Client(env.url);
		await desk.login('qz-zwfw-frontdesk');
		const asked = await desk.post(`/api/cases/${created.body.id}/events`, {
			type: 'REQUEST_CORRECTION',
			version: 0,
			problems: [{ target: { kind: 'field', id: 'certificateNumber' }, message: '证书编号与档案不符，请核对' }]
		});
		expect(asked.status).toBe(200);

		const lisi = await signIn(env.browser, env.url, 'lisi');
		await visit(lisi, `${env.url}/`);
		const nav = lisi.getByRole('navigation');
		const badge = nav.getByRole('link', { name: /^我的办件/ }).locator('.badge');
		const unread = Number(await badge.innerText());
		expect(unread).toBeGreaterThanOrEqual(1);
		await nav.getByRole('link', { name: /^消息/ }).click();
		await lisi.getByRole('heading', { name: '消息中心' }).waitFor();
		const message = lisi.locator('li.message', { hasText: `（${created.body.receiptNumber}）需要补正` });
		await expect(message.locator('.tag').innerText()).resolves.toBe('未读');
		await expect(message.innerText()).resolves.toContain('「原证书编号」：证书编号与档案不符，请核对');
		await message.getByRole('link', { name: '查看办件' }).click();
		await lisi.waitForURL(`**/cases/${created.body.id}`);
		// read now: the badges are gone (every unread message was on the first page)
		if (unread <= 20) await expect(lisi.getByRole('navigation').locator('.badge').count()).resolves.toBe(0);

		await visit(lisi, `${env.url}/messages`);
		await expect(lisi.locator('li.message', { hasText: created.body.receiptNumber }).locator('.tag').count()).resolves.toBe(0);
		await lisi.getByLabel('电子邮件地址（留空则不发送邮件）').fill('lisi@');
		await lisi.getByRole('button', { name: '保存通知方式' }).click();
		await lisi.getByText('电子邮件地址格式不正确，例如 name@example.com').waitFor();
		await expect(lisi.getByLabel('电子邮件地址（留空则不发送邮件）').inputValue()).resolves.toBe('lisi@');
		await lisi.getByLabel('电子邮件地址（留空则不发送邮件）').fill('lisi@example.com');
		await lisi.getByRole('checkbox', { name: /短信，发送至 138\*\*\*\*9876/ }).check();
		await lisi.getByRole('button', { name: '保存通知方式' }).click();
		await lisi.getByRole('status').filter({ hasText: '已保存通知方式' }).waitFor();
		await visit(lisi, `${env.url}/messages`);
		await expect(lisi.getByLabel('电子邮件地址（留空则不发送邮件）').inputValue()).resolves.toBe('lisi@example.com');
		await expect(lisi.getByRole('checkbox', { name: /短信/ }).isChecked()).resolves.toBe(true);
		await lisi.context().close();
	});
});
