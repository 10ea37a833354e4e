// A bundle member whose 前置事项 is denied ends with its reason on both case pages; deadlines past the loaded calendar read 暂定.
import { describe, expect, it } from 'vitest';
import { Client } from '../unit/helpers/server';
import { submitSchool } from '../unit/helpers/catalog-data';
import { screenshot, signIn, useAppInBrowser, visit } from './browser';

const env = useAppInBrowser();
const SHELI = 'minban-xuexiao-sheli';

describe('bundle prerequisites on the case pages', () => {
	it('a denied 办学许可 ends the 民非登记 with its reason; a deadline in a year without a calendar is marked 暂定', { timeout: 180_000 }, async () => {
		// apply late in December, so ten working days reach into the next year (no calendar loaded for it)
		const clock = new Client(env.url);
		await clock.login('admin'); // only an administrator moves the test clock
		const now = Date.parse((await clock.post('/api/test/clock', { advanceHours: 0 })).body.now);
		const lateDecember = Date.parse('2026-12-24T01:00:00Z');
		if (now < lateDecember) expect((await clock.post('/api/test/clock', { advanceHours: Math.ceil((lateDecember - now) / 3600e3) })).status).toBe(200);

		const lisi = new Client(env.url);
		await lisi.login('lisi');
		const answers = { stage: 'establish', nature: 'nonprofit', [`${SHELI}.prepared`]: 'no', [`${SHELI}.services`]: ['canteen'] };
		const teachers = [{ name: '王芳', idNumber: '350503199001011236', certificate: '20193500142001234' }];
		const id = await submitSchool(env.url, lisi, answers, { [`${SHELI}__teachers`]: teachers, 'minfei-dengji__registeredCapital': 300 });
		const act = async (user: string, body: Record<string, unknown>) => {
			const c = new Client(env.url);
			await c.login(user);
			const version = (await c.get(`/api/cases/${id}`)).body.case.version;
			const r = await c.post(`/api/cases/${id}/events`, { ...body, version });
			expect(r.status, JSON.stringify(r.body)).toBe(200);
		};
		await act('qz-zwfw-frontdesk', { type: 'ACCEPT' });

		const citizen = await signIn(env.browser, env.url, 'lisi');
		await visit(citizen, `${env.url}/cases/${id}`);
		const mark = citizen.locator('.elements .provisional').first();
		await expect(mark.innerText()).resolves.toBe('（暂定）');
		await expect(mark.getAttribute('title')).resolves.toContain('待国务院办公厅公布当年安排后自动重算');
		await expect(citizen.locator('table.branches .provisional').count()).resolves.toBeGreaterThan(0);
		const reviewer = await signIn(env.browser, env.url, 'qz-edu-reviewer');
		await visit(reviewer, `${env.url}/workbench/cases/${id}`);
		await expect(reviewer.locator('.elements:not(.answers)').innerText()).resolves.toContain('（暂定）');

		await act('qz-edu-reviewer', { type: 'DENY', branch: SHELI, reason: '办学场地消防验收未通过' });
		for (const page of [citizen, reviewer]) {
			await page.reload();
			await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
			const text = await page.locator('.elements:not(.answers)').innerText();
			expect(text).toContain('未办理事项');
			expect(text).toMatch(/「民办非企业单位成立登记」前置事项「[^」]+」未获准予，本事项不再办理/);
		}
		await screenshot(citizen, 'case-prerequisite-denied');
	});
});
