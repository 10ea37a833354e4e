// 多证合一 and 电子印章 over the HTTP API of the built app: a copy of 退休一件事 with a combined result runs to the end and
// yields one licence listing every member approval, signed with the lead department's seal; rotating that seal's key
// keeps the downloaded file verifying; seals are configured by administrators only, with errors by field.
import { describe, expect, it } from 'vitest';
import { provideMaterials, TUIXIU } from './helpers/catalog-data';
import type { Client } from './helpers/server';
import { useServer } from './helpers/use-server';

const server = useServer({ definitionsDir: 'definitions' });
const as = server.as;
const BUNDLE = 'tuixiu-heyi';
const header = (jws: string) => JSON.parse(Buffer.from(jws.split('.')[0], 'base64url').toString());

const STEPS = [
	['qz-zwfw-frontdesk', { type: 'ACCEPT' }],
	['qz-rsj-reviewer', { type: 'PASS' }],
	['qz-rsj-decider', { type: 'APPROVE' }],
	['qz-yibao-reviewer', { type: 'PASS' }],
	['qz-yibao-decider', { type: 'APPROVE' }],
	['qz-gjj-reviewer', { type: 'PASS' }],
	['qz-gjj-decider', { type: 'APPROVE' }],
	['qz-zwfw-issuer', { type: 'ISSUE', delivery: 'online' }]
] as const;

/** A copy of 退休一件事 with a combined result, saved and published by the administrator (the PUT's answer when refused). */
async function publishCopy(id: string, outcomeRule: 'all' | 'each', licenceType = 'ONETHING_RESULT') {
	const admin = await as('admin');
	const source = (await admin.get('/api/bundles/tuixiu')).body.definition;
	const copy = { ...source, id, name: `退休一件事（多证合一，${outcomeRule}）`, outcomeRule, combinedResult: { name: '退休一件事办结通知书', licenceType } };
	const saved = await admin.call('PUT', `/api/bundles/${id}`, copy);
	if (saved.status !== 200) return saved;
	return admin.post(`/api/bundles/${id}/publish`, { note: '多证合一' });
}

/** Applies with every member included (公积金 too); returns the case id. */
async function submit(citizen: Client, bundle: string): Promise<string> {
	const answers = { ...TUIXIU.answers, withdrawFund: 'yes' };
	const svc = (await citizen.post('/api/compose', { service: { kind: 'bundle', id: bundle }, answers })).body;
	expect(svc.members.filter((m: any) => m.included).map((m: any) => m.item)).toEqual(['tuixiu-shenpi', 'yibao-tuixiu', 'gjj-tiqu-tuixiu']);
	// the guide tells the citizen about the combined result
	expect(svc.guide.outcomeRules.at(-1)).toMatch(/^多证合一：.*另出具「退休一件事办结通知书」/);
	const created = await citizen.post('/api/cases', {
		service: { kind: 'bundle', id: bundle },
		answers,
		data: { ...TUIXIU.data, bank_housingFundAccount: '6222021402001112223', 'gjj-tiqu-tuixiu__bankName': '泉州银行' },
		materials: await provideMaterials(server.url, citizen, svc.materials),
		consents: { licenceFetch: true }
	});
	expect(created.status, JSON.stringify(created.body)).toBe(201);
	return created.body.id;
}

/** Each officer acts in turn; returns the last answer. */
async function run(id: string, steps: readonly (readonly [string, Record<string, unknown>])[], version = 0) {
	let view: any;
	for (const [user, body] of steps) {
		const r = await (await as(user)).post(`/api/cases/${id}/events`, { ...body, version });
		expect(r.status, `${user} ${body.type}: ${JSON.stringify(r.body)}`).toBe(200);
		version = r.body.case.version;
		view = r.body;
	}
	return view;
}

