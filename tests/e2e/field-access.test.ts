// 字段权限 end to end: the administrator makes 原证书编号 a field the front desk completes at 受理; the citizen is no longer
// asked for it; the server refuses an acceptance without it and a change the step may not make; the front desk fills it in
// the workbench's accept form and it is kept with the case.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, useAppInBrowser, visit } from './browser';
import { Client } from '../unit/helpers/server';

const env = useAppInBrowser();
const ITEM = 'jiaoshi-zige-buban';
const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();

describe('字段权限 per step', () => {
	it('a front-desk-only field: set in the designer, not asked of the citizen, enforced by the server, filled at 受理', { timeout: 240_000 }, async () => {
		const admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/studio/items/${ITEM}`);
		await tab(admin, '办理流程');
		await admin.locator('.svelte-flow__node', { hasText: '受理即办' }).first().click();
		const access = admin.locator('details.step-access');
		await access.locator('summary').click();
		await access.getByLabel('字段「原证书编号」的权限').selectOption({ label: '本环节填写' });
		await access.getByLabel('字段「联系电话」的权限').selectOption({ label: '可修改' });
		await expect(access.locator('summary').innerText()).resolves.toContain('2 项设置');
		await tab(admin, '校验与发布');
		await admin.getByLabel('变更说明').fill('原证书编号由窗口核对后填写');
		await admin.getByRole('button', { name: '发布新版本' }).click();
		await admin
			.getByRole('status')
			.filter({ hasText: /已发布 v2/ })
			.waitFor();
		await admin.context().close();

		// the citizen is not asked for it
		const lisi = await signIn(env.browser, env.url, 'lisi');
		await visit(lisi, `${env.url}/apply/item/${ITEM}`);
		await lisi.getByLabel('遗失').check();
		await lisi.getByLabel('申请人姓名').waitFor();
		await expect(lisi.getByLabel('原证书编号').count()).resolves.toBe(0);
		await lisi.context().close();

		const citizen = new Client(env.url);
		await citizen.login('lisi');
		const created = await citizen.post('/api/cases', {
			service: { kind: 'item', id: ITEM },
			answers: { reason: 'lost' },
			data: { applicant_name: '李四', applicant_idNumber: '350521197001014561', contact_phone: '13805959876', certificateNumber: '99999' },
			materials: { licence_ID_CARD: { source: 'licence', licenceId: 'lic-demo-lisi-id_card' }, lostStatement: { source: 'commitment', signed: true } },
			consents: { licenceFetch: true }
		});
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		const id = created.body.id;

		const api = new Client(env.url);
		await api.login('qz-zwfw-frontdesk');
		const missing = await api.post(`/api/cases/${id}/events`, { type: 'ACCEPT', version: 0 });
		expect(missing.status).toBe(422);
		expect(missing.body.errors).toEqual([{ path: 'fields.certificateNumber', message: expect.stringContaining('原证书编号') }]);
		const notAllowed = await api.post(`/api/cases/${id}/events`, { type: 'ACCEPT', version: 0, fields: { certificateNumber: '2019', applicant_name: '王五' } });
		expect(notAllowed.body.errors).toEqual([{ path: 'fields.applicant_name', message: '「受理即办」环节不能修改字段「申请人姓名」' }]);

		// the workbench's accept form asks for it; filled there, it is kept with the case
		const desk = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
		await visit(desk, `${env.url}/workbench/cases/${id}`);
		const accept = desk.locator('form.action', { has: desk.locator('input[name=type][value=ACCEPT]') });
		await expect(accept.locator('fieldset.step-fields legend').innerText()).resolves.toBe('本环节填写的信息');
		await expect(accept.getByLabel('联系电话').inputValue()).resolves.toBe('13805959876');
		await accept.getByLabel('原证书编号').fill('20193500142001234');
		await accept.getByRole('button').last().click();
		await desk.getByRole('status').filter({ hasText: '已办理' }).waitFor();
		const after = await api.get(`/api/cases/${id}`);
		expect(after.status, JSON.stringify(after.body)).toBe(200);
		expect(after.body.case.state.machine.context.data).toMatchObject({ certificateNumber: '20193500142001234' });
		// the phone the form sent back unchanged is no change
		expect(after.body.case.events.at(-1).payload.fields).toEqual({ certificateNumber: '20193500142001234' });
		await desk.context().close();
	});
});
