// 电子印章 and 多证合一 in Chromium: the administrator sees each department's seal, uploads a new image (an unsafe one
// is refused with its reason), rotates the seal key; the citizen's licence page and /verify show that seal; the bundle
// composer sets a combined result that the saved draft carries.
import { describe, expect, it, vi } from 'vitest';
import { Client } from '../unit/helpers/server';
import { closedTeacherCase } from '../unit/helpers/catalog-data';
import { screenshot, signIn, useAppInBrowser, visit } from './browser';

vi.setConfig({ hookTimeout: 180_000 });
const env = useAppInBrowser({ readyTimeoutMs: 170_000 });
const as = async (user: string) => {
	const c = new Client(env.url);
	await c.login(user);
	return c;
};
const SVG = Buffer.from(
	'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="45" fill="none" stroke="#d8231b" stroke-width="6"/><text x="50" y="58" text-anchor="middle" fill="#d8231b">章</text></svg>'
);
const uploaded = `data:image/svg+xml;base64,${SVG.toString('base64')}`;

describe('电子印章 in the studio and on licences', () => {
	it('shows each department’s drawn seal; an upload replaces it, an unsafe SVG is refused; rotating sets a new key', { timeout: 120_000 }, async () => {
		const admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/studio`);
		await admin.getByRole('link', { name: /电子印章/ }).click();
		await admin.waitForURL(/\/studio\/seals$/);
		const card = admin.locator('#seal-qz-edu');
		const image = card.getByRole('img');
		await expect(image.getAttribute('alt')).resolves.toBe('泉州市教育局行政审批专用章（按名称生成）');
		// the drawn seal is a real image the browser decodes
		await expect(image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).resolves.toBe(240);
		await expect(card.locator('.keys').innerText()).resolves.toContain('尚未生成');
		await screenshot(admin, 'studio-seals');

		await card
			.getByLabel(/上传印章图片/)
			.setInputFiles({ name: 'bad.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg><script>alert(1)</script></svg>') });
		await expect(card.getByRole('alert').innerText()).resolves.toContain('SVG 印章图片不能包含脚本（<script>）');
		await card.getByLabel(/上传印章图片/).setInputFiles({ name: 'seal.svg', mimeType: 'image/svg+xml', buffer: SVG });
		await card.getByRole('status').filter({ hasText: '印章图片已更换' }).waitFor();
		await expect(image.getAttribute('src')).resolves.toBe(uploaded);
		await expect(image.getAttribute('alt')).resolves.toBe('泉州市教育局行政审批专用章（上传的图片）');

		await card.getByRole('button', { name: '轮换印章密钥' }).click();
		await card.getByRole('status').filter({ hasText: '已轮换印章密钥' }).waitFor();
		const first = await card.locator('.kid').innerText();
		expect(first).toMatch(/^seal:qz-edu:/);
		await card.getByRole('button', { name: '轮换印章密钥' }).click();
		await expect.poll(() => card.locator('.kid').innerText()).not.toBe(first);
		await expect(card.locator('.keys').innerText()).resolves.toContain('已轮换 1 次，旧密钥仍可核验');
	});

	it('the licence page carries the issuing department’s seal, and /verify names it', { timeout: 120_000 }, async () => {
		const { id } = await closedTeacherCase(env.url, as);
		const licenceId = (await (await as('lisi')).get(`/api/cases/${id}`)).body.case.state.results[0].licence.id;
		const citizen = await signIn(env.browser, env.url, 'lisi');
		await visit(citizen, `${env.url}/licences/${licenceId}`);
		const seal = citizen.getByRole('img', { name: '电子印章：泉州市教育局行政审批专用章' });
		await expect(seal.getAttribute('src')).resolves.toBe(uploaded);
		await expect(seal.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(true);
		await screenshot(citizen, 'licence-with-seal');
		await visit(citizen, `${env.url}/verify?id=${licenceId}`);
		await expect(citizen.locator('.verify-seal').innerText()).resolves.toContain('该证照加盖泉州市教育局的电子印章「泉州市教育局行政审批专用章」');
	});

	it('the bundle composer sets 多证合一 on 退休一件事; the saved draft carries it', { timeout: 120_000 }, async () => {
		const admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/studio/bundles/tuixiu`);
		const section = admin.locator('#sec-combined');
		await section.getByLabel('办结时另出一张合并的电子证照，列明各事项的审批结果').check();
		await expect(section.getByLabel('证照类型（编号规则）').inputValue()).resolves.toBe('ONETHING_RESULT');
		await expect(section.locator('#b-combined-note').innerText()).resolves.toContain('各部门均作出决定后出具');
		const name = section.getByLabel('合并证照名称');
		await name.fill('退休一件事办结通知书');
		await name.press('Tab');
		await section.getByLabel('出证部门（加盖其电子印章）').selectOption({ label: '泉州市人力资源和社会保障局' });
		await admin.locator('.save-state').filter({ hasText: '已保存' }).waitFor();
		await screenshot(admin, 'studio-bundle-combined');
		const draft = (await (await as('admin')).get('/api/bundles/tuixiu')).body.draft.definition;
		expect(draft.combinedResult).toEqual({ name: '退休一件事办结通知书', licenceType: 'ONETHING_RESULT', department: 'qz-rsj' });
	});
});
