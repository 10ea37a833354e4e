// 开卷式审批 and 中介服务 in Chromium (issue 19 items 3 and 4): the guide publishes each step's review standards and the
// intermediary services; a reviewer who passes without ticking a required standard is told which one; once every one is
// ticked, the 鼓励类 item goes straight to 审批决定 (its 领导签批 step skipped); the citizen's timeline shows the ticks; the
// department records an intermediary service, whose time the case page says is not counted.
import { describe, expect, it } from 'vitest';
import { Client } from '../unit/helpers/server';
import { provideMaterials } from '../unit/helpers/catalog-data';
import type { Page } from 'playwright-core';
import { screenshot, signIn, useAppInBrowser, visit } from './browser';

const env = useAppInBrowser();
const ITEM = 'shiye-danwei-dengji';
const STANDARDS = [
	'宗旨和业务范围符合国家法律、法规和政策，以社会公益为目的',
	'有自己的名称、组织机构和固定场所，名称符合命名规定且未与已登记单位重名',
	'有与业务活动相适应的从业人员和经费来源，开办资金与验资报告一致',
	'有审批机关批准设立的文件（机构编制批复）'
];

const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();

async function submitShiye(citizen: Client): Promise<string> {
	const svc = (await citizen.post('/api/compose', { service: { kind: 'item', id: ITEM }, answers: {} })).body;
	const r = await citizen.post('/api/cases', {
		service: { kind: 'item', id: ITEM },
		answers: {},
		data: {
			org_sponsorType: '个人',
			org_legalRepresentative: '陈明',
			applicant_name: '李四',
			applicant_idNumber: '350521197001014561',
			contact_phone: '13805959876',
			school_name: '泉州市丰泽区明德青少年活动中心',
			school_address: '泉州市丰泽区东海街道明德路 8 号',
			school_principal: '陈明',
			fundingSource: '财政补助'
		},
		materials: await provideMaterials(env.url, citizen, svc.materials),
		consents: { licenceFetch: true }
	});
	expect(r.status, JSON.stringify(r.body)).toBe(201);
	return r.body.id;
}

