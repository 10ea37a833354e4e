// The bundle composer on a phone (375×740): 送达方式 and 出件时限, the member picker grouped and searchable; the bundle guide and
// the apply page name each department once, every shared material once, and count the form right (issue 15 item 7).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signIn, useAppInBrowser, visit } from './browser';

const env = useAppInBrowser();
const PHONE = { width: 375, height: 740 };

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const departments: { id: string; name: string }[] = json('definitions/dictionaries/departments.json');
const deptName = (id: string) => departments.find((d) => d.id === id)!.name;
const item = (id: string) => json(`definitions/items/${id}.json`);
const fieldCount = (id: string) => Object.keys(item(id).form.schema.properties).length;
const school = json('definitions/bundles/minban-xuexiao.json');
const schoolMembers: string[] = school.members.map((m: { item: string }) => m.item);

const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);
const occurrences = (text: string, word: string) => text.split(word).length - 1;

describe('the bundle composer at 375 px', () => {
	it(
		'searches and groups the catalog, adds a member, sets 送达方式 and 出件时限; the guide says them and names each department once',
		{ timeout: 180_000 },
		async () => {
			const admin = await signIn(env.browser, env.url, 'admin', PHONE);
			await visit(admin, `${env.url}/studio/bundles/minban-xuexiao`);
			expect(await pageWidth(admin)).toBeLessThanOrEqual(375);

			// the picker: every item not yet a member, under its department's heading, departments in dictionary order
			const picker = admin.locator('.member-picker');
			const status = picker.getByRole('status');
			const search = admin.getByLabel('添加事项（搜索目录）');
			await search.fill('退休');
			// the city's three and the province's two implementations
			const retirement = ['tuixiu-shenpi', 'yibao-tuixiu', 'gjj-tiqu-tuixiu', 'fujian-tuixiu-shenpi', 'fujian-shengzhi-gjj-tiqu-tuixiu'];
			const retirementDepartments = new Set(retirement.map((r) => item(r).department)).size;
			await expect(status.innerText()).resolves.toBe(`找到 ${retirement.length} 个事项，分属 ${retirementDepartments} 个部门`);
			const inDictionaryOrder = departments.map((d) => d.id).filter((id) => retirement.some((r) => item(r).department === id));
			const headings = await picker.locator('.candidate-group h3').allInnerTexts();
			expect(headings.map((h) => h.replace(/\s*\d+ 项$/, ''))).toEqual(inDictionaryOrder.map(deptName));
			// by department name, and by id
			const minzong = item('shaoshu-minzu-jiafen').department;
			await search.fill(deptName(minzong));
			await picker.getByRole('heading', { name: deptName(minzong) }).waitFor();
			await expect(picker.getByRole('button', { name: `＋ ${item('shaoshu-minzu-jiafen').name}` }).count()).resolves.toBe(1);
			await search.fill('没有这个事项');
			await expect(status.innerText()).resolves.toBe('没有找到与「没有这个事项」匹配的事项：请换个名称、标识或部门再试');
			await expect(picker.locator('.candidate-group').count()).resolves.toBe(0);
			// without a query, every item of the catalog that is not a member is there to add
			await search.fill('');
			const catalogSize = readdirSync('definitions/items').filter((f) => f.endsWith('.json')).length;
			await expect(picker.getByRole('button', { name: /^＋ / }).count()).resolves.toBe(catalogSize - schoolMembers.length);
			await screenshot(admin, 'composer-phone-picker');

			// adding a member works on the phone, and the page still fits the screen
			await search.fill('shaoshu-minzu');
			await picker.getByRole('button', { name: `＋ ${item('shaoshu-minzu-jiafen').name}` }).click();
			const member = admin.getByRole('group', { name: `${item('shaoshu-minzu-jiafen').name} ${deptName(minzong)}`, exact: true });
			await member.waitFor();
			await expect(admin.locator('fieldset.member').count()).resolves.toBe(schoolMembers.length + 1);
			expect(await pageWidth(admin)).toBeLessThanOrEqual(375);
			await member.getByRole('button', { name: '移除' }).click();
			await expect(admin.locator('fieldset.member').count()).resolves.toBe(schoolMembers.length);

			// 送达方式: at least one, the error shown at the checkboxes
			const delivery = admin.getByRole('group', { name: '送达方式（统一出件）' });
			await expect(delivery.getByRole('checkbox', { name: '窗口领取' }).isChecked()).resolves.toBe(true);
			await delivery.getByRole('checkbox', { name: '窗口领取' }).uncheck();
			await delivery.getByRole('checkbox', { name: '邮寄' }).uncheck();
			await delivery.locator('.error').filter({ hasText: '至少选择一种送达方式' }).waitFor();
			await delivery.getByRole('checkbox', { name: '电子证照（网上送达）' }).check();
			await delivery.getByRole('checkbox', { name: '邮寄' }).check();
			await expect(delivery.locator('.error').count()).resolves.toBe(0);
			const budget = admin.getByLabel('出件时限（工作日）');
			await budget.fill('2');
			await budget.press('Tab');
			expect(await pageWidth(admin)).toBeLessThanOrEqual(375);
			await screenshot(admin, 'composer-phone-delivery');

			// 改革成效 count the form as the guide does, and name the reviewing departments once
			const figures = await admin.locator('.figures').innerText();
			const separately = schoolMembers.reduce((n, id) => n + fieldCount(id), 0);
			const once = Number(/填写 (\d+) 项（分别办理需 (\d+) 项）/.exec(figures)?.[1]);
			expect(figures).toContain(`填写 ${once} 项（分别办理需 ${separately} 项）`);
			expect(occurrences(await admin.locator('.figures .reviewers').innerText(), deptName('qz-edu'))).toBe(1);
			// the 内部共享 rows: each shared material once
			const shared = await admin.locator('tr.shared').allInnerTexts();
			expect(shared.length).toBe(new Set(shared.map((r) => r.split(/\s/)[0])).size);

			await admin.getByLabel('变更说明').fill('统一出件：邮寄或网上送达，2 个工作日');
			await admin.getByRole('button', { name: '发布新版本' }).click();
			await admin.getByRole('status').filter({ hasText: '已发布 v2' }).waitFor();
			const saved = await (await admin.request.get(`${env.url}/api/bundles/minban-xuexiao`)).json();
			const latest = saved.versions?.at(-1)?.definition ?? saved.definition;
			expect(latest.issuance.delivery).toEqual(['post', 'online']);
			expect(latest.issuance.budgetDays).toBe(2);

			// the citizen's guide, on a phone as well
			const citizen = await (await env.browser.newContext({ viewport: PHONE, locale: 'zh-CN' })).newPage();
			await visit(citizen, `${env.url}/bundles/minban-xuexiao`);
			await expect(citizen.locator('.step-issue').innerText()).resolves.toBe(`${deptName('qz-zwfw')}统一出件（邮寄、网上送达），2 个工作日内出件`);
			const review = await citizen.locator('.step-review').innerText();
			// 筹设 and 设立 are both 教育局's: named once; every department of a member named
			for (const id of new Set(schoolMembers.map((m) => item(m).department))) expect(occurrences(review, deptName(id)), deptName(id)).toBe(1);
			await expect(citizen.locator('.step-apply').innerText()).resolves.toContain(`分别办理共需填写 ${separately} 项，一次填写 ${once} 项`);
			expect(once).toBeLessThan(separately);
			// 营业执照 goes to four members and the 办学许可证 to three: each said once, with the members that get it
			const sharedText = await citizen.locator('.shared-in-bundle').innerText();
			expect(occurrences(sharedText, '民办学校办学许可证（')).toBe(1);
			expect(sharedText).toContain(
				`民办学校办学许可证（由${item('minban-xuexiao-sheli').name}产生，用于${['minfei-dengji', 'yingli-xuexiao-dengji', 'shiye-danwei-dengji'].map((id) => item(id).name).join('、')}）`
			);
			expect(occurrences(sharedText, `由${item('yingli-xuexiao-dengji').name}产生`)).toBe(1);
			await screenshot(citizen, 'bundle-guide-phone');
		}
	);

	it(
		'the apply page names each reviewing department once, parallel branches included, and counts the fields as the sum of the members’',
		{ timeout: 120_000 },
		async () => {
			// two 教育局 items and one of 民政局's, all applied for together
			const pair = ['minban-xuexiao-choushe', 'minban-xuexiao-sheli', 'minfei-dengji'];
			const admin = await signIn(env.browser, env.url, 'admin');
			// 民政局 asks 公安局 for its opinion side by side (a parallel review inside the item's own workflow)
			const civil = item('minfei-dengji');
			const branch = (key: string, label: string, department: string) => ({
				initial: 'check',
				meta: { label, department },
				states: {
					check: {
						meta: { label: `${label}审查`, role: 'reviewer', phase: 'review' },
						on: { PASS: { target: 'done', guard: { type: 'onBranch', params: { branch: key } } } }
					},
					done: { type: 'final', meta: { label: '已出具意见' } }
				}
			});
			civil.workflow.states.review = {
				type: 'parallel',
				meta: { label: '并联审查', phase: 'review' },
				states: { own: branch('own', '民政局', 'qz-minzheng'), police: branch('police', '公安局', 'qz-gongan') },
				on: { WITHDRAW: 'withdrawn' },
				onDone: 'decision'
			};
			delete civil.workflow.states.reviewCorrecting;
			const putItem = await admin.request.put(`${env.url}/api/items/minfei-dengji`, { data: civil });
			expect(putItem.status(), await putItem.text()).toBeLessThan(300);
			const itemPublished = await admin.request.post(`${env.url}/api/items/minfei-dengji/publish`, { data: { note: '征求公安局意见' } });
			expect(itemPublished.status(), await itemPublished.text()).toBeLessThan(300);
			const bundle = {
				...school,
				id: 'jiaoyu-minzheng',
				name: '办学筹设设立登记一件事',
				situations: [],
				members: pair.map((id) => ({ item: id })),
				fieldMappings: [],
				materialMappings: []
			};
			const put = await admin.request.put(`${env.url}/api/bundles/jiaoyu-minzheng`, { data: bundle });
			expect(put.status(), await put.text()).toBeLessThan(300);
			const published = await admin.request.post(`${env.url}/api/bundles/jiaoyu-minzheng/publish`, { data: { note: '测试' } });
			expect(published.status(), await published.text()).toBeLessThan(300);

			const lisi = await signIn(env.browser, env.url, 'lisi', PHONE);
			const answers = { 'minban-xuexiao-sheli.prepared': 'no', 'minban-xuexiao-sheli.services': 'none' };
			const query = Object.entries(answers)
				.map(([k, v]) => `${encodeURIComponent(`a:${k}`)}=${v}`)
				.join('&');
			await visit(lisi, `${env.url}/apply/bundle/jiaoyu-minzheng?${query}`);
			const summary = await lisi.locator('.service-summary').innerText();
			// each department once, 公安局 (a branch inside 民政局's own review) named as well
			expect(summary).toContain(`${deptName('qz-edu')}、${deptName('qz-minzheng')}、${deptName('qz-gongan')} 并联办理`);
			expect(occurrences(summary, deptName('qz-edu'))).toBe(1);
			const composed = await (
				await lisi.request.post(`${env.url}/api/compose`, {
					data: { service: { kind: 'bundle', id: 'jiaoyu-minzheng' }, answers: { ...answers, 'minban-xuexiao-sheli.services': ['none'] } }
				})
			).json();
			const once = Object.keys(composed.form.schema.properties).length;
			const separately = pair.reduce((n, id) => n + fieldCount(id), 0);
			await expect(lisi.locator('.fields-merged').innerText()).resolves.toBe(`3 个事项分别办理共需填写 ${separately} 项，一次表单只需填写 ${once} 项。`);
			const after = await lisi.locator('.card.submit p').first().innerText();
			expect(occurrences(after, deptName('qz-edu'))).toBe(1);
			expect(await pageWidth(lisi)).toBeLessThanOrEqual(375);
		}
	);
});
