// The shared form renderer's accessibility contract for every field type, as the server renders it (so as a browser
// without JavaScript gets it), loaded into Chromium: required controls say so (required, aria-required), autofill tokens
// fit whose data a field holds, every error-summary link focuses its target, and the focus ring is ≥ 3:1.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { Browser, Page } from 'playwright-core';
import FormRenderer from '../../runtime/components/form/FormRenderer.svelte';
import { fieldId } from '../../runtime/components/form/widget';
import { autocompleteFor } from '../../runtime/components/form/autocomplete';
import type { Form, Subject } from '../../runtime/core/model';
import { launch } from './browser';
import { focusRing } from './focus-ring';

const form: Form = {
	schema: {
		type: 'object',
		properties: {
			applicantName: { type: 'string', title: '申请人姓名' },
			birthDate: { type: 'string', title: '出生日期', format: 'date' },
			phone: { type: 'string', title: '联系电话', format: 'phone' },
			email: { type: 'string', title: '电子邮箱', format: 'email' },
			address: { type: 'string', title: '通讯地址' },
			postalCode: { type: 'string', title: '邮政编码' },
			idNumber: { type: 'string', title: '身份证号码', format: 'id-number' },
			level: { type: 'string', title: '办学层次', enum: ['小学', '初中', '高中', '中职', '大专', '本科'] },
			gender: { type: 'string', title: '性别', enum: ['男', '女'] },
			services: { type: 'array', title: '提供的服务', items: { type: 'string', enum: ['食堂', '寄宿'] } },
			promise: { type: 'boolean', title: '本人承诺所填属实' },
			scan: { type: 'string', title: '申请表扫描件', format: 'file-id' },
			count: { type: 'integer', title: '人数' },
			studentName: { type: 'string', title: '考生姓名' },
			guardianName: { type: 'string', title: '监护人姓名' },
			orgName: { type: 'string', title: '单位名称' },
			teachers: {
				type: 'array',
				title: '教师名册',
				minItems: 1,
				items: { type: 'object', title: '教师', properties: { name: { type: 'string', title: '姓名' } }, required: ['name'] }
			},
			note: { type: 'string', title: '备注' }
		},
		required: [
			'applicantName',
			'birthDate',
			'phone',
			'email',
			'address',
			'postalCode',
			'idNumber',
			'level',
			'gender',
			'services',
			'promise',
			'scan',
			'count',
			'studentName',
			'guardianName',
			'orgName',
			'teachers'
		]
	},
	uiSchema: { address: { 'ui:widget': 'address' } },
	fields: {
		applicantName: { semanticKey: 'applicant.name' },
		birthDate: { semanticKey: 'applicant.birthDate' },
		phone: { semanticKey: 'contact.phone' },
		email: { semanticKey: 'contact.email' },
		address: { semanticKey: 'contact.address' },
		postalCode: { semanticKey: 'contact.postalCode' },
		idNumber: { semanticKey: 'applicant.idNumber' },
		studentName: { semanticKey: 'student.name' },
		guardianName: { semanticKey: 'guardian.name' },
		orgName: { semanticKey: 'org.name', subject: 'organization' }
	}
};

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => browser?.close());

const CSS = readFileSync('runtime/components/base.css', 'utf8');
const names = Object.keys(form.schema.properties);

/** The server-rendered form (with an error summary linking every field) in a page without JavaScript. */
async function renderForm(subjects?: Subject[]): Promise<Page> {
	const { body } = render(FormRenderer, { props: { form, values: { teachers: [{}] }, subjects } });
	const links = names.map((n) => `<li><a href="#${fieldId(n)}">${n}</a></li>`).join('');
	const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await page.setContent(
		`<!doctype html><html lang="zh-CN"><head><style>${CSS}</style></head><body><main><ul class="links">${links}</ul><form novalidate>${body}</form></main></body></html>`
	);
	return page;
}
const attr = (page: Page, name: string, attribute: string) => page.locator(`#${fieldId(name)}`).getAttribute(attribute);

