// The reviewers' workbench in Chromium: rejection with a reason, a stale-version conflict, another department refused,
// the inspection checklist, a 容缺 material supplied by the citizen, and 告知承诺核查.
import { describe, expect, it } from 'vitest';
import { Client } from '../unit/helpers/server';
import { closedTeacherCase, submitSchool, submitTuixiu } from '../unit/helpers/catalog-data';
import { useAppInBrowser, PDF, screenshot, signIn, visit } from './browser';

const env = useAppInBrowser();
const newCase = async () => {
	const lisi = new Client(env.url);
	await lisi.login('lisi');
	return submitTuixiu(env.url, lisi);
};
const actionForm = (page: import('playwright-core').Page, name: string) =>
	page.locator('form.action', { has: page.getByRole('heading', { name: new RegExp(`^${name}`) }) });

describe('workbench in the browser', () => {
	it('不予受理 needs a reason, which the citizen then reads', { timeout: 120_000 }, async () => {
		const id = await newCase();
		const desk = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
		await visit(desk, `${env.url}/workbench/cases/${id}`);
		await screenshot(desk, 'workbench-case');
		const reject = actionForm(desk, '不予受理');
		await reject.getByRole('button', { name: '不予受理' }).click();
		// the browser refuses an empty reason; nothing was sent
		await expect(reject.getByLabel('理由').evaluate((el: HTMLTextAreaElement) => el.validity.valueMissing)).resolves.toBe(true);
		await reject.getByLabel('理由').fill('申请人未达到法定退休年龄');
		await reject.getByRole('button', { name: '不予受理' }).click();
		await desk.getByRole('status').filter({ hasText: '已办理' }).waitFor();
		const citizen = await signIn(env.browser, env.url, 'lisi');
		await visit(citizen, `${env.url}/cases/${id}`);
		await expect(citizen.locator('.status').innerText()).resolves.toBe('不予受理');
		await expect(citizen.locator('.timeline').innerText()).resolves.toContain('理由：申请人未达到法定退休年龄');
	});

	it('a second officer acting on a stale page is refused and sees the fresh case; nothing is overwritten', { timeout: 120_000 }, async () => {
		const id = await newCase();
		const a = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
		const b = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk2');
		await visit(a, `${env.url}/workbench/cases/${id}`);
		await visit(b, `${env.url}/workbench/cases/${id}`);
		await actionForm(a, '受理').getByRole('button', { name: '受理' }).click();
		await a.getByRole('status').filter({ hasText: '已办理' }).waitFor();
		const stale = actionForm(b, '不予受理');
		await stale.getByLabel('理由').fill('材料不全');
		await stale.getByRole('button', { name: '不予受理' }).click();
		const alert = b.locator('.error-summary');
		await expect(alert.innerText()).resolves.toContain('已被他人更新');
		// the fresh case: accepted, in the departments' review, and no front-desk buttons left
		await b.locator('.timeline strong', { hasText: /^受理$/ }).waitFor();
		await expect(actionForm(b, '不予受理').count()).resolves.toBe(0);
		const api = new Client(env.url);
		await api.login('lisi');
		const view = await api.get(`/api/cases/${id}`);
		expect(view.body.case.status).toBe('active');
		expect(view.body.case.events.map((e: any) => e.type)).toEqual(['ACCEPT']);
	});

	it('an officer of a department outside the case can neither see nor act on it', { timeout: 120_000 }, async () => {
		const id = await newCase();
		const other = await signIn(env.browser, env.url, 'qz-minzheng-reviewer');
		const res = await visit(other, `${env.url}/workbench/cases/${id}`);
		expect(res?.status()).toBe(403);
		await expect(other.locator('body').innerText()).resolves.toContain('您无权查看该办件');
		await expect(other.locator('form.action').count()).resolves.toBe(0);
		await visit(other, `${env.url}/workbench`);
		await expect(other.locator('table.inbox').innerText()).resolves.not.toContain(id);
		// inside the case but not its step: the pension reviewer has no button before the front desk accepts
		const rsj = await signIn(env.browser, env.url, 'qz-rsj-reviewer');
		await visit(rsj, `${env.url}/workbench/cases/${id}`);
		await expect(rsj.locator('form.action').count()).resolves.toBe(0);
		await expect(rsj.locator('.actions-panel').innerText()).resolves.toContain('当前没有您可以办理的环节');
	});

	it('an inspector records every standard with remarks (打勾式踏勘); the citizen reads the record', { timeout: 120_000 }, async () => {
		const lisi = new Client(env.url);
		await lisi.login('lisi');
		const answers = { stage: 'establish', nature: 'nonprofit', 'minban-xuexiao-sheli.prepared': 'no', 'minban-xuexiao-sheli.services': ['canteen'] };
		const id = await submitSchool(env.url, lisi, answers, {
			'minban-xuexiao-sheli__teachers': [{ name: '王芳', idNumber: '350503199001011236', certificate: '20193500142001234' }],
			'minfei-dengji__registeredCapital': 300
		});
		const api = async (user: string, body: Record<string, unknown>) => {
			const c = new Client(env.url);
			await c.login(user);
			const version = (await c.get(`/api/cases/${id}`)).body.case.version;
			expect((await c.post(`/api/cases/${id}/events`, { ...body, version })).status).toBe(200);
		};
		await api('qz-zwfw-frontdesk', { type: 'ACCEPT' });
		await api('qz-edu-reviewer', { type: 'PASS', branch: 'minban-xuexiao-sheli' });

		const inspector = await signIn(env.browser, env.url, 'qz-edu-inspector');
		await visit(inspector, `${env.url}/workbench/cases/${id}`);
		const form = actionForm(inspector, '提交踏勘记录');
		const standards = await form.locator('tbody tr td:first-child').allInnerTexts();
		expect(standards.length).toBeGreaterThan(3);
		// the browser will not send a record with a standard left unticked
		await form.getByRole('button', { name: '提交踏勘记录' }).click();
		await expect(
			form
				.locator('input[type=radio][value=pass]')
				.first()
				.evaluate((el: HTMLInputElement) => el.validity.valueMissing)
		).resolves.toBe(true);
		for (const radio of await form.locator('input[type=radio][value=pass]').all()) await radio.check();
		await form.getByLabel('设有食堂的，取得食品经营许可 不合格').check();
		await form.getByLabel('设有食堂的，取得食品经营许可 备注').fill('食品经营许可尚在办理');
		await screenshot(inspector, 'workbench-inspection');
		await form.getByRole('button', { name: '提交踏勘记录' }).click();
		await inspector.getByRole('status').filter({ hasText: '已办理' }).waitFor();

		const citizen = await signIn(env.browser, env.url, 'lisi');
		await visit(citizen, `${env.url}/cases/${id}`);
		const timeline = await citizen.locator('.timeline').innerText();
		expect(timeline).toContain('✘ 设有食堂的，取得食品经营许可（食品经营许可尚在办理）');
		expect(timeline).toContain('✔ ');
	});

	it('a citizen supplies a 容缺 material from the case page; the case no longer waits for it', { timeout: 120_000 }, async () => {
		const lisi = new Client(env.url);
		await lisi.login('lisi');
		const prepare = {
			'minban-xuexiao-choushe__funds': 800,
			'minban-xuexiao-choushe__fundSources': [{ source: '举办者出资', amount: 800 }],
			'minban-xuexiao-choushe__plan': '拟于两年内完成校舍建设与师资招聘，首期招收一至三年级学生，按计划逐年扩班。'
		};
		const id = await submitSchool(env.url, lisi, { stage: 'prepare' }, prepare, { 'school-charter': { source: 'deferred' } });
		const desk = new Client(env.url);
		await desk.login('qz-zwfw-frontdesk');
		expect((await desk.post(`/api/cases/${id}/events`, { type: 'ACCEPT', version: 0 })).status).toBe(200);

		const citizen = await signIn(env.browser, env.url, 'lisi');
		await visit(citizen, `${env.url}/cases/${id}`);
		const supply = citizen.locator('section', { has: citizen.getByRole('heading', { name: '容缺材料待补交' }) });
		await expect(supply.innerText()).resolves.toContain('逾期未补交的办件将终止');
		await supply.locator('input[type=file]').setInputFiles(PDF);
		await supply.locator('.files a').waitFor();
		await supply.getByRole('button', { name: '补交' }).click();
		await supply.waitFor({ state: 'detached' });
		await expect(citizen.locator('.timeline').innerText()).resolves.toContain('补交容缺材料');
		const view = (await lisi.get(`/api/cases/${id}`)).body;
		expect(view.case.state.machine.context.pending).toEqual([]);
	});

	it('告知承诺核查 from the 待核查 tab: a false commitment revokes the certificate, which the citizen sees', { timeout: 120_000 }, async () => {
		const as = async (user: string) => {
			const c = new Client(env.url);
			await c.login(user);
			return c;
		};
		const { id } = await closedTeacherCase(env.url, as);
		const reviewer = await signIn(env.browser, env.url, 'qz-edu-reviewer');
		await visit(reviewer, `${env.url}/workbench?tab=verify`);
		await reviewer.locator('table.inbox tr', { hasText: '告知承诺核查：无犯罪记录证明' }).getByRole('link').first().click();
		await reviewer.waitForURL(new RegExp(`/workbench/cases/${id}`));
		const form = reviewer.locator('form[action="?/verify"]');
		await form.getByLabel('承诺不实（撤销审批结果）').check();
		await form.getByLabel('核查情况').fill('公安机关记录显示申请人有犯罪记录');
		await form.getByRole('button', { name: '提交核查结论' }).click();
		await reviewer.getByText('不实，已撤销审批结果').waitFor();
		await screenshot(reviewer, 'workbench-verification');

		const citizen = await signIn(env.browser, env.url, 'lisi');
		await visit(citizen, `${env.url}/cases/${id}`);
		await citizen.getByRole('link', { name: '查看电子证照' }).first().click();
		await expect(citizen.getByRole('alert').innerText()).resolves.toContain('撤销：告知承诺不实：公安机关记录显示申请人有犯罪记录');
	});

	it('签收 and 释放 from the inbox table, one form with a button per row', { timeout: 120_000 }, async () => {
		const id = await newCase();
		const lisi = new Client(env.url);
		await lisi.login('lisi');
		const receipt = (await lisi.get(`/api/cases/${id}`)).body.case.receiptNumber;
		const desk = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
		await visit(desk, `${env.url}/workbench?receipt=${receipt}`);
		const row = desk.locator('table.inbox tr', { hasText: receipt });
		await row.getByRole('button', { name: '签收' }).click();
		await row.getByRole('button', { name: '释放' }).waitFor();
		const api = new Client(env.url);
		await api.login('qz-zwfw-frontdesk');
		const claimed = (await api.get(`/api/tasks?receiptNumber=${receipt}`)).body.tasks[0];
		expect(claimed.claimedBy).toBe('u-qz-zwfw-frontdesk');
		await row.getByRole('button', { name: '释放' }).click();
		await row.getByRole('button', { name: '签收' }).waitFor();
		expect((await api.get(`/api/tasks?receiptNumber=${receipt}`)).body.tasks[0].claimedBy).toBeUndefined();
	});
});
