// 推送 in Chromium: an administrator subscribes a receiver, watches a failing delivery become a dead letter with each
// attempt's request and answer, and re-sends it from the page once the receiver is well.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, moveClock } from '../unit/helpers/server';
import { submitTuixiu } from '../unit/helpers/catalog-data';
import { screenshot, signIn, useAppInBrowser, visit } from './browser';

const env = useAppInBrowser({ env: { OUTBOX_POLL_MS: '200' } });

const ids: string[] = [];
let status = 503;
let receiver: Server;
let hook = '';

beforeAll(async () => {
	receiver = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			ids.push(String(req.headers['webhook-id']));
			res.statusCode = status;
			res.end(status === 200 ? 'thanks' : 'maintenance window');
		});
	});
	await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
	hook = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/onething`;
});
afterAll(() => new Promise<void>((ok) => receiver.close(() => ok())));

async function until(what: string, ok: () => boolean, ms = 15_000) {
	const end = Date.now() + ms;
	while (!ok()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

describe('推送 admin page', () => {
	it('subscribes, shows a dead letter with its attempts, and re-sends it', { timeout: 180_000 }, async () => {
		let admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/workbench/admin/webhooks`);
		await admin.getByLabel('接收地址').fill(hook);
		await admin.getByLabel('受理', { exact: true }).check();
		await admin.getByRole('button', { name: '订阅' }).click();
		const secret = admin.getByTestId('secret');
		await expect(secret.textContent()).resolves.toMatch(/^whsec_/);
		await admin.locator('table', { hasText: hook }).getByText('启用', { exact: true }).waitFor();
		await screenshot(admin, 'webhooks-admin');

		const citizen = new Client(env.url);
		await citizen.login('lisi');
		const caseId = await submitTuixiu(env.url, citizen);
		const desk = new Client(env.url);
		await desk.login('qz-zwfw-frontdesk');
		expect((await desk.post(`/api/cases/${caseId}/events`, { type: 'ACCEPT', version: 0 })).status).toBe(200);
		await until('the first attempt', () => ids.length === 1);
		for (let n = 2; n <= 5; n++) {
			expect((await moveClock(env.url, 1)).status).toBe(200);
			await until(`attempt ${n}`, () => ids.length === n);
		}

		// moving the clock ended the session: sign in again
		admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/workbench/admin/webhooks`);
		const delivery = admin.locator(`article[data-delivery="${ids[0]}"]`);
		await delivery.getByText('死信').waitFor();
		await expect(delivery.textContent()).resolves.toContain(caseId);
		await delivery.getByText('每次尝试的请求与答复（5）').click();
		await delivery.getByText('第 5 次').waitFor();
		await expect(delivery.locator('pre').filter({ hasText: 'maintenance window' }).count()).resolves.toBe(5);
		await expect(delivery.locator('pre').first().textContent()).resolves.toContain(`webhook-id: ${ids[0]}`);

		status = 200;
		await delivery.getByRole('button', { name: '重发' }).click();
		await admin.getByText('已重新加入投递队列').waitFor();
		await until('the re-sent delivery', () => ids.length === 6);
		expect(ids[5]).toBe(ids[0]);
		for (let i = 0; i < 50; i++) {
			await visit(admin, `${env.url}/workbench/admin/webhooks`);
			if ((await admin.locator(`article[data-delivery="${ids[0]}"]`).textContent())?.includes('已送达')) break;
			await new Promise((r) => setTimeout(r, 200));
		}
		const sent = admin.locator(`article[data-delivery="${ids[0]}"]`);
		await sent.getByText('已送达').waitFor();
		await expect(sent.getByRole('button', { name: '重发' }).count()).resolves.toBe(0);
	});
});