describe('review standards and intermediary services in the browser', () => {
	it('the guide publishes the standards by step and the intermediary services; no 领导签批 for a 鼓励类 item', { timeout: 60_000 }, async () => {
		const page = await signIn(env.browser, env.url, 'lisi');
		await visit(page, `${env.url}/items/${ITEM}`);
		const text = await page.locator('main').innerText();
		expect(text).toContain('审查标准（开卷式审批，按环节公开）');
		const standards = await page.locator('ul.standards li').allInnerTexts();
		expect(standards.map((s) => s.split('（依据')[0].trim())).toEqual(STANDARDS);
		expect(standards[0]).toContain('（依据：《事业单位登记管理暂行条例》第六条第（一）项）');
		expect(text).toContain('开办资金验资 · 服务机构：会计师事务所（网上中介超市选取） · 服务时限：5 个工作日');
		expect(text).toContain('所用时间不计入承诺办结时限');
		// the basic information names the service, never its dictionary id
		expect(text).not.toContain('capital-verification');
		expect(text).toContain('本事项为鼓励类：不报领导签批');
		expect(text).not.toContain('领导签批（');
		await screenshot(page, 'guide-review-standards');

		// the bundle's one guide publishes its members' standards and intermediary services too
		await visit(page, `${env.url}/bundles/minban-xuexiao`);
		const bundle = await page.locator('main').innerText();
		expect(bundle).toContain('事业单位法人设立登记 · 部门审查');
		expect(bundle).toContain(STANDARDS[3]);
		expect(bundle).toContain('校舍房屋安全鉴定 · 服务机构：具有房屋安全鉴定资质的鉴定机构');
		expect(bundle).toContain('开办资金验资');
	});

	it('the reviewer must tick every required standard; the case then skips 领导签批; the citizen sees the ticks', { timeout: 120_000 }, async () => {
		const lisi = new Client(env.url);
		await lisi.login('lisi');
		const id = await submitShiye(lisi);
		const desk = new Client(env.url);
		await desk.login('qz-zwfw-frontdesk');
		expect((await desk.post(`/api/cases/${id}/events`, { type: 'ACCEPT', version: 0 })).status).toBe(200);

		const reviewer = await signIn(env.browser, env.url, 'qz-bianban-reviewer');
		await visit(reviewer, `${env.url}/workbench/cases/${id}`);
		const pass = reviewer.locator('form.action', { has: reviewer.getByRole('button', { name: '审查通过' }) });
		await expect(pass.locator('fieldset.standards').innerText()).resolves.toContain(STANDARDS[0]);
		// three ticked, one not: refused, naming the one left
		for (const s of STANDARDS.slice(0, 3)) await pass.getByLabel(`符合：${s}`).check();
		await pass.getByRole('button', { name: '审查通过' }).click();
		const alert = reviewer.locator('.error-summary');
		await alert.waitFor();
		await expect(alert.innerText()).resolves.toContain(`未勾选符合必备审查标准「${STANDARDS[3]}」`);
		await expect(alert.innerText()).resolves.not.toContain(STANDARDS[0]);

		const again = reviewer.locator('form.action', { has: reviewer.getByRole('button', { name: '审查通过' }) });
		for (const s of STANDARDS) await again.getByLabel(`符合：${s}`).check();
		await again.getByLabel(`${STANDARDS[2]} 备注`).fill('验资报告已核');
		await again.getByRole('button', { name: '审查通过' }).click();
		await reviewer.getByRole('status').filter({ hasText: '已办理' }).waitFor();
		await screenshot(reviewer, 'workbench-standards-passed');

		const view = (await lisi.get(`/api/cases/${id}`)).body;
		expect(view.case.state.machine.value).toBe('decision');
		expect(view.progress.steps.map((s: { label: string }) => s.label)).toEqual(['审批决定']);

		const citizen = await signIn(env.browser, env.url, 'lisi');
		await visit(citizen, `${env.url}/cases/${id}`);
		const timeline = await citizen.locator('.timeline').innerText();
		expect(timeline).toContain('审查标准：');
		expect(timeline).toContain(`✔ ${STANDARDS[2]}（符合）（验资报告已核）`);
		expect(timeline).not.toContain('领导签批');
	});

	it('the department records an intermediary service; its time is shown as not counted', { timeout: 120_000 }, async () => {
		const lisi = new Client(env.url);
		await lisi.login('lisi');
		const id = await submitShiye(lisi);
		const reviewer = await signIn(env.browser, env.url, 'qz-bianban-reviewer');
		await visit(reviewer, `${env.url}/workbench/cases/${id}`);
		const panel = reviewer.locator('section', { has: reviewer.locator('#intermediary-title') });
		await expect(panel.innerText()).resolves.toContain('开办资金验资');
		await expect(panel.innerText()).resolves.toContain('未开始');
		await panel.getByLabel('开办资金验资 说明').fill('已选定会计师事务所');
		await panel.getByRole('button', { name: '登记开始：开办资金验资' }).click();
		await reviewer.getByRole('status').filter({ hasText: '已登记中介服务开始' }).waitFor();
		await expect(panel.innerText()).resolves.toContain('进行中');
		await expect(panel.getByRole('button', { name: '登记完成：开办资金验资' }).isVisible()).resolves.toBe(true);
		const api = (await lisi.get(`/api/cases/${id}/intermediary`)).body;
		expect(api.intermediaryServices[0]).toMatchObject({ id: 'capital-verification', run: { note: '已选定会计师事务所' } });
		expect(api.intermediaryServices[0].run.finishedAt).toBeUndefined();
		// the clock stands still while it runs
		expect((await lisi.get(`/api/cases/${id}`)).body.clock.case.paused).toBe(true);
	});

	it('the studio edits a step’s standards and says a 鼓励类 item skips its 领导签批 step', { timeout: 120_000 }, async () => {
		const admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/studio/items/${ITEM}`);
		await tab(admin, '办理流程');
		await admin.locator('.svelte-flow__node', { hasText: '领导签批' }).first().click();
		await admin.getByRole('heading', { name: /环节：领导签批/ }).waitFor();
		await expect(admin.getByLabel('领导签批环节').isChecked()).resolves.toBe(true);
		await expect(admin.getByRole('status').filter({ hasText: '办件时跳过本环节' }).count()).resolves.toBe(1);

		await admin.locator('.svelte-flow__node', { hasText: '部门审查' }).first().click();
		await admin.getByRole('heading', { name: /环节：部门审查/ }).waitFor();
		await expect(admin.getByLabel('审查标准 1', { exact: true }).inputValue()).resolves.toBe(STANDARDS[0]);
		await admin.getByRole('button', { name: '＋ 添加审查标准' }).click();
		const added = admin.getByLabel('审查标准 5', { exact: true });
		await added.fill('申请材料真实、有效，与原件一致');
		await added.press('Tab');
		await admin.getByLabel('审查标准 5 的依据').fill('《事业单位登记管理暂行条例实施细则》第二十四条');
		await admin.getByLabel('审查标准 5 的依据').press('Tab');
		await tab(admin, '校验与发布');
		await admin.getByRole('button', { name: '保存草稿' }).click();
		await admin.getByRole('status').filter({ hasText: '草稿已保存' }).waitFor();
		const saved = await (await admin.request.get(`${env.url}/studio/export/item/${ITEM}`)).json();
		expect(saved.workflow.states.review.meta.standards.at(-1)).toEqual({
			id: 'standard5',
			standard: '申请材料真实、有效，与原件一致',
			basis: '《事业单位登记管理暂行条例实施细则》第二十四条'
		});
	});
});