describe('多证合一: one combined licence for 退休一件事', () => {
	it('is refused with an unknown licence type, then issued once every member is approved; it verifies and names the seal', { timeout: 120_000 }, async () => {
		const admin = await as('admin');
		const bad = await publishCopy(BUNDLE, 'all', 'NO_SUCH');
		expect(bad.status).toBe(422);
		expect(bad.body.errors).toContainEqual(expect.objectContaining({ path: 'combinedResult.licenceType', message: '证照类型「NO_SUCH」不在证照类型字典中' }));
		expect((await publishCopy(BUNDLE, 'all')).status).toBe(200);

		// the citizen applies with every member included (公积金 too)
		const citizen = await as('lisi');
		const id = await submit(citizen, BUNDLE);
		let view = await run(id, STEPS.slice(0, 6));
		// nothing is issued while a member is still undecided
		expect(view.case.state.results).toEqual([]);
		view = await run(id, STEPS.slice(6), view.case.version);
		expect(view.case.status).toBe('closed');
		const results = view.case.state.results;
		expect(results.map((r: any) => r.name)).toEqual(['退休证', '退休人员医保待遇核定通知书', '住房公积金提取及销户凭证', '退休一件事办结通知书']);
		const combined = results.at(-1);
		expect(combined.licence.number).toMatch(/^联办2026350500\d{6}$/);
		expect(combined.licence.issuer).toBe('qz-rsj');
		// every member approval, with its own number (the licence's, when it has one)
		expect(combined.licence.data.members.map((m: any) => [m.item, m.resultName, m.number])).toEqual(
			results.slice(0, 3).map((r: any) => [r.item, r.name, r.licence?.number ?? r.number])
		);
		const mine = (await citizen.get('/api/licences')).body.licences.filter((l: any) => l.caseId === id && l.type === 'ONETHING_RESULT');
		expect(mine).toHaveLength(1);

		// the QR link's answer: valid, the lead department's seal, the member approvals
		const byId = await fetch(`${server.url}/api/licences/verify?id=${combined.licence.id}`).then((r) => r.json());
		expect(byId).toMatchObject({
			status: 'valid',
			seal: { department: 'qz-rsj', name: '泉州市人力资源和社会保障局行政审批专用章', departmentName: '泉州市人力资源和社会保障局' },
			facts: { name: '退休一件事办结通知书', issuer: '泉州市人力资源和社会保障局' }
		});
		expect(byId.facts.members.map((m: any) => `${m.itemName}：${m.resultName}，${m.department}`)).toEqual([
			'企业职工正常退休核准及基本养老金核定：退休证，泉州市人力资源和社会保障局',
			'退休人员医疗保险待遇核定：退休人员医保待遇核定通知书，泉州市医疗保障局',
			'离退休提取住房公积金：住房公积金提取及销户凭证，泉州市住房公积金中心'
		]);

		// the downloaded file is signed with the seal's key; /verify names the seal
		const file = (await citizen.get(`/api/licences/${combined.licence.id}/download`)).body;
		const oldKid = header(file.jws).kid;
		expect(oldKid).toMatch(/^seal:qz-rsj:/);
		expect(file.seal).toEqual({ department: 'qz-rsj', name: '泉州市人力资源和社会保障局行政审批专用章' });
		const checked = await citizen.post('/api/licences/verify', file);
		expect(checked.body).toMatchObject({ status: 'valid', kid: oldKid, seal: { department: 'qz-rsj' } });
		expect(checked.body.seal.text).toContain('泉州市人力资源和社会保障局的电子印章「泉州市人力资源和社会保障局行政审批专用章」签章');
		const page = await fetch(`${server.url}/verify?id=${combined.licence.id}`).then((r) => r.text());
		expect(page).toContain('电子印章：该证照加盖泉州市人力资源和社会保障局的电子印章');
		expect(page).toContain('退休人员医保待遇核定通知书');

		// the licence page shows the seal image and lists the members
		const html = (await citizen.get(`/licences/${combined.licence.id}`)).body as string;
		expect(html).toMatch(/<img class="seal[^"]*" src="data:image\/svg\+xml;base64,[^"]+" alt="电子印章：泉州市人力资源和社会保障局行政审批专用章"/);
		expect(html.match(/<tr class="member/g)).toHaveLength(3);

		// 印章密钥轮换: the old file keeps verifying, new downloads use the new key, both are published
		const rotated = await admin.post('/api/seals/qz-rsj/keys');
		expect(rotated.status).toBe(200);
		expect(rotated.body.active).toMatch(/^seal:qz-rsj:/);
		expect(rotated.body.active).not.toBe(oldKid);
		expect((await citizen.post('/api/licences/verify', file)).body).toMatchObject({ status: 'valid', kid: oldKid, seal: { department: 'qz-rsj' } });
		const again = (await citizen.get(`/api/licences/${combined.licence.id}/download`)).body;
		expect(header(again.jws).kid).toBe(rotated.body.active);
		expect((await citizen.post('/api/licences/verify', again)).body.status).toBe('valid');
		const jwks = await fetch(`${server.url}/.well-known/jwks.json`).then((r) => r.json());
		expect(jwks.keys.map((k: any) => k.kid)).toEqual(expect.arrayContaining([oldKid, rotated.body.active]));
		// a member's own licence carries its own department's seal
		const member = (await citizen.get(`/api/licences/${results[1].licence.id}/download`)).body;
		expect(header(member.jws).kid).toMatch(/^seal:qz-yibao:/);
	});

	it("outcomeRule 'each': a denied member is left out; the combined licence lists the approved ones", { timeout: 120_000 }, async () => {
		expect((await publishCopy('tuixiu-heyi-each', 'each')).status).toBe(200);
		const citizen = await as('lisi');
		const id = await submit(citizen, 'tuixiu-heyi-each');
		const steps = [...STEPS.slice(0, 6), ['qz-gjj-decider', { type: 'DENY', reason: '账户存在未结清贷款' }], STEPS[7]] as const;
		const view = await run(id, steps);
		expect(view.case.status).toBe('closed');
		const combined = view.case.state.results.find((r: any) => r.licence?.type === 'ONETHING_RESULT');
		expect(combined.licence.data.members.map((m: any) => m.item)).toEqual(['tuixiu-shenpi', 'yibao-tuixiu']);
		const byId = await fetch(`${server.url}/api/licences/verify?id=${combined.licence.id}`).then((r) => r.json());
		expect(byId.status).toBe('valid');
		expect(byId.facts.members.map((m: any) => m.resultName)).toEqual(['退休证', '退休人员医保待遇核定通知书']);
	});
});

describe('电子印章 configuration', () => {
	it('lists every department for administrators only; renames, refuses bad images by field, and names the new seal', async () => {
		const officer = await as('qz-edu-reviewer');
		expect((await officer.get('/api/seals')).status).toBe(403);
		expect((await officer.call('PUT', '/api/seals/qz-edu', { name: '泉州市教育局公章' })).status).toBe(403);
		const admin = await as('admin');
		const list = (await admin.get('/api/seals')).body.seals;
		expect(list.find((s: any) => s.department === 'qz-edu')).toMatchObject({ name: '泉州市教育局行政审批专用章', uploaded: false });
		const empty = await admin.call('PUT', '/api/seals/qz-edu', {});
		expect(empty.status).toBe(422);
		expect(empty.body.errors[0]).toEqual({ path: 'name', message: '请提供印章名称（name）或印章图片（image）' });
		const gif = await admin.call('PUT', '/api/seals/qz-edu', { image: { type: 'image/gif', data: 'R0lGODlh' } });
		expect(gif.status).toBe(422);
		expect(gif.body.errors[0]).toMatchObject({ path: 'image.type', message: '印章图片只能是 SVG（image/svg+xml）或 PNG（image/png）' });
		const script = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64');
		const unsafe = await admin.call('PUT', '/api/seals/qz-edu', { image: { type: 'image/svg+xml', data: script } });
		expect(unsafe.status).toBe(422);
		expect(unsafe.body.errors[0]).toEqual({ path: 'image.data', message: 'SVG 印章图片不能包含脚本（<script>）' });
		expect((await admin.call('PUT', '/api/seals/nowhere', { name: '某某专用章' })).status).toBe(404);
		const renamed = await admin.call('PUT', '/api/seals/qz-edu', { name: '泉州市教育局教师资格专用章' });
		expect(renamed.status).toBe(200);
		expect(renamed.body.seal).toMatchObject({ name: '泉州市教育局教师资格专用章', image: expect.stringMatching(/^data:image\/svg\+xml;base64,/) });
		const studio = await admin.get('/studio/seals');
		expect(studio.body).toContain('泉州市教育局教师资格专用章');
		expect((await admin.get('/api/audit?limit=20')).body.entries.map((e: any) => e.action)).toContain('seal.update');
	});
});
