// 统计分析 and 改革成效 in Chromium: the dashboard counts the cases this test creates (one made overdue by moving the
// clock), its filters change the figures, the CSV export holds what the page shows; /figures needs no sign-in.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Client, moveClock } from '../unit/helpers/server';
import { closedTeacherCase, submitTuixiu } from '../unit/helpers/catalog-data';
import { useAppInBrowser, screenshot, signIn, visit } from './browser';

const env = useAppInBrowser();
const as = async (user: string) => {
	const c = new Client(env.url);
	await c.login(user);
	return c;
};
const figure = (page: Page, key: string) => page.locator(`[data-figure="${key}"] dd strong`).innerText();
const figures = async (page: Page) =>
	Object.fromEntries(await Promise.all(['received', 'completed', 'overdue', 'overdueShare'].map(async (k) => [k, await figure(page, k)])));
/** Applies the filter form (by label) and waits for the new figures. */
async function filter(page: Page, fields: Record<string, string>) {
	for (const [label, value] of Object.entries(fields)) {
		const control = page.locator('form.filters').getByLabel(label);
		if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await control.selectOption(value);
		else await control.fill(value);
	}
	const before = page.url();
	await Promise.all([page.waitForURL((u) => u.href !== before), page.locator('form.filters').getByRole('button', { name: '查看' }).click()]);
}
async function csvOf(page: Page, section: string): Promise<string[][]> {
	const link = page.locator('section', { has: page.getByRole('heading', { name: new RegExp(`^${section}`) }) }).getByRole('link', { name: '导出 CSV' });
	const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
	const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
	return text
		.trim()
		.split('\r\n')
		.map((l) => l.split(','));
}

