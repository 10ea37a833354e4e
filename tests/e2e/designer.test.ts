// Studio part 2 in Chromium: a 1+2 joint-review workflow with an inspection step, simulated to the end;
// a new bundle composed from three items with one field conflict resolved, published, applied for, in three inboxes.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Client } from '../unit/helpers/server';
import { provideMaterials, TUIXIU } from '../unit/helpers/catalog-data';
import { useAppInBrowser, screenshot, signIn, visit } from './browser';

const env = useAppInBrowser();
const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
async function put(page: Page, label: string, value: string) {
	const input = page.getByLabel(label, { exact: true }).first();
	await input.fill(value);
	await input.press('Tab');
}

describe('workflow designer and bundle composer', () => {
	it('builds a 1+2 joint review with an inspection step from a template and simulates it to the end', { timeout: 180_000 }, async () => {
		const admin = await signIn(env.browser, env.url, 'admin');
		admin.on('dialog', (d) => d.accept());
		await visit(admin, `${env.url}/studio/items/minfei-dengji`);
		await tab(admin, '办理流程');
		await admin.getByRole('radio', { name: '1+N 会商会审' }).check();
		await admin.locator('.joint-depts').getByLabel('泉州市市场监督管理局').check();
		await admin.locator('.joint-depts').getByLabel('中共泉州市委机构编制委员会办公室').check();
		await admin.getByRole('button', { name: '应用模板' }).click();
		await admin.locator('.svelte-flow__node', { hasText: '1+N 会商会审' }).first().waitFor();

		// an inspection step after the joint review: when every department has finished, go inspect
		await admin.getByLabel('状态标识').fill('inspection');
		await admin.getByLabel('环节名称', { exact: true }).last().fill('现场踏勘');
		await admin.getByLabel('角色', { exact: true }).selectOption('inspector');
		await admin.getByRole('button', { name: '添加环节' }).click();
		await admin.getByRole('heading', { name: /环节：现场踏勘/ }).waitFor();
		await admin.getByLabel('停表（补正、踏勘、专家评审）').check();
		await admin.getByLabel('停表原因').selectOption('inspection');
		await admin.getByLabel('打勾式踏勘（使用事项的踏勘标准）').check();
		// the checklist is edited on the inspection step itself
		await admin.getByRole('button', { name: '＋ 添加踏勘标准' }).click();
		await put(admin, '标准 1', '办公场所与登记住所一致');
		await admin.getByRole('button', { name: '＋ 添加踏勘标准' }).click();
		await put(admin, '标准 2', '有与业务活动相适应的从业人员');
		await admin.getByLabel('添加操作').selectOption('INSPECT');
		await admin.getByLabel('提交踏勘记录 的去向').first().selectOption({ label: '审批决定' });
		await admin.getByLabel('提交踏勘记录 的条件').first().selectOption({ label: '踏勘全部合格' });
		await admin.getByLabel('添加操作').selectOption('INSPECT');
		await admin.getByLabel('提交踏勘记录 的去向').nth(1).selectOption({ label: '不予许可' });
		await admin.locator('.container-label', { hasText: '1+N 会商会审' }).click();
		await admin.getByRole('heading', { name: /环节：1\+N 会商会审/ }).waitFor();
		await admin.getByLabel('各部门均办结后 的去向', { exact: true }).selectOption({ label: '现场踏勘' });
		await admin.getByRole('status').filter({ hasText: '流程检查通过' }).waitFor();
		await screenshot(admin, 'studio-workflow-designer');

		// simulate as each role, to the end
		await admin.getByRole('button', { name: '开始模拟' }).click();
		const sim = admin.locator('.sim-actions');
		await sim.getByRole('button', { name: '以综合受理窗口身份：受理' }).click();
		for (const region of ['牵头部门', '泉州市市场监督管理局', '中共泉州市委机构编制委员会办公室'])
			await sim.getByRole('button', { name: `以审查人员身份：审查通过（${region}）` }).click();
		await sim.getByRole('button', { name: '以现场踏勘人员身份：提交踏勘记录', exact: true }).click();
		await sim.getByRole('button', { name: '以审批决定人员身份：准予' }).click();
		await sim.getByRole('button', { name: '以出件窗口身份：出件办结' }).click();
		await admin.getByText('已结束').waitFor();
		await expect(admin.locator('.sim-log li').count()).resolves.toBe(7);
		await admin.getByRole('button', { name: '遍历所有路径' }).click();
		// 4 working days at most against a promise of 10: the promise can be cut
		await expect(admin.locator('.verdict').innerText()).resolves.toContain('不到承诺时限 10 个工作日的一半');
		await expect(admin.locator('.loops').innerText()).resolves.toContain('补正');
		await screenshot(admin, 'studio-workflow-simulation');

		await tab(admin, '校验与发布');
		await admin.getByLabel('变更说明').fill('改为 1+2 会商会审并增加现场踏勘');
		await admin.getByRole('button', { name: '发布新版本' }).click();
		await admin.getByRole('status').filter({ hasText: '已发布 v2' }).waitFor();
		// a further change published from the same page is not refused as stale
		await tab(admin, '时限与结果');
		await put(admin, '咨询电话', '0595-22500000');
		await tab(admin, '校验与发布');
		await admin.getByLabel('变更说明').fill('更新咨询电话');
		await admin.getByRole('button', { name: '发布新版本' }).click();
		await admin.getByRole('status').filter({ hasText: '已发布 v3' }).waitFor();

		// a guard's parameters are chosen, not typed as JSON: inspect only schools with more than 1000 万元 of funds
		await tab(admin, '办理流程');
		await admin.locator('.container-label', { hasText: '1+N 会商会审' }).click();
		await admin.getByLabel('各部门均办结后 的条件', { exact: true }).selectOption({ label: '字段数值大于阈值' });
		await admin.getByLabel('各部门均办结后 的条件：字段').selectOption({ label: '开办资金（万元）' });
		await admin.getByLabel('各部门均办结后 的条件：阈值').fill('1000');
		await admin.getByLabel('各部门均办结后 的条件：阈值').press('Tab');
		await admin.getByRole('button', { name: '＋ 添加完成后去向' }).click();
		await admin.getByLabel('各部门均办结后 的去向').nth(1).selectOption({ label: '审批决定' });
		await admin.getByRole('status').filter({ hasText: '流程检查通过' }).waitFor();
		await tab(admin, '校验与发布');
		await admin.getByRole('button', { name: '保存草稿' }).click();
		await admin.getByRole('status').filter({ hasText: '草稿已保存' }).waitFor();
		const saved = await (await admin.request.get(`${env.url}/studio/export/item/minfei-dengji`)).json();
		// a department joins the joint review from the designer, and leaves again
		await tab(admin, '办理流程');
		await admin.locator('.container-label', { hasText: '1+N 会商会审' }).click();
		await admin.getByLabel('增加并联审查部门').selectOption({ label: '泉州市民政局' });
		await admin.getByRole('button', { name: '加入' }).click();
		await admin.locator('.container-label', { hasText: '泉州市民政局' }).waitFor();
		await admin.getByRole('status').filter({ hasText: '流程检查通过' }).waitFor();
		await admin.locator('li', { hasText: '泉州市民政局' }).getByRole('button', { name: '移出' }).click();
		await admin.locator('.container-label', { hasText: '泉州市民政局' }).waitFor({ state: 'detached' });
		expect(saved.workflow.states.jointReview.onDone).toEqual([
			{ target: 'inspection', guard: { type: 'fieldAbove', params: { field: 'registeredCapital', value: 1000 } } },
			'decision'
		]);
	});

	it(
		'composes a new bundle from three items (their three bank accounts stay three fields), publishes; a citizen applies and three inboxes show it',
		{ timeout: 180_000 },
		async () => {
			const admin = await signIn(env.browser, env.url, 'admin');
			await visit(admin, `${env.url}/studio`);
			await admin.getByLabel('一件事标识').fill('tuixiu-daiyu');
			await admin.getByLabel('一件事名称').fill('退休待遇一件事');
			await admin.getByRole('button', { name: '创建一件事' }).click();
			await admin.waitForURL(/\/studio\/bundles\/tuixiu-daiyu/);
			await admin.getByLabel('牵头部门').selectOption({ label: '泉州市人力资源和社会保障局' });
			await admin.getByLabel('添加事项（搜索目录）').fill('退休');
			// the city's items (the province implements two of them too, under its own departments)
			const city = admin.locator('.candidate-group').filter({ has: admin.getByRole('heading', { name: /^泉州市/ }) });
			for (const name of ['企业职工正常退休核准及基本养老金核定', '退休人员医疗保险待遇核定', '离退休提取住房公积金'])
				await city.getByRole('button', { name: `＋ ${name}` }).click();
			const conflicts = admin.locator('section', { has: admin.getByRole('heading', { name: '冲突' }) });
			// the pension, 医保 and 公积金 accounts are different accounts: distinct keys, so nothing merges or conflicts
			await conflicts.getByText('没有冲突').waitFor();
			// the composition shows before the guide is written; the guide is needed to publish
			await put(admin, '一份指南（说明）', '退休核准、医保待遇、公积金提取一次申请，三个部门并联办理。');
			const figures = await admin.locator('.figures').innerText();
			expect(figures).toMatch(/承诺时限\s*并联 5 个工作日（串联 9/);
			// where the days go: promises under the legal limits, 公积金 reviewed beside 医保, the 退休 approval passed on to both
			expect(figures).toMatch(/省时来源\s*承诺时限压缩 31 · 并联审批 1 · 共享审批结果 3 个工作日（比按法定时限依次办理共少\s*35 个工作日，88%）/);
			await screenshot(admin, 'studio-bundle-composer');
			// preview as a citizen: one form, one set of materials, the identity card asked once
			await admin.getByText('按群众视角预览（情形、表单、材料）').click();
			const preview = admin.locator('.citizen-preview');
			await expect(preview.locator('[id="m-licence_ID_CARD"]').count()).resolves.toBe(1);
			await expect(preview.innerText()).resolves.toContain('离退休提取住房公积金');
			await admin.getByLabel('变更说明').fill('新建退休待遇一件事');
			await admin.getByRole('button', { name: '发布新版本' }).click();
			await admin.getByRole('status').filter({ hasText: '已发布 v1' }).waitFor();

			// a citizen applies; the front desk accepts; three departments see it
			const lisi = new Client(env.url);
			await lisi.login('lisi');
			const answers = { 'tuixiu-shenpi.specialJob': 'no', 'yibao-tuixiu.topUp': 'full' };
			const svc = (await lisi.post('/api/compose', { service: { kind: 'bundle', id: 'tuixiu-daiyu' }, answers })).body;
			expect(svc.form.schema.properties.bank_medicalInsuranceAccount.pattern).toBe('^[0-9]{16,19}$');
			expect(svc.form.schema.properties.bank_pensionAccount.pattern).toBe('^[0-9]{12,19}$');
			expect(svc.form.schema.properties).not.toHaveProperty('bank_account');
			const created = await lisi.post('/api/cases', {
				service: { kind: 'bundle', id: 'tuixiu-daiyu' },
				answers,
				data: { ...TUIXIU.data, bank_housingFundAccount: '6222021402005555555', 'gjj-tiqu-tuixiu__bankName': '中国银行' },
				materials: await provideMaterials(env.url, lisi, svc.materials),
				consents: { licenceFetch: true }
			});
			expect(created.status, JSON.stringify(created.body)).toBe(201);
			const desk = new Client(env.url);
			await desk.login('qz-zwfw-frontdesk');
			expect((await desk.post(`/api/cases/${created.body.id}/events`, { type: 'ACCEPT', version: 0 })).status).toBe(200);
			for (const officer of ['qz-rsj-reviewer', 'qz-yibao-reviewer', 'qz-gjj-reviewer']) {
				const page = await signIn(env.browser, env.url, officer);
				await expect(page.locator('table.inbox').innerText(), officer).resolves.toContain(created.body.receiptNumber);
				await page.context().close();
			}
		}
	);
});
