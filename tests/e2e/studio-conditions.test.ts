// Studio round 2 in Chromium: a field-only condition and a group with a select on an item without 办事情形 (preview and
// citizen form); the 1+N department checklist refusing 1+0; decision words following the item type; the paths' warnings.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppInBrowser, signIn, visit } from './browser';

const env = useAppInBrowser();
const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
async function put(scope: ReturnType<Page['locator']>, label: string, value: string) {
	const input = scope.getByLabel(label, { exact: true }).first();
	await input.fill(value);
	await input.press('Tab');
}
async function addField(page: Page, type: string, title: string) {
	await page
		.locator('.palette')
		.getByRole('button', { name: `＋ ${type}`, exact: true })
		.click();
	await put(page.locator('.properties'), '标签', title);
}

describe('studio conditions and groups', () => {
	it(
		'an item without situations: a field shown when another field equals 是, and a group with a select, in the preview and on the citizen form',
		{ timeout: 120_000 },
		async () => {
			const admin = await signIn(env.browser, env.url, 'admin');
			await visit(admin, `${env.url}/studio/items/gjj-tiqu-tuixiu`);
			await tab(admin, '申请表单');
			const props = admin.locator('.properties');
			await addField(admin, '单选', '委托他人办理');
			await addField(admin, '单行文本', '受托人姓名');
			const cond = props.locator('fieldset.condition', { hasText: '显示条件' });
			await cond.getByLabel('适用').selectOption('all');
			// no 办事情形: the first row reads a field, and stays
			await cond.getByLabel('条件 1 的对象').selectOption({ label: '委托他人办理' });
			await cond.getByLabel('条件 1 的值').selectOption({ label: '是' });
			await expect(admin.locator('.canvas .pick', { hasText: '受托人姓名' }).innerText()).resolves.toContain('有显示条件');

			await addField(admin, '重复组', '家庭成员');
			await props.getByLabel('组内字段 1 类型').selectOption('select');
			await put(props, '组内字段 1 标签', '关系');
			await put(props, '组内字段 1 标识', '1x');
			await props.getByRole('alert').filter({ hasText: '须以英文字母开头' }).waitFor();
			await put(props, '组内字段 1 标识', 'relation');
			await expect(props.getByRole('alert').count()).resolves.toBe(0);
			await props.getByLabel(/^组内字段 1 选项/).fill('本人\n配偶\n子女');
			await props.getByLabel(/^组内字段 1 选项/).press('Tab');

			const preview = admin.locator('.preview');
			await expect(preview.getByLabel('受托人姓名').count()).resolves.toBe(0);
			await preview.locator('fieldset', { hasText: '委托他人办理' }).getByLabel('是').check();
			await preview.getByLabel('受托人姓名').waitFor();
			await preview.locator('fieldset.group', { hasText: '家庭成员' }).getByLabel('关系').selectOption('配偶');

			await tab(admin, '校验与发布');
			await admin.getByLabel('变更说明').fill('增加受托人与家庭成员');
			await admin.getByRole('button', { name: '发布新版本' }).click();
			await admin
				.getByRole('status')
				.filter({ hasText: /已发布 v\d/ })
				.waitFor();
			const saved = await (await admin.request.get(`${env.url}/studio/export/item/gjj-tiqu-tuixiu`)).json();
			expect(saved.form.fields.text1.visibleWhen).toEqual({ field: 'radio1', eq: '是' });
			expect(saved.form.schema.properties.group1.items.properties.relation.enum).toEqual(['本人', '配偶', '子女']);

			const citizen = await signIn(env.browser, env.url, 'zhangsan');
			await visit(citizen, `${env.url}/apply/item/gjj-tiqu-tuixiu`);
			await citizen.locator('fieldset', { hasText: '委托他人办理' }).first().waitFor();
			await expect(citizen.getByLabel('受托人姓名').count()).resolves.toBe(0);
			await citizen.locator('fieldset', { hasText: '委托他人办理' }).getByLabel('是').check();
			await citizen.getByLabel('受托人姓名').waitFor();
			await citizen.locator('fieldset.group', { hasText: '家庭成员' }).getByLabel('关系').selectOption('子女');
		}
	);
});

describe('workflow designer, second round', () => {
	it(
		'1+N departments as a checklist beside the template, 1+0 refused; decisions worded by item type; paths list loops and break the promise',
		{ timeout: 120_000 },
		async () => {
			const admin = await signIn(env.browser, env.url, 'admin');
			admin.on('dialog', (d) => d.accept());
			await visit(admin, `${env.url}/studio/items/shaoshu-minzu-jiafen`);
			await tab(admin, '办理流程');
			const depts = admin.locator('.joint-depts');
			// visible before any template is picked, one box per department
			await depts.getByLabel('泉州市民政局').waitFor();
			await admin.getByRole('radio', { name: '1+N 会商会审' }).check();
			await admin.getByRole('button', { name: '应用模板' }).click();
			await admin.getByRole('alert').filter({ hasText: '1+0' }).waitFor();
			await depts.getByLabel('泉州市民政局').check();
			await depts.getByLabel('泉州市市场监督管理局').check();
			await expect(depts.innerText()).resolves.toContain('1+2');
			await admin.getByRole('button', { name: '应用模板' }).click();
			await admin.locator('.container-label', { hasText: '1+N 会商会审' }).waitFor();

			// 行政确认: 予以确认 / 不予确认
			// the decision node may lie under the minimap at this size: a click event selects it all the same
			const decision = admin.locator('.svelte-flow__node[data-id="decision"]');
			await expect(decision.innerText()).resolves.toContain('确认决定');
			await decision.dispatchEvent('click');
			await admin.getByRole('heading', { name: /环节：确认决定/ }).waitFor();
			await expect(admin.locator('.wf-side .transition strong').allInnerTexts()).resolves.toEqual(['予以确认', '不予确认']);
			// the item becomes a 公共服务: the designer offers its words and renames the standard states
			await tab(admin, '基本信息');
			await admin.getByLabel('事项类型').selectOption({ label: '公共服务' });
			await tab(admin, '办理流程');
			await admin.getByRole('button', { name: '改用公共服务用语（办结 / 不予办理）' }).click();
			await expect(decision.innerText()).resolves.toContain('办理决定');
			await decision.dispatchEvent('click');
			await expect(admin.locator('.wf-side .transition strong').allInnerTexts()).resolves.toEqual(['办结', '不予办理']);

			// every path, the 补正 loop once, and the verdict: 4 days is over the promised 3
			await admin.getByRole('button', { name: '遍历所有路径' }).click();
			await expect(admin.locator('.loops').innerText()).resolves.toContain('综合受理 → 申请人补正 → 综合受理');
			await expect(admin.locator('.verdict').innerText()).resolves.toContain('超过承诺时限 3 个工作日');
			await expect(admin.locator('.paths').innerText()).resolves.toContain('含补正一次');
		}
	);
});
