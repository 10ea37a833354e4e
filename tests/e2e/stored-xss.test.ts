// Stored XSS: an administrator publishes an item whose text fields carry script payloads, a citizen applies with
// payloads in her answers, and every page that shows them (guide, apply, case, workbench inbox and case, studio)
// shows the text literally and runs none of it. Needs `npx vite build` first.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Client } from '../unit/helpers/server';
import { signIn, useAppInBrowser, visit } from './browser';

const env = useAppInBrowser();
const ITEM = 'shaoshu-minzu-jiafen';

/** one payload per place, tagged so a request or message names where it came from */
/** a form value within the field's 30 characters */
const VALUE = '<img src=x onerror=alert(9)>';
const payload = (tag: string) =>
	`${tag}<img src=x onerror="fetch('/pwned?${tag}-img')"><script>console.log('PWNED ${tag}');fetch('/pwned?${tag}-script')</script>` +
	`"><svg onload="fetch('/pwned?${tag}-svg')"></svg><a href="javascript:fetch('/pwned?${tag}-js')">链接</a>`;

/** Watches a page for anything a payload would do: requests to /pwned or /x, PWNED messages, dialogs. */
function watch(page: Page) {
	const seen: string[] = [];
	page.on('request', (r) => {
		const u = new URL(r.url());
		if (u.pathname === '/pwned' || u.pathname.endsWith('/x')) seen.push(`request ${r.url()}`);
	});
	page.on('console', (m) => m.text().includes('PWNED') && seen.push(`console ${m.text()}`));
	page.on('dialog', (d) => {
		seen.push(`dialog ${d.message()}`);
		void d.dismiss();
	});
	return seen;
}

describe('stored XSS', () => {
	it('payloads in an item and in a case are shown as text on every page and never run', { timeout: 240_000 }, async () => {
		const admin = new Client(env.url);
		await admin.login('admin');
		const def = structuredClone((await admin.get(`/api/items/${ITEM}`)).body.definition);
		def.name = payload('name');
		def.acceptanceConditions = [payload('condition')];
		const props = def.form.schema.properties;
		props.studentName.title = payload('title');
		props.studentName.description = payload('desc');
		def.form.uiSchema.guardianRelation = {
			...def.form.uiSchema.guardianRelation,
			'ui:enumNames': props.guardianRelation.enum.map((_: string, i: number) => payload(`enum${i}`))
		};
		def.materials[0].name = payload('material');
		def.materials[0].note = payload('note');
		def.workflow.states.review.meta.label = payload('state');
		def.situations = [
			{
				id: 'xss',
				question: payload('question'),
				options: [
					{ value: 'a', label: payload('option') },
					{ value: 'b', label: '否' }
				]
			}
		];
		const saved = await admin.call('PUT', `/api/items/${ITEM}`, def);
		expect(saved.status, JSON.stringify(saved.body).slice(0, 500)).toBe(200);
		const published = await admin.post(`/api/items/${ITEM}/publish`, { note: '安全测试' });
		expect(published.status, JSON.stringify(published.body).slice(0, 500)).toBe(200);

		const citizen = new Client(env.url);
		await citizen.login('zhangsan');
		const created = await citizen.post('/api/cases', {
			service: { kind: 'item', id: ITEM },
			answers: { xss: 'a' },
			data: {
				student_name: VALUE,
				student_idNumber: '350503201101011233',
				student_ethnicity: '回族',
				guardian_name: '张三',
				contact_phone: '13905951234'
			},
			materials: { licence_HOUSEHOLD_REGISTER: { source: 'licence', licenceId: 'lic-demo-zhangsan-household_register' } },
			consents: { licenceFetch: true }
		});
		expect(created.status, JSON.stringify(created.body).slice(0, 500)).toBe(201);
		const caseId = created.body.id;

		const visits: [user: string, path: string, shown: string[]][] = [
			['zhangsan', `/items/${ITEM}`, ['name', 'condition', 'material', 'note']],
			['zhangsan', `/apply/item/${ITEM}?xss=a`, ['question', 'option']],
			['zhangsan', `/cases/${caseId}`, ['name']],
			['qz-minzong-reviewer', '/workbench', []],
			['qz-minzong-reviewer', `/workbench/cases/${caseId}`, ['name', 'value']],
			['admin', `/studio/items/${ITEM}`, []]
		];
		const ran: string[] = [];
		for (const [user, path, shown] of visits) {
			const page = await signIn(env.browser, env.url, user);
			const seen = watch(page);
			await visit(page, env.url + path);
			await page.waitForTimeout(500);
			const text = await page.locator('body').innerText();
			for (const tag of shown) expect(text, `${path} 应原样显示 ${tag} 的文字`).toContain(tag === 'value' ? VALUE : payload(tag).slice(0, 40));
			ran.push(...seen.map((s) => `${path}: ${s}`));
			await page.context().close();
		}
		expect(ran).toEqual([]);
	});
});
