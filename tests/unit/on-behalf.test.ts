// 帮办代办, 窗口收件 and 异地代收 through the built server (npx vite build first): the front desk finds the citizen or
// records a walk-in, files with the citizen's authorisation, and the case is the citizen's; only a service centre's front
// desk may file for someone; a centre in another region receives, the case is decided in Quanzhou as usual and the
// results go back to the receiving centre.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Client } from './helpers/server';
import { useServer } from './helpers/use-server';
import { provideMaterials, TUIXIU } from './helpers/catalog-data';

const server = useServer({ definitionsDir: resolve('definitions') });
const LISI = { id: 'u-lisi', idNumber: TUIXIU.data.applicant_idNumber, phone: TUIXIU.data.contact_phone };
const DESK = 'qz-zwfw-frontdesk';

async function upload(as: Client, name = 'authorisation.pdf'): Promise<string> {
	const r = await fetch(`${server.url}/api/files?name=${name}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${as.token}`, 'content-type': 'application/pdf' },
		body: new TextEncoder().encode('%PDF-1.4\n% signed authorisation\n')
	});
	expect(r.status).toBe(201);
	return (await r.json()).id;
}

/** 职工退休审批 (人社局, Quanzhou) for the person `data` describes, filed by `officer`, scans uploaded by the officer. */
async function retirement(officer: Client, onBehalfOf: unknown, person: { name: string; idNumber: string; phone: string } = { name: '李四', ...LISI }) {
	const service = { kind: 'item', id: 'tuixiu-shenpi' };
	const answers = { specialJob: 'no' };
	const svc = (await officer.post('/api/compose', { service, answers })).body;
	return officer.post('/api/cases', {
		service,
		answers,
		// composed names: fields with a semantic key are named by it
		data: {
			applicant_name: person.name,
			applicant_idNumber: person.idNumber,
			applicant_gender: '男',
			applicant_birthDate: '1966-01-01',
			contact_phone: person.phone,
			contact_address: '福建省泉州市惠安县螺城镇建设路 12 号',
			employment_employer: '泉州某某机械有限公司',
			retireDate: '2026-12-01',
			contributionYears: 32,
			bank_pensionAccount: '6222021402001234567'
		},
		materials: await provideMaterials(server.url, officer, svc.materials),
		onBehalfOf
	});
}

