// Catalog realism in Chromium: a bundle guide says where its time saving comes from, computed from the item definitions,
// and the 中考加分 application offers the categories the reports list, each with what its department asks.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { useAppInBrowser, signIn, visit } from './browser';

const env = useAppInBrowser();
const item = (id: string) =>
	JSON.parse(readFileSync(`definitions/items/${id}.json`, 'utf8')) as { name: string; promisedLimitDays: number; legalLimitDays: number };

describe('where a bundle saves time', () => {
	it('the 民办学校 guide breaks the saving down per school type: shorter promises, parallel review, the licence passed on', { timeout: 60_000 }, async () => {
		const context = await env.browser.newContext({ locale: 'zh-CN' });
		const page = await context.newPage();
		await visit(page, `${env.url}/bundles/minban-xuexiao`);
		const section = page.locator('section.time-savings');
		await expect(section.getByRole('heading', { name: '时间从哪里省下来' }).count()).resolves.toBe(1);
		// 非营利性: 民非登记 needs the 办学许可证, so separately it waits for 设立 to be issued
		const [sheli, minfei] = [item('minban-xuexiao-sheli'), item('minfei-dengji')];
		const heading = section.getByRole('heading', { name: `正式设立并办理法人登记 · 非营利性民办学校：${sheli.name}、${minfei.name}` });
		await expect(heading.count()).resolves.toBe(1);
		const text = await section.innerText();
		const legal = sheli.legalLimitDays + minfei.legalLimitDays;
		const promised = sheli.promisedLimitDays + minfei.promisedLimitDays;
		const bundle = Math.max(sheli.promisedLimitDays, minfei.promisedLimitDays);
		expect(text).toContain(`法定时限合计 ${legal} 个工作日、承诺时限合计 ${promised} 个工作日；一件事并联办理承诺 ${bundle} 个工作日`);
		expect(text).toContain(`承诺时限压缩：${legal - promised} 个工作日`);
		expect(text).toContain(`共享审批结果：${promised - bundle} 个工作日`);
		expect(text).toContain('免予提交');
		// 筹设 alone is no bundle of items: no breakdown for it
		expect(text).not.toContain('先申请筹设');
		await context.close();
	});

	it('the 中考加分 guide shows every category, and choosing 港澳台籍考生 asks for the permit, not the overseas passport', { timeout: 90_000 }, async () => {
		const context = await env.browser.newContext({ locale: 'zh-CN' });
		const guide = await context.newPage();
		await visit(guide, `${env.url}/bundles/zhongkao-jiafen`);
		const text = await guide.locator('section.time-savings').innerText();
		for (const words of ['归侨学生 / 归侨子女：', '港澳台籍考生：', '并联审批：']) expect(text).toContain(words);
		await context.close();

		const page = await signIn(env.browser, env.url, 'zhangsan');
		await visit(page, `${env.url}/apply/bundle/zhongkao-jiafen`);
		await page.getByLabel('港澳台籍考生', { exact: true }).check();
		// the form shows once every situation is answered
		await page.getByLabel('应届毕业生').check();
		await page.getByLabel('本人是考生的父母或其他法定监护人').check();
		await page.getByLabel('来往内地（大陆）通行证号码').waitFor();
		await expect(page.getByLabel('华侨监护人护照号码').count()).resolves.toBe(0);
		await expect(page.locator('#m-gangaotai-jiafen__permit').count()).resolves.toBe(1);
		await page.getByLabel('归侨学生', { exact: true }).check();
		await page.getByLabel('归侨身份证明编号').waitFor();
		await expect(page.locator('#m-gangaotai-jiafen__permit').count()).resolves.toBe(0);
		await expect(page.locator('#m-guiqiao-jiafen__foreignStudyRecord').count()).resolves.toBe(1);
		await page.context().close();
	});
});
