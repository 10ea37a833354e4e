// 办件查询 without JavaScript at 375 px, and the front desk filing for a citizen in Chromium (帮办代办: choose the citizen,
// record a written authorisation with its scan, fill the same apply page, upload a scanned paper material); the citizen
// then finds the case in 我的办件 with the officer and the authorisation on its timeline.
import { describe, expect, it } from 'vitest';
import { Client } from '../unit/helpers/server';
import { submitTuixiu, TUIXIU } from '../unit/helpers/catalog-data';
import { useAppInBrowser, PDF, reviewAndSubmit, screenshot, signIn, visit } from './browser';

const env = useAppInBrowser();

describe('办件查询 and 窗口收件 in the browser', () => {
	it('looks a case up without JavaScript, and answers a wrong pair with one message that keeps the 收件编号', { timeout: 120_000 }, async () => {
		const lisi = new Client(env.url);
		await lisi.login('lisi');
		const id = await submitTuixiu(env.url, lisi);
		const receipt = (await lisi.get(`/api/cases/${id}`)).body.case.receiptNumber as string;

		const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 }, locale: 'zh-CN' });
		const page = await context.newPage();
		await page.goto(env.url);
		await page.locator('main').getByRole('link', { name: '办件查询' }).click();
		await page.waitForURL(/\/track$/);
		await page.getByRole('textbox', { name: '收件编号' }).fill(receipt);
		await page.getByLabel('身份证号码或手机号码').fill('350502198506122344'); // zhangsan's, not on this case
		await page.getByRole('button', { name: '查询' }).click();
		await page.waitForLoadState();
		await expect(page.locator('.error-summary').innerText()).resolves.toContain('未查到与该收件编号和证件号码（或手机号码）相符的办件');
		await expect(page.title()).resolves.toMatch(/^错误：/);
		await expect(page.getByRole('textbox', { name: '收件编号' }).inputValue()).resolves.toBe(receipt);
		await expect(page.getByLabel('身份证号码或手机号码').inputValue()).resolves.toBe('');
		await screenshot(page, 'track-refused-375');

		await page.getByLabel('身份证号码或手机号码').fill(TUIXIU.data.contact_phone);
		await page.getByRole('button', { name: '查询' }).click();
		await page.waitForLoadState();
		const result = page.locator('.track-result');
		await expect(result.getByRole('heading', { name: '退休一件事' }).count()).resolves.toBe(1);
		await expect(result.locator('.status').innerText()).resolves.toBe('办理中');
		await expect(result.locator('.timeline').innerText()).resolves.toContain('提交申请');
		await expect(result.innerText()).resolves.toContain('承诺办结日期');
		const text = await page.locator('main').innerText();
		for (const secret of ['李四', TUIXIU.data.applicant_idNumber, TUIXIU.data.contact_phone]) expect(text).not.toContain(secret);
		await expect(page.title()).resolves.not.toMatch(/^错误/);
		await screenshot(page, 'track-found-375');
		await context.close();
	});

	it('the front desk files for a citizen with a written authorisation; the case is hers and names the officer', { timeout: 180_000 }, async () => {
		const desk = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
		await visit(desk, `${env.url}/workbench`);
		await desk.getByRole('link', { name: '窗口收件 · 帮办代办' }).click();
		await desk.waitForURL(/\/workbench\/intake$/);
		await desk.getByLabel('身份证号码或手机号码').fill(TUIXIU.data.applicant_idNumber);
		await desk.getByRole('button', { name: '查找' }).click();
		await desk.getByRole('link', { name: '选择 李四' }).click();
		await desk.waitForURL(/citizen=u-lisi/);
		// a written authorisation without its scan or a note is refused, naming what is missing
		await desk.getByLabel('书面委托（授权委托书）').check();
		await desk.getByLabel('办理事项').selectOption({ label: '教师资格证书补发（泉州市教育局）' });
		await desk.getByRole('button', { name: '开始代为填报' }).click();
		await expect(desk.locator('.error-summary').innerText()).resolves.toContain('书面委托须上传签字的授权委托书');
		// what was chosen is still chosen
		await expect(desk.getByLabel('书面委托（授权委托书）').isChecked()).resolves.toBe(true);
		await expect(desk.getByLabel('办理事项').inputValue()).resolves.toBe('item:jiaoshi-zige-buban');
		await desk.getByLabel(/^授权委托书扫描件/).setInputFiles({ ...PDF, name: 'weituoshu.pdf' });
		await desk.getByLabel(/^授权说明/).fill('受托人：李小四（儿子）');
		await screenshot(desk, 'intake-authorisation');
		await desk.getByRole('button', { name: '开始代为填报' }).click();

		// the same apply page, for 李四, with the banner
		await desk.waitForURL(/\/apply\/item\/jiaoshi-zige-buban/);
		await desk.waitForSelector('html[data-hydrated]', { state: 'attached' });
		const banner = desk.locator('.on-behalf');
		await expect(banner.innerText()).resolves.toContain('代为申请：李四');
		await expect(banner.innerText()).resolves.toContain('已上传授权委托书 weituoshu.pdf');
		await desk.getByLabel('遗失').check();
		// prefilled from the citizen's profile, not the officer's
		await expect(desk.getByLabel('申请人姓名').inputValue()).resolves.toBe('李四');
		await desk.getByLabel('原证书编号').fill('20133500000012345');
		// the paper ID card, scanned and uploaded
		const idCard = desk.locator('.material', { hasText: '居民身份证' });
		await idCard.getByLabel('上传文件').check();
		await idCard.locator('input[type=file]').setInputFiles({ ...PDF, name: 'shenfenzheng-saomiao.pdf' });
		await idCard.locator('.files').getByText('shenfenzheng-saomiao.pdf').waitFor();
		await desk.getByLabel(/已阅读并签署上述告知承诺/).check();
		await expect(desk.getByRole('button', { name: '保存草稿' }).count()).resolves.toBe(0);
		await screenshot(desk, 'apply-on-behalf');
		await reviewAndSubmit(desk);
		await desk.waitForURL(/\/workbench\/cases\/[^/?]+\?filed=1/);
		await expect(desk.getByRole('status').filter({ hasText: '已代申请人提交' }).count()).resolves.toBe(1);
		const caseId = new URL(desk.url()).pathname.split('/').at(-1)!;
		const timeline = await desk.locator('.timeline').innerText();
		for (const words of ['窗口收件', '行政服务中心综合受理窗口（代办人）', '书面委托（授权委托书）（受托人：李小四（儿子））'])
			expect(timeline).toContain(words);
		// the filing ended with the submission: the apply page is closed to the officer again
		const again = await desk.goto(`${env.url}/apply/item/jiaoshi-zige-buban`);
		expect(again?.status()).toBe(403);

		const citizen = await signIn(env.browser, env.url, 'lisi');
		await visit(citizen, `${env.url}/cases`);
		await citizen.locator(`a[href="/cases/${caseId}"]`).first().click();
		await citizen.waitForURL(new RegExp(`/cases/${caseId}`));
		await expect(citizen.locator('.timeline').innerText()).resolves.toContain('行政服务中心综合受理窗口（代办人）');
		await expect(citizen.locator('.timeline').getByRole('link', { name: '授权委托书' }).count()).resolves.toBe(1);
		await screenshot(citizen, 'case-filed-on-behalf');
	});
});
