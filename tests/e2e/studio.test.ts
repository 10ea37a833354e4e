// The studio in Chromium at 1280×800, as a new administrator: build an item from scratch, publish, a citizen applies.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppInBrowser, reviewAndSubmit, screenshot, signIn, visit } from './browser';

const env = useAppInBrowser();

const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
/** Types into a studio input and commits it (the editors record a change on blur). */
async function put(page: Page, label: string | RegExp, value: string, scope = page.locator('body')) {
	const input = scope.getByLabel(label, { exact: typeof label === 'string' }).first();
	await input.fill(value);
	await input.press('Tab');
}

async function addField(page: Page, type: string, title: string, more?: () => Promise<unknown>) {
	await page
		.locator('.palette')
		.getByRole('button', { name: `＋ ${type}`, exact: true })
		.click();
	const props = page.locator('.properties');
	await put(page, '标签', title, props);
	await more?.();
}

describe('studio', () => {
	it('builds 普通话水平测试等级证书补发 from scratch; a citizen applies and the case reaches the inbox', { timeout: 240_000 }, async () => {
		const admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/studio`);
		await screenshot(admin, 'studio-catalog');
		await put(admin, '事项标识（英文小写、连字符）', 'putonghua-buzheng');
		await put(admin, '事项名称', '普通话水平测试等级证书补发');
		await admin.getByLabel('实施主体').selectOption({ label: '泉州市教育局' });
		await admin.getByRole('button', { name: '创建并编辑' }).click();
		await admin.waitForURL(/\/studio\/items\/putonghua-buzheng/);

		// standard elements
		await put(admin, '基本编码', '000105099000');
		await put(admin, '实施编码', '11350500003579420T400010509900001');
		await admin.getByLabel('事项类型').selectOption({ label: '公共服务' });
		await put(admin, '法律法规名称 1', '《普通话水平测试管理规定》');
		await put(admin, '条款 1', '第十八条');
		await put(admin, '条文内容 1', '普通话水平测试等级证书遗失的，可向原发证机关申请补发。');
		await put(admin, '条件 1', '已取得普通话水平测试等级证书，证书遗失或损毁');
		await screenshot(admin, 'studio-elements');
		await tab(admin, '时限与结果');
		await put(admin, '法定办结时限（工作日，可半天）', '20');
		await put(admin, '承诺办结时限（工作日，可半天）', '5');
		await put(admin, '咨询电话', '0595-22178620');
		await put(admin, '结果名称', '普通话水平测试等级证书');
		await admin.getByLabel('生成电子证照').check();
		await admin.getByLabel('证照类型').selectOption({ label: '普通话水平测试等级证书' });
		// 中介服务 come from the dictionary (intermediary-services.json); a 补发 needs none
		await expect(admin.getByLabel('开办资金验资').isChecked()).resolves.toBe(false);

		// three situations
		await tab(admin, '办事情形');
		const situations = [
			['补发原因？', '遗失', '损毁'],
			['由谁办理？', '本人办理', '委托他人'],
			['如何领取证书？', '邮寄送达', '窗口领取']
		];
		for (const [i, [q, a, b]] of situations.entries()) {
			await admin.getByRole('button', { name: '＋ 添加情形' }).click();
			await put(admin, '问题', q, admin.locator('fieldset.situation').nth(i));
			await put(admin, `情形 ${i + 1} 选项 1`, a);
			await put(admin, `情形 ${i + 1} 选项 2`, b);
		}
		await screenshot(admin, 'studio-situations');

		// eight fields, one repeatable group, two conditions
		await tab(admin, '申请表单');
		const props = admin.locator('.properties');
		await addField(admin, '单行文本', '姓名', async () => {
			await props.getByLabel('必填').check();
			await props.getByLabel('语义键（用于合并与预填）').selectOption('applicant.name');
		});
		await addField(admin, '身份证号', '身份证号码', async () => {
			await props.getByLabel('必填').check();
			await props.getByLabel('语义键（用于合并与预填）').selectOption('applicant.idNumber');
		});
		await addField(admin, '电话', '联系电话', () => props.getByLabel('语义键（用于合并与预填）').selectOption('contact.phone'));
		await addField(admin, '整数', '测试年份', async () => {
			await put(admin, '最小值', '1994', props);
			await put(admin, '最大值', '2026', props);
		});
		await addField(admin, '单行文本', '原证书编号', () => put(admin, '帮助文字', '见原证书或成绩查询结果', props));
		await addField(admin, '地址', '邮寄地址', async () => {
			const cond = props.locator('fieldset.condition', { hasText: '显示条件' });
			await cond.getByLabel('适用').selectOption('all');
			await cond.getByLabel('条件 1 的对象').selectOption({ label: '如何领取证书？' });
			await cond.getByLabel('条件 1 的值').selectOption({ label: '邮寄送达' });
		});
		await addField(admin, '单行文本', '受托人姓名', async () => {
			const cond = props.locator('fieldset.condition', { hasText: '显示条件' });
			await cond.getByLabel('适用').selectOption('all');
			await cond.getByLabel('条件 1 的对象').selectOption({ label: '由谁办理？' });
			await cond.getByLabel('条件 1 的值').selectOption({ label: '委托他人' });
		});
		await addField(admin, '重复组', '历次测试记录', async () => {
			await put(admin, '组内字段 1 标签', '测试日期', props);
			await props.getByLabel('组内字段 1 类型').selectOption('date');
			await props.getByRole('button', { name: '＋ 添加组内字段' }).click();
			await put(admin, '组内字段 2 标签', '测试等级', props);
		});
		await expect(admin.locator('.canvas li:not(.dropzone)').count()).resolves.toBe(8);
		// keyboard reorder: move the phone field up one
		await admin.locator('.canvas .pick', { hasText: '联系电话' }).focus();
		await admin.keyboard.press('Alt+ArrowUp');
		await expect(admin.locator('.canvas .pick').nth(1).innerText()).resolves.toContain('联系电话');
		// undo brings it back, redo moves it again
		await admin.getByRole('button', { name: '撤销' }).click();
		await expect(admin.locator('.canvas .pick').nth(1).innerText()).resolves.toContain('身份证号码');
		await admin.getByRole('button', { name: '重做' }).click();
		await expect(admin.locator('.canvas .pick').nth(1).innerText()).resolves.toContain('联系电话');
		// the preview is the runtime renderer: the conditional field follows the answer
		const preview = admin.locator('.preview');
		await expect(preview.getByLabel('邮寄地址').count()).resolves.toBe(0);
		await preview.getByLabel('如何领取证书？').selectOption({ label: '邮寄送达' });
		await expect(preview.getByLabel('邮寄地址').count()).resolves.toBe(1);
		await preview.getByLabel('身份证号码').fill('123');
		await preview.getByRole('button', { name: '校验预览' }).click();
		await expect(preview.innerText()).resolves.toContain('身份证号码不正确');
		await screenshot(admin, 'studio-form-builder');
		// a second page starts at the test year
		await admin.locator('.canvas .pick', { hasText: '测试年份' }).click();
		await admin.getByRole('button', { name: '＋ 分节标题' }).click();
		await put(admin, '分节标题', '测试信息');
		await admin.getByLabel('另起一页').check();

		// four materials, four sources
		await tab(admin, '申请材料');
		await admin.getByRole('button', { name: '＋ 电子证照材料' }).click();
		await put(admin, '材料名称', '居民身份证', admin.locator('fieldset.material-edit').nth(0));
		await admin.getByLabel('材料 1 证照类型').selectOption({ label: '居民身份证' });
		await admin.getByRole('button', { name: '＋ 申请人上传材料' }).click();
		await put(admin, '材料名称', '损毁证书原件照片', admin.locator('fieldset.material-edit').nth(1));
		await admin.locator('#m-req-1').selectOption('when');
		const when = admin.locator('fieldset.material-edit').nth(1).locator('fieldset.condition');
		await when.getByLabel('条件 1 的对象').selectOption({ label: '补发原因？' });
		await when.getByLabel('条件 1 的值').selectOption({ label: '损毁' });
		await admin.getByRole('button', { name: '＋ 告知承诺材料' }).click();
		await put(admin, '材料名称', '证书遗失声明', admin.locator('fieldset.material-edit').nth(2));
		await admin.getByRole('button', { name: '＋ 部门共享材料' }).click();
		await put(admin, '材料名称', '普通话测试成绩记录', admin.locator('fieldset.material-edit').nth(3));
		await admin.getByLabel('材料 4 共享部门').selectOption({ label: '泉州市教育局' });
		await screenshot(admin, 'studio-materials');

		await tab(admin, 'JSON');
		await admin.locator('.monaco .view-lines').waitFor();
		await screenshot(admin, 'studio-json');
		await tab(admin, '预览');
		await screenshot(admin, 'studio-preview');
		await tab(admin, '校验与发布');
		await expect(admin.getByRole('status').filter({ hasText: '校验通过' }).count()).resolves.toBe(1);
		await admin.getByLabel('变更说明').fill('新建事项');
		await admin.getByRole('button', { name: '发布新版本' }).click();
		await admin.getByRole('status').filter({ hasText: '已发布 v1' }).waitFor();
		await screenshot(admin, 'studio-publish');

		// the guide shows what was entered, at once
		const guide = await (await admin.request.get(`${env.url}/items/putonghua-buzheng`)).text();
		expect(guide).toContain('普通话水平测试等级证书遗失的，可向原发证机关申请补发。');
		expect(guide).not.toContain('中介服务');

		// a citizen applies through the portal
		const citizen = await signIn(env.browser, env.url, 'zhangsan');
		await visit(citizen, `${env.url}/apply/item/putonghua-buzheng`);
		await citizen.getByLabel('遗失').check();
		await citizen.getByLabel('本人办理').check();
		await citizen.getByLabel('邮寄送达').check();
		// two pages: the second one's fields wait behind 下一页
		await citizen.getByText('第 1 / 2 页').waitFor();
		await expect(citizen.getByLabel('测试年份').isVisible()).resolves.toBe(false);
		await citizen.getByRole('button', { name: '下一页' }).click();
		await citizen.getByText('第 2 / 2 页：测试信息').waitFor();
		await citizen.getByLabel('邮寄地址').fill('福建省泉州市丰泽区东海街道通港西街 88 号');
		await citizen.getByLabel('测试年份').fill('2015');
		await citizen.locator('fieldset.group').getByLabel('测试日期').fill('2015-06-20');
		await expect(citizen.locator('#m-licence_ID_CARD').innerText()).resolves.toContain('勾选上方授权后即可免提交');
		await citizen.getByLabel('本人授权本次申请调取本人的电子证照（调取将被记录）').check();
		await citizen.locator('#m-licence_ID_CARD').getByText('已从电子证照库获取').waitFor();
		await citizen.locator('#m-material3').getByLabel('本人已阅读并签署上述告知承诺').check();
		await reviewAndSubmit(citizen);
		await citizen.waitForURL(/\/cases\/[^/]+\?submitted=1/);
		const receipt = await citizen.locator('.receipt-number').innerText();

		const desk = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
		await expect(desk.locator('table.inbox').innerText()).resolves.toContain(receipt);
	});
});

describe('studio JSON editor', () => {
	it('a definition broken in the JSON editor shows a marker at the path and is refused at publish', { timeout: 120_000 }, async () => {
		const admin = await signIn(env.browser, env.url, 'admin');
		const original = await (await admin.request.get(`${env.url}/studio/export/item/shaoshu-minzu-jiafen`)).json();
		await visit(admin, `${env.url}/studio/items/shaoshu-minzu-jiafen`);
		await tab(admin, 'JSON');
		const editor = admin.locator('.monaco');
		await editor.locator('.view-lines').waitFor();
		await editor.locator('.view-lines').click();
		await admin.keyboard.press('Control+A');
		await admin.keyboard.insertText(JSON.stringify({ ...original, legalLimitDays: '十个工作日' }, null, 2));
		// the model's JSON Schema marks the exact value; our checks list it with its path
		await editor.locator('.squiggly-error').first().waitFor();
		await admin
			.getByRole('tab', { name: /^时限与结果/ })
			.locator('.dot')
			.waitFor();
		await tab(admin, '校验与发布');
		// named by the element, in plain words (the JSON path stays in the JSON tab's marker)
		await expect(admin.locator('.issues').innerText()).resolves.toContain('法定办结时限：应为数字');
		await admin.getByLabel('变更说明').fill('改时限');
		await admin.getByRole('button', { name: '发布新版本' }).click();
		const alert = admin.getByRole('alert').filter({ hasText: '发布被拒绝' });
		await alert.waitFor();
		await expect(alert.innerText()).resolves.toContain('法定办结时限：应为数字');
		await screenshot(admin, 'studio-json-refused');
		// the published version is unchanged; the work in progress is kept as the draft
		const after = await (await admin.request.get(`${env.url}/api/items/shaoshu-minzu-jiafen`)).json();
		expect(after.definition.legalLimitDays).toBe(10);
		expect(after.draft.definition.legalLimitDays).toBe('十个工作日');
	});
});

describe('studio bundle composer', () => {
	it('sets the 办结规则 and a 前置事项, the guide says them, the draft keeps them; a refusal shows at the checkbox', { timeout: 120_000 }, async () => {
		const admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/studio/bundles/tuixiu`);
		const [lead, medical] = ['企业职工正常退休核准及基本养老金核定', '退休人员医疗保险待遇核定'];
		await admin.getByRole('radio', { name: '全部获准才办结' }).check();
		const rules = admin.locator('.outcome-rules');
		await expect(rules.innerText()).resolves.toContain('各事项须全部获准才办结出证');
		// 医保 waits for the 退休核准; the reverse would close a loop and is not offered
		const members = admin.locator('fieldset.member');
		await members.nth(1).getByRole('checkbox', { name: lead }).check();
		await expect(members.nth(0).getByRole('checkbox', { name: medical }).isDisabled()).resolves.toBe(true);
		await expect(rules.innerText()).resolves.toContain(`「${medical}」以「${lead}」获准为前提`);
		await screenshot(admin, 'studio-bundle-prerequisites');
		await admin.getByRole('button', { name: '保存草稿' }).click();
		await admin.getByRole('status').filter({ hasText: '草稿已保存' }).waitFor();
		const saved = await (await admin.request.get(`${env.url}/api/bundles/tuixiu`)).json();
		expect(saved.draft.definition.outcomeRule).toBe('all');
		expect(saved.draft.definition.members[1].requires).toEqual(['tuixiu-shenpi']);
		// a refusal from the server (zod-style path) is shown next to the checkbox it is about, until the next edit
		await admin.route('**/api/bundles/tuixiu', (route) =>
			route.request().method() === 'PUT'
				? route.fulfill({
						status: 422,
						json: { message: '一件事定义有 1 处错误', errors: [{ path: 'members.1.requires.0', message: '前置事项已被停用' }] }
					})
				: route.continue()
		);
		await admin.getByRole('button', { name: '保存草稿' }).click();
		const box = members.nth(1).getByRole('checkbox', { name: lead });
		await members.nth(1).locator('.requires .error').filter({ hasText: '前置事项已被停用' }).waitFor();
		await expect(box.getAttribute('aria-invalid')).resolves.toBe('true');
		await admin.unroute('**/api/bundles/tuixiu');
		await box.uncheck();
		await expect(members.nth(1).locator('.requires .error').count()).resolves.toBe(0);
		await expect(rules.innerText()).resolves.not.toContain('获准为前提');
	});
});