describe('form renderer accessibility (every field type)', () => {
	it('marks every required control with required and aria-required, and keeps the * out of the accessible name', async () => {
		const page = await renderForm();
		for (const name of ['applicantName', 'birthDate', 'phone', 'email', 'address', 'postalCode', 'idNumber', 'level', 'promise', 'scan', 'count']) {
			expect(await attr(page, name, 'required'), name).toBe('');
			expect(await attr(page, name, 'aria-required'), name).toBe('true');
		}
		// radio group: every radio is required; the group (radiogroup) carries aria-required
		expect(await attr(page, 'gender', 'role')).toBe('radiogroup');
		expect(await attr(page, 'gender', 'aria-required')).toBe('true');
		await expect(page.locator(`#${fieldId('gender')} input[type=radio]:not([required])`).count()).resolves.toBe(0);
		// checkbox group and repeatable group: ARIA has no "required" for a group, so the legend says it in words
		await expect(page.locator(`#${fieldId('services')} legend`).innerText()).resolves.toContain('必填，至少选一项');
		await expect(page.locator(`#${fieldId('teachers')} legend`).innerText()).resolves.toContain('必填');
		const teacher = page.locator('[name="d:teachers[0].name"]');
		expect([await teacher.getAttribute('required'), await teacher.getAttribute('aria-required')]).toEqual(['', 'true']);
		// an optional field is not marked
		expect([await attr(page, 'note', 'required'), await attr(page, 'note', 'aria-required')]).toEqual([null, null]);
		// no aria-label on a span (ARIA-prohibited); the visible * is hidden from assistive technology, so names stay clean
		await expect(page.locator('span[aria-label]').count()).resolves.toBe(0);
		await expect(page.locator('.req:not([aria-hidden=true])').count()).resolves.toBe(0);
		await expect(page.getByRole('textbox', { name: '申请人姓名', exact: true }).count()).resolves.toBe(1);
		await expect(page.getByRole('radiogroup', { name: '性别', exact: true }).count()).resolves.toBe(1);
		await page.context().close();
	});

	it('gives personal-data fields their autofill token, only for the applicant’s own data', async () => {
		const page = await renderForm();
		const keys = ['applicantName', 'birthDate', 'phone', 'email', 'address', 'postalCode', 'idNumber', 'studentName', 'guardianName', 'orgName', 'count'];
		const tokens: Record<string, string | null> = {};
		for (const n of keys) tokens[n] = await attr(page, n, 'autocomplete');
		expect(tokens).toEqual({
			applicantName: 'name',
			birthDate: 'bday',
			phone: 'tel',
			email: 'email',
			address: 'street-address',
			postalCode: 'postal-code',
			idNumber: 'off',
			// someone else's data: the browser must not fill in the applicant's own
			studentName: 'off',
			guardianName: 'off',
			orgName: 'off',
			count: null
		});
		await page.context().close();
		// the applicant declared to be the guardian: the guardian's name is theirs, the student's still is not
		const asGuardian = await renderForm(['applicant', 'guardian']);
		expect(await attr(asGuardian, 'guardianName', 'autocomplete')).toBe('name');
		expect(await attr(asGuardian, 'studentName', 'autocomplete')).toBe('off');
		await asGuardian.context().close();
		expect(autocompleteFor({ semanticKey: 'org.name' }, 'text', ['applicant', 'organization'])).toBe('organization');
		expect(autocompleteFor({ semanticKey: 'employment.employer' }, 'text', ['applicant'])).toBe('organization');
		// a phone field without a key is still a phone; for someone else it is off
		expect(autocompleteFor(undefined, 'phone', ['applicant'])).toBe('tel');
		expect(autocompleteFor({ subject: 'student' }, 'phone', ['applicant'])).toBe('off');
	});

	it('without JavaScript, every error link focuses its field (a group takes the focus itself), with a visible ring of ≥ 3:1', async () => {
		const page = await renderForm();
		for (const name of names) {
			// followed from the keyboard, so the ring shows (:focus-visible)
			await page.locator(`a[href="#${fieldId(name)}"]`).focus();
			await page.keyboard.press('Enter');
			const focused = await page.evaluate(() => document.activeElement?.id ?? '');
			expect(focused, `链接 #${fieldId(name)} 后的焦点`).toBe(fieldId(name));
			const ring = await focusRing(page);
			expect(ring.width, `#${fieldId(name)} 焦点框宽度`).toBeGreaterThanOrEqual(2);
			expect(ring.contrast, `#${fieldId(name)} 焦点框对比度`).toBeGreaterThanOrEqual(3);
		}
		// a field inside a repeatable group's row
		await expect(page.locator(`#${fieldId('teachers.0.name')}`).evaluate((e) => e.tagName)).resolves.toBe('INPUT');
		await page.context().close();
	});
});
