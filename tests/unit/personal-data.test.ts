// 个人信息保护法 against the built server: a citizen sees what the platform holds about them and who opened their cases,
// downloads it, and withdraws a standing consent (audited, effective at once). Needs `npx vite build` first.
import { describe, expect, it } from 'vitest';
import { bonusSubmission } from './fixtures/catalog';
import { Client, writeFixtureCatalog } from './helpers/server';
import { useServer } from './helpers/use-server';

const server = useServer({ definitionsDir: writeFixtureCatalog() });

const ZHANGSAN_ID_NUMBER = '350502198506122344';

async function upload(c: Client, name: string) {
	const r = await fetch(`${server.url}/api/files?name=${encodeURIComponent(name)}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/pdf' },
		body: new TextEncoder().encode(`%PDF-1.4\n% ${name}\n`)
	});
	expect(r.status).toBe(201);
	return (await r.json()) as { id: string };
}

/** the application page with the situation answered, so its materials step shows */
const APPLY = '/apply/bundle/bonus-bundle?a:kind=both&a:edu-confirm.grade=current';

const page = (c: Client, path: string, init: RequestInit = {}) =>
	fetch(server.url + path, { ...init, redirect: 'manual', headers: { authorization: `Bearer ${c.token}`, origin: server.url, ...init.headers } });

describe('personal data (/me/data)', () => {
	it("shows a citizen their account, cases, files, licences and consents, and who opened their case; never another citizen's", async () => {
		const zhangsan = await server.as('zhangsan');
		const lisi = await server.as('lisi');
		const mine = await upload(zhangsan, 'hukou-scan.pdf');
		const his = await upload(lisi, 'lisi-contract.pdf');
		const submitted = await zhangsan.post('/api/cases', bonusSubmission);
		expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
		const { id, receiptNumber } = submitted.body.case;

		// the applicant's own reading is not a viewing by someone else
		await zhangsan.get(`/api/cases/${id}`);
		expect((await zhangsan.get('/api/me/data')).body.accessLog).toEqual([]);
		const reviewer = await server.as('edu-reviewer');
		expect((await reviewer.get(`/api/cases/${id}`)).status).toBe(200);

		const me = await zhangsan.get('/api/me/data');
		expect(me.status).toBe(200);
		const d = me.body;
		expect(d.account).toMatchObject({ id: 'u-zhangsan', username: 'zhangsan', name: '张三', profile: { idNumber: ZHANGSAN_ID_NUMBER } });
		expect(d.account.twoFactor).toEqual({ enrolled: false });
		expect(JSON.stringify(d)).not.toMatch(/passwordHash|scrypt\$/);
		expect(d.accessLog).toEqual([
			{
				at: expect.any(String),
				caseId: id,
				receiptNumber,
				action: 'case.view',
				label: '查看办件',
				viewer: { name: expect.stringContaining('教育局'), department: '测试市教育局' }
			}
		]);
		expect(d.cases.rows.map((c: { id: string }) => c.id)).toEqual([id]);
		expect(d.cases.rows[0]).toMatchObject({ receiptNumber, status: 'active', data: { applicant_idNumber: ZHANGSAN_ID_NUMBER } });
		expect(d.files).toEqual([
			{ id: mine.id, name: 'hukou-scan.pdf', mime: 'application/pdf', size: expect.any(Number), sha256: expect.any(String), createdAt: expect.any(String) }
		]);
		expect(d.licences.map((l: { id: string }) => l.id).sort()).toEqual(['lic-demo-zhangsan-household_register', 'lic-demo-zhangsan-id_card']);
		expect(d.consents.onCases).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ caseId: id, material: 'licence_ID_CARD', licenceId: 'lic-demo-zhangsan-id_card', caseStatus: 'active' })
			])
		);
		expect(d.consents.standing).toEqual([
			expect.objectContaining({ kind: 'licenceFetch', active: false }),
			expect.objectContaining({ kind: 'sharedFetch', active: false })
		]);

		// 李四 sees his own upload and nothing of 张三's
		const other = await lisi.get('/api/me/data');
		expect(other.body.files.map((f: { id: string }) => f.id)).toEqual([his.id]);
		expect(other.body.cases.rows).toEqual([]);
		expect(other.body.accessLog).toEqual([]);
		const text = JSON.stringify(other.body);
		for (const secret of [id, receiptNumber, ZHANGSAN_ID_NUMBER, mine.id, 'lic-demo-zhangsan']) expect(text).not.toContain(secret);
		expect(JSON.stringify(d)).not.toContain(his.id);

		expect((await new Client(server.url).get('/api/me/data')).status).toBe(401);
		// the page shows the same
		const html = await (await page(zhangsan, '/me/data')).text();
		expect(html).toContain('谁查看或办理了我的办件');
		expect(html).toContain('测试市教育局');
		expect(html).toContain(receiptNumber);
		expect(html).toContain('hukou-scan.pdf');
	});

	it('downloads all of it as a JSON file, and records the download', async () => {
		const zhangsan = await server.as('zhangsan');
		const r = await fetch(`${server.url}/api/me/data?download=1`, { headers: { authorization: `Bearer ${zhangsan.token}` } });
		expect(r.status).toBe(200);
		expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="personal-data-\d{4}-\d{2}-\d{2}\.json"$/);
		expect(r.headers.get('content-type')).toContain('application/json');
		expect(r.headers.get('cache-control')).toBe('no-store');
		const file = JSON.parse(await r.text());
		expect(Object.keys(file).sort()).toEqual([
			'accessLog',
			'account',
			'accountEvents',
			'cases',
			'complaints',
			'consents',
			'credit',
			'drafts',
			'files',
			'generatedAt',
			'licences',
			'ratings'
		]);
		expect(file.account.username).toBe('zhangsan');
		expect(file.accessLog.length).toBeGreaterThan(0);
		expect((await zhangsan.get('/api/me/data')).body.accountEvents).toEqual(
			expect.arrayContaining([expect.objectContaining({ action: 'me.data.download', label: '下载个人信息' })])
		);
	});

	it('withdrawing the standing licence consent is audited and takes effect at once; cases already submitted go on', async () => {
		const zhangsan = await server.as('zhangsan');
		const { consents: _, ...withoutConsent } = bonusSubmission;
		const refused = await zhangsan.post('/api/cases', withoutConsent);
		expect(refused.status).toBe(422);
		expect(JSON.stringify(refused.body.errors)).toContain('须先勾选授权');

		const given = await zhangsan.call('PUT', '/api/me/consents/licenceFetch');
		expect(given.body).toMatchObject({ kind: 'licenceFetch', active: true, changed: true });
		const withStanding = await zhangsan.post('/api/cases', withoutConsent);
		expect(withStanding.status, JSON.stringify(withStanding.body)).toBe(201);
		expect(await (await page(zhangsan, APPLY)).text()).toContain('已按您的长期授权默认勾选');
		// a draft that chose licences
		const draft = { answers: bonusSubmission.answers, data: bonusSubmission.data, materials: bonusSubmission.materials };
		expect((await zhangsan.call('PUT', '/api/drafts/bundle/bonus-bundle', draft)).status).toBe(200);

		// withdrawn through the page's form, as a browser without JavaScript posts it
		const form = await page(zhangsan, '/me/data?/consent', {
			method: 'POST',
			headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ kind: 'licenceFetch', given: 'false' })
		});
		expect(form.status).toBe(200);
		expect(await form.text()).toContain('已撤回授权，立即生效；已清除 1 份草稿中选用的电子证照');

		const after = await zhangsan.post('/api/cases', withoutConsent);
		expect(after.status).toBe(422);
		expect(JSON.stringify(after.body.errors)).toContain('须先勾选授权');
		expect(await (await page(zhangsan, APPLY)).text()).not.toContain('已按您的长期授权默认勾选');
		const kept = (await zhangsan.get('/api/drafts/bundle/bonus-bundle')).body.draft;
		expect(Object.keys(kept.materials).sort()).toEqual(['ovs-confirm__photo', 'ovs-confirm__residence']);
		// the case submitted under the consent goes on, and a consent given for one application still works
		expect((await zhangsan.get(`/api/cases/${withStanding.body.case.id}`)).body.case.status).toBe('active');
		expect((await zhangsan.post('/api/cases', bonusSubmission)).status).toBe(201);

		const standing = (await zhangsan.get('/api/me/data')).body.consents.standing[0];
		expect(standing).toMatchObject({ kind: 'licenceFetch', active: false, record: { givenAt: expect.any(String), withdrawnAt: expect.any(String) } });
		expect(standing.withdrawDoesNot.join('')).toContain('已办结的办件');
		// withdrawing what is withdrawn changes nothing
		expect((await zhangsan.call('DELETE', '/api/me/consents/licenceFetch')).body).toMatchObject({ active: false, changed: false });
		expect((await zhangsan.call('DELETE', '/api/me/consents/marketing')).status).toBe(404);

		const admin = await server.as('admin');
		const entries = (await admin.get('/api/audit?actor=zhangsan')).body.entries as { action: string; detail: object }[];
		expect(entries.filter((e) => e.action.startsWith('consent.')).map((e) => [e.action, e.detail])).toEqual([
			['consent.withdraw', { kind: 'licenceFetch', draftsCleared: 1 }],
			['consent.give', { kind: 'licenceFetch' }]
		]);
	});
});