describe("studio: work is never lost, errors in the administrator's words", () => {
	it("an edit survives leaving without a save click; a second editor's save is a choice between both versions", { timeout: 90_000 }, async () => {
		const admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/studio/items/huaqiao-zinv-jiafen`);
		await put(admin, '事项名称（主项）', '华侨子女中考加分（已改名）');
		await expect(admin.locator('.save-state').innerText()).resolves.toMatch(/未保存|保存中/);
		// straight back to the catalog, before the autosave's pause is over
		await admin.getByRole('link', { name: '← 事项目录' }).click();
		await admin.waitForURL(/\/studio(\?.*)?$/);
		await visit(admin, `${env.url}/studio/items/huaqiao-zinv-jiafen`);
		await expect(admin.getByLabel('事项名称（主项）', { exact: true }).inputValue()).resolves.toBe('华侨子女中考加分（已改名）');
		await expect(admin.locator('.save-state').innerText()).resolves.toBe('已保存');
		await tab(admin, '校验与发布');
		await expect(admin.getByText(/状态：已修改未发布（草稿由系统管理员保存于 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}）/).count()).resolves.toBe(1);
		await expect(admin.locator('.versions').innerText()).resolves.toMatch(/v1 · \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}（北京时间） · 目录导入/);

		// another administrator saves first; this page's next save is refused and both versions are shown
		const other = await signIn(env.browser, env.url, 'admin');
		await visit(other, `${env.url}/studio/items/huaqiao-zinv-jiafen`);
		await put(other, '事项名称（主项）', '华侨子女中考加分（他人修改）');
		await other.locator('.save-state').filter({ hasText: '已保存' }).waitFor();
		await tab(admin, '基本信息');
		await put(admin, '事项名称（主项）', '华侨子女中考加分（我的修改）');
		const conflict = admin.getByRole('alertdialog', { name: /已先保存了修改/ });
		await conflict.waitFor();
		const row = await conflict.locator('tr', { hasText: '事项名称' }).innerText();
		expect(row).toContain('华侨子女中考加分（他人修改）');
		expect(row).toContain('华侨子女中考加分（我的修改）');
		await screenshot(admin, 'studio-save-conflict');
		await conflict.getByRole('button', { name: '保留我的版本' }).click();
		await admin.locator('.save-state').filter({ hasText: '已保存' }).waitFor();
		const saved = await (await admin.request.get(`${env.url}/api/items/huaqiao-zinv-jiafen`)).json();
		expect(saved.draft.definition.name).toBe('华侨子女中考加分（我的修改）');
	});

	it('deleting a situation a field depends on asks, naming the field; the errors name labels and the badge opens them', { timeout: 90_000 }, async () => {
		const admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/studio/items/jiaoshi-zige-rending`);
		await expect(admin.getByRole('button', { name: /^0 个错误/ }).count()).resolves.toBe(1);
		await tab(admin, '办事情形');
		const situation = admin.locator('fieldset.situation').first();
		await expect(situation.getByLabel('问题').inputValue()).resolves.toBe('申请人目前的身份？');
		await situation.getByRole('button', { name: '删除情形' }).click();
		const dialog = admin.getByRole('dialog', { name: /删除办事情形「申请人目前的身份？」/ });
		await dialog.waitFor();
		await expect(dialog.innerText()).resolves.toContain('字段「工作单位」的显示条件');
		await screenshot(admin, 'studio-delete-asks');
		await dialog.getByRole('button', { name: '取消' }).click();
		await expect(admin.locator('fieldset.situation').count()).resolves.toBe(1);
		await situation.getByRole('button', { name: '删除情形' }).click();
		await dialog.getByRole('button', { name: '仍然删除' }).click();
		await expect(admin.locator('fieldset.situation').count()).resolves.toBe(0);
		// the conditions that read it are now errors, named by the field; the badge opens the list
		await admin.getByRole('button', { name: /^[1-9]\d* 个错误/ }).click();
		const issue = admin.locator('.issues button', { hasText: '字段「工作单位」的显示条件：条件引用了不存在的办事情形「status」' });
		await issue.waitFor();
		await expect(admin.getByRole('tab', { name: /^校验与发布/ }).getAttribute('aria-selected')).resolves.toBe('true');
		await expect(admin.locator('.issues').innerText()).resolves.not.toMatch(/form\.fields|visibleWhen/);
		// and takes the administrator to the field
		await issue.click();
		await expect(admin.getByRole('tab', { name: /^申请表单/ }).getAttribute('aria-selected')).resolves.toBe('true');
		await expect(admin.locator('.properties').getByLabel('标签').first().inputValue()).resolves.toBe('工作单位');
	});

	it('a bad 事项标识 is explained at the input, by the browser check and by the address alike', { timeout: 60_000 }, async () => {
		const admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/studio`);
		const pattern = (await admin.getByLabel('事项标识（英文小写、连字符）').getAttribute('pattern'))!;
		// Chromium compiles the pattern with the v flag: it must compile, or the check is silently off
		await expect(admin.evaluate((p) => !!new RegExp(p, 'v'), pattern)).resolves.toBe(true);
		await admin.getByLabel('事项标识（英文小写、连字符）').fill('Bad ID 中文');
		await admin.getByLabel('事项名称').fill('测试事项');
		await admin.getByRole('button', { name: '创建并编辑' }).click();
		const message = admin.locator('#new-id-error');
		await message.waitFor();
		await expect(message.innerText()).resolves.toContain('含有不允许的字符');
		expect(new URL(admin.url()).pathname).toBe('/studio');
		await expect(admin.getByLabel('事项标识（英文小写、连字符）').getAttribute('aria-invalid')).resolves.toBe('true');
		// typed into the address: back at the form with the same message, not an error page
		const r = await admin.goto(`${env.url}/studio/items/${encodeURIComponent('Bad ID')}?new=1`);
		expect(r?.status()).toBe(200);
		await expect(admin.locator('#new-id-error').innerText()).resolves.toContain('「Bad ID」含有不允许的字符');
	});
});
