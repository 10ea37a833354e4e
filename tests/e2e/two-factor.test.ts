// Two-factor sign-in in Chromium (REQUIRE_2FA=staff): enrolment on the login page, then the code step; and a citizen's
// /me/data page with its consent switch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { totpCode } from '../../runtime/server/totp';
import { useServer } from '../unit/helpers/use-server';
import { launch, screenshot, signIn, visit } from './browser';

const server = useServer({ env: { REQUIRE_2FA: 'staff' } });
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => browser?.close());

const STEP = 30_000;
async function awayFromStepEnd() {
	const left = STEP - (Date.now() % STEP);
	if (left < 8000) await new Promise((r) => setTimeout(r, left + 200));
}

async function passwordStep(username: string): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
	const page = await context.newPage();
	await visit(page, `${server.url}/login?next=%2Fworkbench%2Faudit`);
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill('demo123');
	await page.getByRole('button', { name: '登录' }).click();
	await page.getByRole('heading', { name: '双重验证' }).waitFor();
	return page;
}

describe('two-factor sign-in on the login page', () => {
	it('enrols an administrator on first sign-in, then asks for the code at every sign-in', { timeout: 120_000 }, async () => {
		await awayFromStepEnd();
		const first = await passwordStep('admin');
		const secret = (await first.getByTestId('totp-secret').innerText()).trim();
		expect(secret).toMatch(/^[A-Z2-7]{32}$/);
		await expect(first.getByTestId('totp-uri').innerText()).resolves.toContain(`secret=${secret}`);
		await screenshot(first, 'two-factor-enrol');
		await first.getByLabel('动态验证码').fill(totpCode(secret, Date.now()));
		await Promise.all([first.waitForURL((u) => u.pathname === '/workbench/audit'), first.getByRole('button', { name: '启用并登录' }).click()]);
		await expect(first.locator('main').innerText()).resolves.toContain('totp.enrol');

		const second = await passwordStep('admin');
		await expect(second.getByTestId('totp-secret').count()).resolves.toBe(0);
		await expect(second.getByRole('alert').innerText()).resolves.toContain('6 位动态验证码');
		const right = [0, 1, -1].map((o) => totpCode(secret, Date.now() + o * STEP));
		const wrong = ['111111', '222222', '333333'].find((c) => !right.includes(c))!;
		await second.getByLabel('动态验证码').fill(wrong);
		await second.getByRole('button', { name: '验证并登录' }).click();
		await second.getByText('动态验证码错误').waitFor();
		await screenshot(second, 'two-factor-code');
		// the code already used at enrolment is refused; the next one signs in
		await second.getByLabel('动态验证码').fill(totpCode(secret, Date.now() + STEP));
		await Promise.all([second.waitForURL((u) => u.pathname === '/workbench/audit'), second.getByRole('button', { name: '验证并登录' }).click()]);
	});

	it('shows a citizen what the platform holds and lets them give and withdraw the standing consent', { timeout: 60_000 }, async () => {
		const page = await signIn(browser, server.url, 'wangwu');
		await page.getByRole('banner').getByRole('link', { name: '我的信息' }).click();
		await page.getByRole('heading', { name: '我的信息', level: 1 }).waitFor();
		await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
		const consent = page.locator('[data-consent=licenceFetch]');
		await consent.getByRole('button', { name: '给予授权' }).click();
		await consent.getByText('已授权').waitFor();
		await expect(consent.innerText()).resolves.toContain('撤回不会改变');
		await screenshot(page, 'personal-data');
		await consent.getByRole('button', { name: '撤回授权' }).click();
		await page.getByText('已撤回授权，立即生效').waitFor();
		await expect(consent.innerText()).resolves.toContain('未授权');
	});
});
