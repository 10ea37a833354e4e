// Personal identifiers through the built server (npx vite build first): a citizen's application leaves no ID or phone
// number on disk (PGlite and lowdb), staff find it by the ID number, viewers who do not act on it see masks, and a server
// started with another key refuses to start.
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteDriver } from '../../runtime/server/sql/driver';
import { Client, startServer, type RunningServer } from './helpers/server';
import { submitTuixiu, TUIXIU } from './helpers/catalog-data';

const ID = TUIXIU.data.applicant_idNumber; // lisi's, also in her account profile and her ID card licence
const PHONE = TUIXIU.data.contact_phone;
const BANK = TUIXIU.data.bank_pensionAccount;
const MEDICAL = TUIXIU.data.bank_medicalInsuranceAccount;
const EMPLOYER = TUIXIU.data.employment_employer; // not an identifier: stored as it is (the control)

function expectNothingPersonal(stored: string) {
	expect(stored.includes(EMPLOYER), 'the control value is stored').toBe(true);
	for (const [name, v] of Object.entries({ ID, PHONE, BANK, MEDICAL })) expect(stored.includes(v), `${name} ${v} stored`).toBe(false);
}

/** Every row of every table of a stopped server's PGlite database, as text (PostgreSQL compresses large rows on disk). */
async function pgliteRows(dataDir: string): Promise<string> {
	const db = await pgliteDriver(join(dataDir, 'pg'));
	try {
		const tables = (await db.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.name);
		expect(tables).toEqual(expect.arrayContaining(['cases', 'case_events', 'accounts', 'licences', 'drafts', 'audit']));
		const out: string[] = [];
		for (const t of tables) for (const r of (await db.query<{ row: string }>(`SELECT t::text AS row FROM ${t} t`)).rows) out.push(r.row);
		return out.join('\n');
	} finally {
		await db.close();
	}
}

