// The citizen portal in Chromium: without JavaScript, inline validation, situations, drafts.
import { describe, expect, it } from 'vitest';
import { useAppInBrowser, PDF, reviewAndSubmit, signIn, visit } from './browser';

const env = useAppInBrowser();

describe('citizen portal', () => {
	it('without JavaScript: a refused submission keeps what was typed and uploaded; the corrected one gets a receipt', { timeout: 120_000 }, async () => {
		const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 }, locale: 'zh-CN' });
		const page = await context.newPage();
		await page.goto(`${env.url}/login?next=/apply/item/shaoshu-minzu-jiafen`);
		await page.getByLabel('用户名').fill('wangwu');
		await page.getByLabel('密码').fill('wrong');
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page.getByRole('alert').innerText()).resolves.toBe('用户名或密码错误');
		await expect(page.getByLabel('用户名').inputValue()).resolves.toBe('wangwu');
		await page.getByLabel('密码').fill('demo123');
		await page.getByRole('button', { name: '登录' }).click();
		await page.waitForURL(/\/apply\/item\/shaoshu-minzu-jiafen/);
		// the profile fills only the applicant's own fields: not the guardian's name, not the student's 民族
		await expect(page.getByLabel(/^联系电话/).inputValue()).resolves.toBe('13655951111');
		await expect(page.getByLabel(/^监护人姓名/).inputValue()).resolves.toBe('');
		await expect(page.getByLabel('考生民族').inputValue()).resolves.toBe('');
		await page.getByLabel('考生身份证号码').fill('350503201101011234');
		await page.getByLabel('考生民族').selectOption('回族');
		await page.locator('#m-licence_HOUSEHOLD_REGISTER input[type=file]').setInputFiles(PDF);
		await page.getByRole('button', { name: '下一步：核对申请' }).click();
		await page.waitForLoadState();
		const summary = page.locator('.error-summary');
		await expect(summary.innerText()).resolves.toContain('考生姓名：必填');
		await expect(summary.innerText()).resolves.toContain('身份证号码不正确');
		// nothing lost: the selection, the typed number and the uploaded file are still there
		await expect(page.getByLabel('考生民族').inputValue()).resolves.toBe('回族');
		await expect(page.getByLabel('考生身份证号码').inputValue()).resolves.toBe('350503201101011234');
		await expect(page.locator('#m-licence_HOUSEHOLD_REGISTER .files').innerText()).resolves.toContain('scan.pdf');
		// fetching licences needs the citizen's own tick
		await expect(page.getByLabel('本人授权本次申请调取本人的电子证照（调取将被记录）').isChecked()).resolves.toBe(false);
		await page.getByLabel('考生姓名').fill('王小明');
		await page.getByLabel('考生身份证号码').fill('350503201101011233');
		await page.getByLabel(/^监护人姓名/).fill('王大明');
		await reviewAndSubmit(page);
		await page.waitForURL(/\/cases\/[^/]+\?submitted=1/);
		await expect(page.locator('.receipt-number').innerText()).resolves.toMatch(/^QZ\d{14}$/);
		await context.close();
	});

	it('shows an error when a field is left, updates the form and materials when an answer changes, and keeps a draft', { timeout: 120_000 }, async () => {
		const page = await signIn(env.browser, env.url, 'zhangsan');
		await visit(page, `${env.url}/apply/bundle/zhongkao-jiafen`);
		await page.getByLabel('少数民族考生', { exact: true }).check();
		await page.getByLabel('应届毕业生').check();
		// declaring oneself the guardian fills the guardian's fields from the profile; taking it back empties them
		await page.getByLabel('本人是考生的父母或其他法定监护人').check();
		await expect.poll(() => page.getByLabel(/^监护人姓名/).inputValue()).toBe('张三');
		await page.getByLabel('受考生监护人委托代为申请').check();
		await expect.poll(() => page.getByLabel(/^监护人姓名/).inputValue()).toBe('');
		await page.getByLabel('本人是考生的父母或其他法定监护人').check();
		await expect.poll(() => page.getByLabel(/^监护人姓名/).inputValue()).toBe('张三');
		const id = page.getByLabel('考生身份证号码');
		await id.fill('123');
		await id.blur();
		await expect(page.locator('#f-student_idNumber-error').innerText()).resolves.toContain('身份证号码不正确');
		await expect(page.locator('#m-huaqiao-zinv-jiafen__passport').count()).resolves.toBe(0);
		// an overseas-Chinese child: the overseas affairs office joins, with its fields and materials
		await page.getByLabel('既是华侨子女又是少数民族').check();
		await page.getByLabel('父母一方').waitFor();
		await page.getByLabel('父母一方').check();
		await page.locator('#m-huaqiao-zinv-jiafen__passport').waitFor();
		await expect(page.getByLabel('华侨监护人护照号码').count()).resolves.toBe(1);
		await page.getByLabel('考生姓名').fill('张小红');
		await page.getByRole('status').filter({ hasText: '草稿已保存' }).waitFor({ timeout: 10_000 });
		// closing the browser loses nothing
		await page.context().close();
		const again = await signIn(env.browser, env.url, 'zhangsan');
		await visit(again, `${env.url}/apply/bundle/zhongkao-jiafen`);
		await expect(again.getByLabel('考生姓名').inputValue()).resolves.toBe('张小红');
		await expect(again.getByLabel('既是华侨子女又是少数民族').isChecked()).resolves.toBe(true);
	});

	it('a multiple-choice situation adds the materials of every option ticked, and drops them when unticked', { timeout: 60_000 }, async () => {
		const page = await signIn(env.browser, env.url, 'zhangsan');
		await visit(page, `${env.url}/apply/bundle/minban-xuexiao`);
		await page.getByLabel('正式设立并办理法人登记').check();
		await page.getByLabel('非营利性民办学校').check();
		await page.getByLabel('直接申请正式设立').check();
		await page.getByText('学校提供哪些配套服务？（可多选）').waitFor();
		await page.getByLabel('学生食堂').check();
		await page.getByLabel('学生寄宿').check();
		const materials = page.locator('section[aria-labelledby="step-materials"]');
		await materials.getByText('学生宿舍安全检查合格证明').first().waitFor();
		await expect(materials.innerText()).resolves.toContain('食品经营许可证');
		await page.getByLabel('学生食堂').uncheck();
		await materials.getByText('食品经营许可证').first().waitFor({ state: 'detached' });
		await expect(materials.innerText()).resolves.toContain('学生宿舍安全检查合格证明');
		// the answers survive a reload (they live in the address)
		await page.reload();
		await expect(page.getByLabel('学生寄宿').isChecked()).resolves.toBe(true);
		await expect(page.getByLabel('学生食堂').isChecked()).resolves.toBe(false);
	});

	it('finds a service by pinyin initials and by code', { timeout: 60_000 }, async () => {
		const context = await env.browser.newContext({ locale: 'zh-CN' });
		const page = await context.newPage();
		await visit(page, `${env.url}/?q=txyjs`);
		await expect(page.locator('main').innerText()).resolves.toContain('退休一件事');
		await visit(page, `${env.url}/?q=11350500003579420T400010500200002`);
		const text = await page.locator('main').innerText();
		expect(text).toContain('教师资格认定');
		expect(text).not.toContain('民办学校筹设审批');
		await context.close();
	});
});