describe('帮办代办: the front desk files for a citizen', () => {
	it('finds the citizen by ID or phone number; citizens and back-office staff cannot search', async () => {
		const desk = await server.as(DESK);
		for (const identifier of [LISI.idNumber, ` ${LISI.phone} `]) {
			const r = await desk.post('/api/citizens/search', { identifier });
			expect(r.status, JSON.stringify(r.body)).toBe(200);
			expect(r.body.citizens).toEqual([{ id: LISI.id, name: '李四', idNumber: '3505**********4561', phone: '138****9876' }]);
		}
		expect((await desk.post('/api/citizens/search', { identifier: '12345' })).body.message).toContain('18 位身份证号码或 11 位手机号码');
		expect((await (await server.as('zhangsan')).post('/api/citizens/search', { identifier: LISI.idNumber })).status).toBe(403);
		expect((await (await server.as('qz-rsj-reviewer')).post('/api/citizens/search', { identifier: LISI.idNumber })).status).toBe(403);
	});

	it('files with a written authorisation: the case is the citizen’s, in her 我的办件, and names the officer and the authorisation', async () => {
		const desk = await server.as(DESK);
		const file = await upload(desk);
		const authorisation = { kind: 'written', note: '委托书编号 WT-2026-001', file };
		const r = await retirement(desk, { applicant: LISI.id, authorisation });
		expect(r.status, JSON.stringify(r.body)).toBe(201);
		expect(r.body.case.applicantId).toBe(LISI.id);
		expect(r.body.case.state.intake).toMatchObject({
			channel: 'window',
			filedBy: { id: 'u-qz-zwfw-frontdesk', department: 'qz-zwfw' },
			authorisation,
			receiving: { department: 'qz-zwfw', regionName: '泉州市' },
			crossRegion: false
		});
		const id = r.body.id;

		const lisi = await server.as('lisi');
		expect((await lisi.get('/api/cases')).body.cases.map((c: { id: string }) => c.id)).toContain(id);
		const page = await lisi.get(`/cases/${id}`);
		expect(page.status).toBe(200);
		for (const words of ['窗口收件', '（代办人）', '书面委托（授权委托书）', '委托书编号 WT-2026-001', `/api/files/${file}?case=${id}`])
			expect(page.body, words).toContain(words);
		// the citizen reads the authorisation scan through her case
		expect((await lisi.get(`/api/files/${file}?case=${id}`)).status).toBe(200);

		const audit = (await (await server.as('admin')).get(`/api/audit?case=${id}`)).body.entries;
		expect(audit.find((e: { action: string }) => e.action === 'case.SUBMIT')).toMatchObject({
			actorId: 'u-qz-zwfw-frontdesk',
			detail: { onBehalfOf: LISI.id, authorisation: 'written', receiving: 'qz-zwfw' }
		});
		// the officer's 已办 lists it
		expect((await desk.get('/workbench?tab=done')).body).toContain(r.body.receiptNumber);
	});

	it('refuses a written authorisation without the signed paper or a note, naming the field', async () => {
		const desk = await server.as(DESK);
		const r = await retirement(desk, { applicant: LISI.id, authorisation: { kind: 'written' } });
		expect(r.status).toBe(422);
		expect(r.body.errors).toContainEqual({ path: 'onBehalfOf.authorisation.file', message: expect.stringContaining('授权委托书') });
	});

	it('lets no one else file for a citizen: a citizen sending onBehalfOf, a reviewer; the front desk must name the citizen', async () => {
		const onBehalfOf = { applicant: LISI.id, authorisation: { kind: 'inPerson' } };
		const zhangsan = await server.as('zhangsan');
		const byCitizen = await retirement(zhangsan, onBehalfOf);
		expect(byCitizen.status).toBe(403);
		expect(byCitizen.body.message).toBe('只有政务服务中心综合受理窗口的工作人员可以代为提交申请');
		expect((await retirement(await server.as('qz-rsj-reviewer'), onBehalfOf)).status).toBe(403);
		const unnamed = await retirement(await server.as(DESK), undefined);
		expect(unnamed.status).toBe(403);
		expect(unnamed.body.message).toBe('只有申请人可以提交申请');
		expect((await zhangsan.get('/api/cases')).body.cases).toEqual([]);
	});

	it('records a walk-in from name, ID and phone (once per ID number) and files for them; they follow it with 办件查询', async () => {
		const desk = await server.as(DESK);
		const person = { name: '陈阿婆', idNumber: '35050219600101009X', phone: '13912345678' };
		const created = await desk.post('/api/citizens', person);
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		expect(created.body).toMatchObject({ created: true, citizen: { name: '陈阿婆', idNumber: '3505**********009X', phone: '139****5678' } });
		const again = await desk.post('/api/citizens', { ...person, idNumber: person.idNumber.toLowerCase() });
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ created: false, citizen: { id: created.body.citizen.id } });
		const bad = await desk.post('/api/citizens', { ...person, idNumber: '350502196001010091' });
		expect(bad.status).toBe(422);
		expect(bad.body.errors).toEqual([{ path: 'idNumber', message: '身份证号码不正确（18 位，含校验位）' }]);
		expect((await (await server.as('zhangsan')).post('/api/citizens', person)).status).toBe(403);

		const r = await retirement(desk, { applicant: created.body.citizen.id, authorisation: { kind: 'inPerson' } }, person);
		expect(r.status, JSON.stringify(r.body)).toBe(201);
		expect(r.body.case.applicantId).toBe(created.body.citizen.id);
		const tracked = await desk.post('/api/cases/track', { receiptNumber: r.body.receiptNumber, identifier: person.phone });
		expect(tracked.status).toBe(200);
		expect(tracked.body.steps[0]).toMatchObject({ label: '窗口收件', department: '泉州市行政服务中心' });
		// a walk-in account has no password to sign in with
		const login = await fetch(`${server.url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: `walkin-${created.body.citizen.id.slice(3)}`, password: 'demo123' })
		});
		expect(login.status).toBe(401);
	});
});

describe('异地代收: Jinjiang receives for a Quanzhou item', () => {
	it('routes the case to Quanzhou as usual, shows both centres, and sends the results back to Jinjiang', { timeout: 60_000 }, async () => {
		const jj = await server.as('jj-zwfw-frontdesk');
		const r = await retirement(jj, { applicant: LISI.id, authorisation: { kind: 'inPerson' } });
		expect(r.status, JSON.stringify(r.body)).toBe(201);
		const id = r.body.id;
		expect(r.body.case.state.intake).toMatchObject({
			receiving: { department: 'jj-zwfw', name: '晋江市行政服务中心', region: '350582', regionName: '晋江市' },
			deciding: [{ department: 'qz-rsj', name: '泉州市人力资源和社会保障局', region: '350500', regionName: '泉州市' }],
			crossRegion: true
		});
		// accepted by Quanzhou's front desk, as any application for this item
		expect(r.body.tasks.map((t: { department: string; role: string }) => `${t.department}/${t.role}`)).toEqual(['qz-zwfw/frontDesk']);
		// the receiving centre follows its case
		expect((await jj.get(`/api/cases/${id}`)).status).toBe(200);

		let version = 0;
		for (const [user, event] of [
			['qz-zwfw-frontdesk', { type: 'ACCEPT' }],
			['qz-rsj-reviewer', { type: 'PASS' }],
			['qz-rsj-decider', { type: 'APPROVE' }],
			['qz-zwfw-issuer', { type: 'ISSUE', delivery: 'post', trackingNumber: 'SF1001' }]
		] as const) {
			const step = await (await server.as(user)).post(`/api/cases/${id}/events`, { ...event, version });
			expect(step.status, `${user} ${event.type}: ${JSON.stringify(step.body)}`).toBe(200);
			version = step.body.case.version;
		}
		const lisi = await server.as('lisi');
		const done = (await lisi.get(`/api/cases/${id}`)).body.case;
		expect(done.status).toBe('closed');
		expect(done.state.machine.context.delivery).toEqual({
			method: 'post',
			trackingNumber: 'SF1001',
			returnTo: { department: 'jj-zwfw', name: '晋江市行政服务中心' }
		});
		const page = (await lisi.get(`/cases/${id}`)).body;
		expect(page).toContain('异地代收：晋江市行政服务中心（晋江市）收件，由泉州市人力资源和社会保障局（泉州市）审批');
		expect(page).toContain('结果送回：晋江市行政服务中心');

		const tracked = (await lisi.post('/api/cases/track', { receiptNumber: r.body.receiptNumber, identifier: LISI.idNumber })).body;
		expect(tracked.window).toEqual({ receiving: '晋江市行政服务中心（晋江市）', deciding: ['泉州市人力资源和社会保障局（泉州市）'], crossRegion: true });
		const places = tracked.steps.map((s: { department?: string }) => s.department);
		expect(places[0]).toBe('晋江市行政服务中心');
		expect(places).toContain('泉州市行政服务中心');
		expect(tracked.steps.at(-1)).toMatchObject({ label: '出件办结', note: '结果送回晋江市行政服务中心' });
	});

	it('marks nothing for return when the receiving centre is in the deciding region', async () => {
		const desk = await server.as(DESK);
		const r = await retirement(desk, { applicant: LISI.id, authorisation: { kind: 'inPerson' } });
		expect(r.body.case.state.intake.crossRegion).toBe(false);
		expect(r.body.case.state.intake.receiving.name).toBe('泉州市行政服务中心');
	});
});