describe('the default store (PGlite) behind the server', () => {
	let server: RunningServer;
	let caseId: string;
	const as = async (user: string) => {
		const c = new Client(server.url);
		await c.login(user);
		return c;
	};
	beforeAll(async () => {
		server = await startServer({ definitionsDir: resolve('definitions') });
		caseId = await submitTuixiu(server.url, await as('lisi'));
	}, 120_000);
	afterAll(async () => {
		await server?.stop();
		rmSync(server.dataDir, { recursive: true, force: true });
	});

	it('shows the applicant and the officer acting on the case the full numbers, everyone else masks', async () => {
		const view = async (user: string) => {
			const r = await (await as(user)).get(`/api/cases/${caseId}`);
			expect(r.status, JSON.stringify(r.body)).toBe(200);
			return { masked: r.body.masked, data: r.body.case.state.machine.context.data };
		};
		for (const user of ['lisi', 'qz-zwfw-frontdesk'])
			expect(await view(user), user).toMatchObject({ masked: false, data: { applicant_idNumber: ID, contact_phone: PHONE } });
		expect(await view('admin')).toMatchObject({
			masked: true,
			data: {
				applicant_idNumber: '3505**********4561',
				contact_phone: '138****9876',
				bank_pensionAccount: '***************4567',
				bank_medicalInsuranceAccount: '***************4321',
				applicant_name: '李四'
			}
		});
		const frontDesk = await as('qz-zwfw-frontdesk');
		expect((await frontDesk.post(`/api/cases/${caseId}/events`, { type: 'ACCEPT', version: 0 })).status).toBe(200);
		// accepted: the front desk's step is done, the two reviewing departments act now
		expect(await view('qz-zwfw-frontdesk')).toMatchObject({ masked: true, data: { applicant_idNumber: '3505**********4561' } });
		expect(await view('qz-rsj-reviewer')).toMatchObject({ masked: false, data: { applicant_idNumber: ID } });
		const page = await (await as('admin')).get(`/workbench/cases/${caseId}`);
		expect(page.body).toContain('3505**********4561');
		expect(page.body).toContain('已脱敏显示');
		expect(page.body).not.toContain(ID);
	});

	it('finds the case by the ID or phone number for staff of the departments it involves, audited with the number masked', async () => {
		const find = async (user: string, identifier: string) => (await as(user)).post('/api/cases/search', { identifier });
		const ids = (r: { body: { cases: { id: string }[] } }) => r.body.cases.map((c) => c.id);
		expect(ids(await find('qz-zwfw-frontdesk2', ID))).toContain(caseId);
		expect(ids(await find('qz-yibao-reviewer', ` ${PHONE} `))).toContain(caseId);
		expect(ids(await find('qz-edu-reviewer', ID))).toEqual([]);
		expect(ids(await find('qz-zwfw-frontdesk2', '350521197001014562'))).toEqual([]);
		expect(await find('lisi', ID)).toMatchObject({ status: 403, body: { message: '只有工作人员可以按证件号码查找办件' } });
		expect(await find('qz-zwfw-frontdesk2', '12')).toMatchObject({ status: 400 });
		// the workbench's form: posted (the number stays out of the URL), answered with the number masked
		const page = await (
			await as('qz-zwfw-frontdesk2')
		).call('POST', '/workbench?/find', `identifier=${ID}`, {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin: server.url
		});
		expect(page.body).toContain('3505**********4561 的办件（');
		expect(page.body).toContain(`/workbench/cases/${caseId}`);
		expect(page.body).not.toContain(ID);
		const audit = (await (await as('admin')).get('/api/audit?actor=qz-zwfw-frontdesk2')).body.entries;
		expect(audit.filter((e: any) => e.action === 'case.search').map((e: any) => e.detail.identifier)).toContain('3505**********4561');
		expect(JSON.stringify(audit)).not.toContain(ID);
	});

	it('keeps full numbers out of lists: the inbox, 我的办件, the audit log', async () => {
		const lists = [
			(await (await as('qz-rsj-reviewer')).get('/api/tasks')).body,
			(await (await as('lisi')).get('/api/cases')).body,
			(await (await as('admin')).get('/api/audit')).body,
			(await (await as('qz-rsj-reviewer')).get('/workbench')).body
		];
		for (const l of lists) for (const v of [ID, PHONE]) expect(JSON.stringify(l)).not.toContain(v);
		expect(JSON.stringify(lists[0])).toContain(caseId);
	});

	it('has written no ID, phone or bank account number to disk, and refuses to start with another key', async () => {
		await server.stop();
		expectNothingPersonal(await pgliteRows(server.dataDir));
		const other = Buffer.alloc(32, 7).toString('base64');
		await expect(startServer({ dataDir: server.dataDir, definitionsDir: resolve('definitions'), env: { PII_KEY: other } })).rejects.toThrow(
			/PII_KEY 与已存数据不符：数据由密钥 \w{8} 加密，当前配置的密钥为 \w{8}/
		);
		server = await startServer({ dataDir: server.dataDir, definitionsDir: resolve('definitions') });
		const r = await (await as('lisi')).get(`/api/cases/${caseId}`);
		expect(r.body.case.state.machine.context.data.applicant_idNumber).toBe(ID);
	}, 120_000);
});

describe('the lowdb store behind the server', () => {
	it('holds no ID, phone or bank account number in store.json after an application, under the gm suite too', async () => {
		const server = await startServer({ definitionsDir: resolve('definitions'), env: { STORE: 'lowdb', CRYPTO_SUITE: 'gm' } });
		try {
			const lisi = new Client(server.url);
			await lisi.login('lisi');
			await submitTuixiu(server.url, lisi);
		} finally {
			await server.stop();
		}
		const file = readFileSync(join(server.dataDir, 'store.json'), 'utf8');
		expectNothingPersonal(file);
		expect(file).toMatch(/"applicant_idNumber": ?"enc:v1:sm4cbc-hsm3:\w{8}:/);
		expect(file).not.toContain('a256gcm');
		rmSync(server.dataDir, { recursive: true, force: true });
	}, 120_000);
});
