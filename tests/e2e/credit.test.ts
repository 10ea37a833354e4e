// 信用记录 in Chromium: a reviewer finds 李四's 告知承诺 false; the record is his to read (信用记录 page, 消息中心), the
// apply page no longer offers 告知承诺 for that material and says why, a submission with the commitment is refused by
// name, and the administrator sees the record in the list.
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

describe('信用记录 after a false 告知承诺', () => {
	it('the 核查 writes the record the citizen sees, and 告知承诺 is closed to him for that item', { timeout: 150_000 }, async () => {
		const { id } = await closedTeacherCase(env.url, as);
		// before any record, the apply page offers the commitment
		const citizen = await signIn(env.browser, env.url, 'lisi');
		await visit(citizen, `${env.url}/apply/item/jiaoshi-zige-rending?a:status=graduate`);
		const card = citizen.locator('#m-noCriminalRecord');
		await expect(card.getByRole('radio', { name: '告知承诺' }).count()).resolves.toBe(1);
		await visit(citizen, `${env.url}/me/credit`);
		await citizen.getByText('您没有信用记录。').waitFor();

		const reviewer = await signIn(env.browser, env.url, 'qz-edu-reviewer');
		await visit(reviewer, `${env.url}/workbench/cases/${id}`);
		const verify = reviewer.locator('section', { has: reviewer.getByRole('heading', { name: '告知承诺核查' }) });
		await verify.getByLabel('承诺不实（撤销审批结果）').check();
		await verify.getByLabel('核查情况').fill('经公安机关查询，申请人有犯罪记录');
		await verify.getByRole('button', { name: '提交核查结论' }).click();
		await verify.getByText('不实，已撤销审批结果').waitFor();

		// the citizen's record: item, material, finding, basis and the end of the restriction
		await visit(citizen, `${env.url}/me/credit`);
		const record = citizen.locator('article.credit-record');
		await expect(record.count()).resolves.toBe(1);
		const text = await record.innerText();
		expect(text).toContain('教师资格认定');
		expect(text).toContain('无犯罪记录证明');
		expect(text).toContain('经公安机关查询，申请人有犯罪记录');
		expect(text).toContain('国办发〔2020〕42号');
		expect(text).toMatch(/前办理该事项不适用告知承诺制/);
		await screenshot(citizen, 'credit-citizen');
		await visit(citizen, `${env.url}/messages`);
		await citizen.getByText(/告知承诺经核查不实，已记入信用记录/).waitFor();

		// the apply page: no 告知承诺 for that material, the reason beside it; uploading is still offered
		await visit(citizen, `${env.url}/apply/item/jiaoshi-zige-rending?a:status=graduate`);
		await expect(card.getByRole('radio', { name: '告知承诺' }).count()).resolves.toBe(0);
		await expect(card.getByRole('radio', { name: '上传文件' }).isChecked()).resolves.toBe(true);
		await expect(card.locator('.note').innerText()).resolves.toContain('已记入信用记录');
		await screenshot(citizen, 'credit-apply');

		// a submission with the commitment anyway is refused, naming the material
		const lisi = await as('lisi');
		const svc = (await lisi.post('/api/compose', { service: { kind: 'item', id: 'jiaoshi-zige-rending' }, answers: { status: 'graduate' } })).body;
		expect(svc.materials.some((m: { id: string }) => m.id === 'noCriminalRecord')).toBe(true);
		const r = await lisi.post('/api/cases', {
			service: { kind: 'item', id: 'jiaoshi-zige-rending' },
			answers: { status: 'graduate' },
			data: {},
			materials: { noCriminalRecord: { source: 'commitment', signed: true } }
		});
		expect(r.status).toBe(422);
		const refusal = r.body.errors.find((e: { path: string }) => e.path === 'materials.noCriminalRecord');
		expect(refusal?.message).toContain('「无犯罪记录证明」不能以告知承诺方式提供');
		// the citizen's own list over the API, and another citizen's is empty
		expect((await lisi.get('/api/credit')).body.records).toHaveLength(1);
		expect((await (await as('zhangsan')).get('/api/credit')).body.records).toEqual([]);

		// the administrators' list
		const admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/workbench/admin/credit`);
		const row = admin.locator('tr.credit-row');
		await expect(row.count()).resolves.toBe(1);
		const cells = await row.innerText();
		expect(cells).toContain('李四');
		expect(cells).toContain('教师资格认定');
		expect(cells).toContain('经公安机关查询，申请人有犯罪记录');
		await screenshot(admin, 'credit-admin');
	});
});
