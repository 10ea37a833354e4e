// 办不成事反映 in Chromium: a citizen reports a problem from the case page; it reaches the supervisors of the lead
// department only, who reply; the citizen reads the reply on the page and in 消息中心. A report left unanswered past its 5
// working days is flagged, and the figures count both.
import { describe, expect, it, vi } from 'vitest';
import { Client } from '../unit/helpers/server';
import { submitTuixiu } from '../unit/helpers/catalog-data';
import { screenshot, signIn, useAppInBrowser, visit } from './browser';

vi.setConfig({ hookTimeout: 180_000 });
const env = useAppInBrowser({ readyTimeoutMs: 170_000 });

describe('办不成事反映', () => {
	it('from the case page to the lead department’s supervisors, replied, and the citizen told', { timeout: 150_000 }, async () => {
		const lisi = new Client(env.url);
		await lisi.login('lisi');
		const id = await submitTuixiu(env.url, lisi);

		const citizen = await signIn(env.browser, env.url, 'lisi');
		await visit(citizen, `${env.url}/cases/${id}`);
		// the case page leads to the 反映 form with this case chosen
		await citizen.locator('section.complaint').getByRole('link', { name: '办不成事反映' }).click();
		await citizen.waitForURL(/\/complaints\?case=/);
		await expect(citizen.locator('#c-case').inputValue()).resolves.toBe(id);
		await citizen.getByLabel('反映事项').fill('窗口要求提供已取消的证明');
		await citizen.getByLabel('具体情况').fill('综合窗口要求我再提供一份单位出具的在职证明，说明上写不需要');
		await citizen.getByRole('button', { name: '提交反映' }).click();
		await citizen.waitForURL(/\/complaints\?sent=/);
		await citizen.getByRole('status').filter({ hasText: '已提交' }).waitFor();
		const mine = citizen.locator('article.complaint', { hasText: '窗口要求提供已取消的证明' });
		await expect(mine.innerText()).resolves.toContain('待答复');
		await expect(mine.innerText()).resolves.toContain('答复期限');

		// a report without a case must name a department
		await citizen.getByLabel('反映事项').fill('网上办事指南看不懂');
		await citizen.getByLabel('具体情况').fill('指南里的材料名称和窗口说的不一致');
		await citizen.getByRole('button', { name: '提交反映' }).click();
		await citizen.getByRole('alert').filter({ hasText: '请选择反映的部门' }).waitFor();
		await expect(citizen.getByLabel('具体情况').inputValue()).resolves.toBe('指南里的材料名称和窗口说的不一致');
		await citizen.getByLabel('反映的部门').selectOption({ label: '泉州市教育局' });
		await citizen.getByRole('button', { name: '提交反映' }).click();
		await citizen.locator('article.complaint', { hasText: '网上办事指南看不懂' }).waitFor();
		await screenshot(citizen, 'complaints-citizen');

		// routed: 退休一件事's lead department (人社局) sees the first, the education bureau only the second
		const edu = await signIn(env.browser, env.url, 'qz-edu-supervisor');
		await visit(edu, `${env.url}/workbench/complaints`);
		await expect(edu.locator('article.complaint').count()).resolves.toBe(1);
		await expect(edu.locator('main').innerText()).resolves.toContain('网上办事指南看不懂');

		const rsj = await signIn(env.browser, env.url, 'qz-rsj-supervisor');
		await visit(rsj, `${env.url}/workbench/complaints`);
		const card = rsj.locator('article.complaint', { hasText: '窗口要求提供已取消的证明' });
		await expect(rsj.locator('article.complaint').count()).resolves.toBe(1);
		await expect(card.innerText()).resolves.toContain('李四');
		await card.getByLabel('答复内容').fill('已核实，在职证明不属于必交材料，已要求窗口按指南受理');
		await card.getByRole('button', { name: '答复' }).click();
		await card.getByText('答复：').waitFor();
		await screenshot(rsj, 'complaints-workbench');
		// a citizen cannot reply, and it cannot be answered twice
		const complaintId = await card.getAttribute('id');
		expect((await lisi.post(`/api/complaints/${complaintId}/reply`, { text: '我自己来答复一下' })).status).toBe(403);
		const again = await (async () => {
			const c = new Client(env.url);
			await c.login('qz-rsj-supervisor');
			return c.post(`/api/complaints/${complaintId}/reply`, { text: '再答复一次试试看' });
		})();
		expect(again.status).toBe(409);

		// the citizen reads the reply on the case page, the complaints page and in 消息中心
		await visit(citizen, `${env.url}/cases/${id}`);
		await expect(citizen.locator('section.complaint').innerText()).resolves.toContain('已核实，在职证明不属于必交材料');
		await visit(citizen, `${env.url}/messages`);
		await citizen.getByText('您反映的「窗口要求提供已取消的证明」已答复').waitFor();

		// 5 working days on, the unanswered one is flagged 已超期; the figures count two received, one replied on time
		const admin = new Client(env.url);
		await admin.login('admin');
		expect((await admin.post('/api/test/clock', { advanceHours: 24 * 9 })).status).toBe(200);
		// (the sessions ended with the days passed: sign in again)
		const eduLater = await signIn(env.browser, env.url, 'qz-edu-supervisor');
		await visit(eduLater, `${env.url}/workbench/complaints`);
		await expect(eduLater.locator('article.complaint', { hasText: '网上办事指南看不懂' }).locator('.tag.danger').innerText()).resolves.toBe('已超期');
		await screenshot(eduLater, 'complaints-overdue');
		const rsjLater = await signIn(env.browser, env.url, 'qz-rsj-supervisor');
		await visit(rsjLater, `${env.url}/workbench/complaints`);
		await rsjLater.locator('article.complaint').first().waitFor();
		await expect(rsjLater.locator('article.complaint .tag.danger').count()).resolves.toBe(0);

		const adminPage = await signIn(env.browser, env.url, 'admin');
		await visit(adminPage, `${env.url}/workbench/metrics`);
		await expect(adminPage.locator('[data-figure="complaints"] strong').innerText()).resolves.toBe('2');
		await expect(adminPage.locator('[data-figure="complaintsOnTime"] strong').innerText()).resolves.toBe('50');
	});
});