describe('统计分析 and 改革成效', () => {
	let overdueReceipt = '';
	let laterDay = '';

	it('the dashboard counts the cases created here; filters change the figures; the CSV holds them', { timeout: 240_000 }, async () => {
		// one 退休一件事 (promised 5 working days) left 30 days: overdue; then another one and a closed 教师资格认定
		const first = await submitTuixiu(env.url, await as('lisi'));
		expect((await moveClock(env.url, 24 * 30)).status).toBe(200);
		const lisi = await as('lisi');
		const second = await submitTuixiu(env.url, lisi);
		const { id: teacher } = await closedTeacherCase(env.url, as);
		// the closed case is rated 4 (满意), efficiency 3
		const rated = await lisi.post(`/api/cases/${teacher}/rating`, { grade: 4, aspects: { attitude: 5, efficiency: 3, quality: 4 } });
		expect(rated.status).toBe(201);
		overdueReceipt = (await lisi.get(`/api/cases/${first}`)).body.case.receiptNumber;
		const secondCase = (await lisi.get(`/api/cases/${second}`)).body.case;
		laterDay = new Date(Date.parse(secondCase.createdAt) + 8 * 3600_000).toISOString().slice(0, 10);

		const admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/workbench/metrics`);
		await expect.poll(() => figures(admin)).toEqual({ received: '3', completed: '1', overdue: '1', overdueShare: '33.3' });
		// each figure's definition is its tooltip
		await expect(admin.locator('[data-figure="overdueShare"]').getAttribute('title')).resolves.toBe('超期办件数 ÷ 收件数');
		await expect(admin.locator('#overdue-list').innerText()).resolves.toContain(overdueReceipt);
		expect(await admin.locator('#overdue-list tbody tr').count()).toBe(1);
		// satisfaction: the one rating, its grade and aspects
		await expect(figure(admin, 'rated')).resolves.toBe('1');
		await expect(figure(admin, 'goodShare')).resolves.toBe('100');
		const satisfaction = await csvOf(admin, '满意度');
		expect(satisfaction.slice(1).map((r) => r.join('='))).toEqual([
			'5 分=0',
			'4 分=1',
			'3 分=0',
			'2 分=0',
			'1 分=0',
			'服务态度（平均分）=5',
			'办事效率（平均分）=3',
			'办理质量（平均分）=4'
		]);
		await screenshot(admin, 'workbench-metrics');
		// printed: no filter form or export links; each figure's definition printed under it
		await admin.emulateMedia({ media: 'print' });
		await expect(admin.locator('form.filters').isVisible()).resolves.toBe(false);
		const definitionWidth = async () => (await admin.locator('[data-figure="overdueShare"] .definition').boundingBox())?.width ?? 0;
		expect(await definitionWidth()).toBeGreaterThan(50);
		await admin.emulateMedia({ media: 'screen' });
		// on screen it is the tooltip (and read out by screen readers), not printed under each figure
		expect(await definitionWidth()).toBeLessThanOrEqual(1);

		// one item or bundle: the two 退休一件事 cases, one of them overdue
		await filter(admin, { 事项: 'bundle:tuixiu' });
		await expect.poll(() => figures(admin)).toEqual({ received: '2', completed: '0', overdue: '1', overdueShare: '50' });
		const csv = await csvOf(admin, '指标');
		expect(csv[0]).toEqual(['指标', '数值', '单位', '口径']);
		const row = (label: string) => csv.find((r) => r[0] === label)?.slice(1, 3);
		expect([row('收件'), row('超期'), row('超期率'), row('办结')]).toEqual([
			['2', '件'],
			['1', '件'],
			['50', '%'],
			['0', '件']
		]);
		const overdueCsv = await csvOf(admin, '超期办件');
		expect(overdueCsv.slice(1).map((r) => r[0])).toEqual([overdueReceipt]);

		// the period after the clock moved: the overdue case falls out
		await filter(admin, { 事项: '', 起始日期: laterDay });
		await expect.poll(() => figures(admin)).toEqual({ received: '2', completed: '1', overdue: '0', overdueShare: '0' });
		await expect(admin.locator('#overdue-list').innerText()).resolves.toContain('期内没有超期办件');

		// one department: the education bureau works only on the 教师资格认定 case
		await filter(admin, { 起始日期: '', 部门: 'qz-edu' });
		await expect.poll(() => figures(admin)).toEqual({ received: '1', completed: '1', overdue: '0', overdueShare: '0' });
		const departments = await csvOf(admin, '部门对比');
		expect(departments.find((r) => r[0] === '泉州市教育局')?.slice(1)).toEqual(['1', '1', '0', '0']);
	});

	it('a department head sees their own department only; a citizen is refused', { timeout: 120_000 }, async () => {
		const head = await signIn(env.browser, env.url, 'qz-edu-deptadmin');
		await visit(head, `${env.url}/workbench/metrics?department=qz-zwfw`);
		await expect(figure(head, 'received')).resolves.toBe('1');
		expect(await head.locator('form.filters').getByLabel('部门').count()).toBe(0);
		const citizen = await signIn(env.browser, env.url, 'lisi');
		const r = await citizen.goto(`${env.url}/workbench/metrics`);
		expect(r?.status()).toBe(403);
		// a bad filter names its field
		const bad = await head.goto(`${env.url}/workbench/metrics?from=2026-13-40`);
		expect(bad?.status()).toBe(400);
		await expect(head.locator('body').innerText()).resolves.toContain('起始日期（from）');
	});

	it('/figures shows each published bundle before and after, computed from its definitions, without sign-in', { timeout: 120_000 }, async () => {
		const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
		const page = await context.newPage();
		// reached from the portal's home page
		await visit(page, `${env.url}/`);
		await Promise.all([page.waitForURL(`${env.url}/figures`), page.getByRole('link', { name: '改革成效' }).click()]);
		const res = await page.reload();
		expect(res?.status()).toBe(200);
		expect(page.url()).toBe(`${env.url}/figures`);
		// every member included, as /figures counts it
		const composed = (await new Client(env.url).post('/api/compose', { service: { kind: 'bundle', id: 'tuixiu' }, answers: { withdrawFund: 'yes' } })).body;
		const cells = (await page.locator('tr[data-bundle="tuixiu"] td').allInnerTexts()).map((t) => t.replace(/^.*：/, ''));
		expect(cells).toEqual([
			`3 个事项，${composed.facts.reviewDepartments.length} 个部门`,
			`${composed.facts.materials.separately} → ${composed.facts.materials.once}`,
			`${composed.facts.fields.separately} → ${composed.facts.fields.once}`,
			expect.stringMatching(/^\d+ → \d+$/),
			`${composed.limits.sequentialDays} → ${composed.limits.promisedDays}`
		]);
		expect(composed.facts.materials.separately).toBeGreaterThan(composed.facts.materials.once);
		expect(await page.locator('tr[data-bundle]').count()).toBe(3);
		await screenshot(page, 'public-figures');
		// a phone: no sideways scrolling (the nav's extra link included)
		await page.setViewportSize({ width: 375, height: 800 });
		await screenshot(page, 'public-figures-375');
		await expect(page.locator('tr[data-bundle="tuixiu"] td').nth(1).innerText()).resolves.toMatch(/^材料（份）：\d+ → \d+$/);
		await context.close();
	});
});
