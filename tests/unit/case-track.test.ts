// 办件查询 without signing in, through the built server (npx vite build first): found by the 受理编号 with the ID number
// and with the phone number, nothing personal in the answer, one neutral message for any wrong pair, 429 after the limits
// per 受理编号 and per client address, every lookup audited. Client addresses come from X-Forwarded-For (ADDRESS_HEADER).
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client } from './helpers/server';
import { useServer } from './helpers/use-server';
import { submitTuixiu, TUIXIU } from './helpers/catalog-data';

const server = useServer({
	definitionsDir: resolve('definitions'),
	env: { ADDRESS_HEADER: 'x-forwarded-for', TRACK_MAX_FAILURES_PER_RECEIPT: '3', TRACK_MAX_FAILURES_PER_ADDRESS: '4' }
});

const ID = TUIXIU.data.applicant_idNumber;
const PHONE = TUIXIU.data.contact_phone;
const NOT_FOUND = '未查到与该收件编号和证件号码（或手机号码）相符的办件，请核对后重试';
let lastAddress = 0;
/** a client from an address no other test used */
const anonymous = () => new Client(server.url, { 'x-forwarded-for': `10.0.0.${++lastAddress}` });
/** signed in from an address of its own (the server reads every client's address from X-Forwarded-For) */
async function as(user: string) {
	const c = new Client(server.url, { 'x-forwarded-for': '10.1.0.1' });
	await c.login(user);
	return c;
}
const track = (c: Client, receiptNumber: string, identifier: string) => c.post('/api/cases/track', { receiptNumber, identifier });

async function newCase() {
	const lisi = await as('lisi');
	const id = await submitTuixiu(server.url, lisi);
	return { id, receipt: (await lisi.get(`/api/cases/${id}`)).body.case.receiptNumber as string };
}

describe('办件查询 without signing in', () => {
	let c: { id: string; receipt: string };
	beforeAll(async () => {
		c = await newCase();
		const desk = await as('qz-zwfw-frontdesk');
		expect((await desk.post(`/api/cases/${c.id}/events`, { type: 'ACCEPT', version: 0 })).status).toBe(200);
	}, 120_000);

	it('finds the case by its 收件编号 with the ID number and with the phone number, and tells nothing personal', async () => {
		const who = anonymous();
		const byId = await track(who, c.receipt, ID);
		expect(byId.status, JSON.stringify(byId.body)).toBe(200);
		expect(byId.body).toMatchObject({ receiptNumber: c.receipt, service: { name: '退休一件事' }, status: 'active', statusLabel: '办理中' });
		expect(byId.body.steps.map((s: { label: string }) => s.label)).toEqual(['提交申请', '受理']);
		expect(byId.body.steps[1].department).toBe('泉州市行政服务中心');
		expect(byId.body.acceptedAt).toBeTruthy();
		expect(byId.body.dueAt > byId.body.receivedAt).toBe(true);
		// the departments now reviewing, by name
		expect(byId.body.current.map((s: { department: string }) => s.department)).toEqual(expect.arrayContaining(['泉州市人力资源和社会保障局']));
		// typed as people do: a lower-case 受理编号, a phone number with spaces
		const byPhone = await track(who, c.receipt.toLowerCase(), `${PHONE.slice(0, 3)} ${PHONE.slice(3, 7)} ${PHONE.slice(7)}`);
		expect(byPhone.status).toBe(200);
		expect(byPhone.body).toStrictEqual(byId.body);
		const text = JSON.stringify(byId.body);
		for (const secret of [ID, PHONE, '李四', TUIXIU.data.bank_pensionAccount, TUIXIU.data.employment_employer, TUIXIU.data.contact_address, '综合受理窗口'])
			expect(text, `answer holds ${secret}`).not.toContain(secret);
		expect(Object.keys(byId.body)).not.toContain('case');
	});

	it('answers any wrong pair with one message, whether or not the 收件编号 exists', async () => {
		const who = anonymous();
		const wrongId = await track(who, c.receipt, '350502198506122344'); // another person's valid ID number
		const noSuchCase = await track(who, 'QZ20990101000001', ID);
		expect(wrongId.status).toBe(404);
		expect(noSuchCase.status).toBe(404);
		expect(wrongId.body).toStrictEqual(noSuchCase.body);
		expect(wrongId.body.message).toBe(NOT_FOUND);
		// malformed input is named, and counts as no attempt
		const bad = await track(who, 'QZ123', '123');
		expect(bad.status).toBe(422);
		expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['identifier', 'receiptNumber']);
	});

	it('audits each lookup as anonymous, with the number masked', async () => {
		await track(anonymous(), c.receipt, ID);
		const admin = await as('admin');
		const entries = (await admin.get(`/api/audit?case=${c.id}`)).body.entries as { action: string; actorId: string; detail: Record<string, unknown> }[];
		const lookup = entries.find((e) => e.action === 'case.track');
		expect(lookup).toMatchObject({ actorId: 'anonymous', detail: { found: true, identifier: '3505**********4561', receiptNumber: c.receipt } });
		expect(JSON.stringify(entries)).not.toContain(ID);
	});

	it('refuses with 429 and a wait in Chinese after 3 wrong pairs for one 收件编号, from any address, even the right pair', async () => {
		const mine = await newCase();
		for (let i = 0; i < 2; i++) expect((await track(anonymous(), mine.receipt, '350502198506122344')).status).toBe(404);
		const third = await fetch(`${server.url}/api/cases/track`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.${++lastAddress}` },
			body: JSON.stringify({ receiptNumber: mine.receipt, identifier: '350502198506122344' })
		});
		expect(third.status).toBe(429);
		expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await third.json()).message).toMatch(/^查询次数过多，请 15 分钟后再试/);
		expect((await track(anonymous(), mine.receipt, ID)).status).toBe(429);
		// another 受理编号 still answers
		expect((await track(anonymous(), c.receipt, ID)).status).toBe(200);
	});

	it('refuses with 429 after 4 wrong pairs from one address, whatever the 收件编号; other addresses still answer', async () => {
		const who = anonymous();
		for (let i = 1; i <= 3; i++) expect((await track(who, `QZ2099010100010${i}`, ID)).status).toBe(404);
		const fourth = await track(who, 'QZ20990101000109', ID);
		expect(fourth.status).toBe(429);
		expect(fourth.body.message).toContain('查询次数过多');
		expect((await track(who, c.receipt, ID)).status).toBe(429);
		expect((await track(anonymous(), c.receipt, ID)).status).toBe(200);
	});
});
