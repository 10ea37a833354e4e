import { describe, expect, it } from 'vitest';
import { Client, moveClock, writeFixtureCatalog } from './helpers/server';
import { useServer } from './helpers/use-server';
import { bonusSubmission } from './fixtures/catalog';

const server = useServer({ definitionsDir: writeFixtureCatalog(), testClock: true });
const as = server.as;

const { data, materials } = bonusSubmission;
const submission = bonusSubmission;

describe('HTTP API: a bundle case from submission to closing across three departments', () => {
	it('drives 中考加分确认一件事 end to end', async () => {
		const citizen = await as('zhangsan');
		const composed = await citizen.post('/api/compose', { service: { kind: 'bundle', id: 'bonus-bundle' }, answers: { kind: 'both' } });
		expect(composed.status).toBe(200);
		expect(composed.body.members.filter((m: any) => m.included)).toHaveLength(3);

		const created = await citizen.post('/api/cases', submission);
		expect(created.status).toBe(201);
		expect(created.body.receiptNumber).toMatch(/^QZ\d{8}\d{6}$/);
		expect(Date.parse(created.body.deadline)).toBeGreaterThan(Date.now());
		const id = created.body.id;

		// the front desk sees it in the inbox and accepts
		const desk = await as('center-frontdesk');
		const inbox = await desk.get('/api/tasks');
		expect(inbox.body.tasks.map((t: any) => t.caseId)).toContain(id);
		let r = await desk.post(`/api/cases/${id}/events`, { type: 'ACCEPT', version: 0 });
		expect(r.status).toBe(200);
		expect(r.body.case.version).toBe(1);

		// parallel: education asks for a correction, the citizen corrects only that field
		const eduReviewer = await as('edu-reviewer');
		expect((await eduReviewer.get('/api/tasks')).body.tasks.map((t: any) => t.label)).toContain('审查');
		r = await eduReviewer.post(`/api/cases/${id}/events`, {
			type: 'REQUEST_CORRECTION',
			version: 1,
			problems: [{ target: { kind: 'field', id: 'edu-confirm__school' }, message: '学校名称应与学籍系统一致' }]
		});
		expect(r.status).toBe(200);
		expect(r.body.clock.branches['edu-confirm'].paused).toBe(true);
		expect(r.body.clock.branches['ovs-confirm'].paused).toBe(false);
		const notAllowed = await citizen.post(`/api/cases/${id}/events`, { type: 'RESUBMIT', version: 2, data: { applicant_name: '张四' } });
		expect(notAllowed.status).toBe(422);
		expect(notAllowed.body.errors[0]).toEqual({ path: 'data.applicant_name', message: '该字段不在补正通知中，不能修改' });
		r = await citizen.post(`/api/cases/${id}/events`, { type: 'RESUBMIT', version: 2, data: { 'edu-confirm__school': '泉州第七中学' } });
		expect(r.status).toBe(200);
		expect(r.body.case.state.machine.context.data['edu-confirm__school']).toBe('泉州第七中学');

		// overseas affairs: review, inspection with the checklist, decision
		const ovs = (role: string) => as(`ovs-${role}`);
		r = await (await ovs('reviewer')).post(`/api/cases/${id}/events`, { type: 'PASS', version: 3 });
		expect(r.status).toBe(200);
		const inspector = await ovs('inspector');
		const partial = await inspector.post(`/api/cases/${id}/events`, { type: 'INSPECT', version: 4, checklist: [{ id: 'passport', passed: true }] });
		expect(partial.status).toBe(422);
		expect(partial.body.errors[0].message).toBe('未勾选「核验居住证明」');
		r = await inspector.post(`/api/cases/${id}/events`, {
			type: 'INSPECT',
			version: 4,
			checklist: [
				{ id: 'passport', passed: true },
				{ id: 'residence', passed: true, remark: '已核验' }
			]
		});
		expect(r.status).toBe(200);
		r = await (await ovs('decider')).post(`/api/cases/${id}/events`, { type: 'APPROVE', version: 5 });
		expect(r.status).toBe(200);

		// a reviewer of another department cannot act on education's branch
		const wrongDept = await (await ovs('reviewer')).post(`/api/cases/${id}/events`, { type: 'PASS', version: 6, branch: 'edu-confirm' });
		expect(wrongDept.status).toBe(403);

		r = await eduReviewer.post(`/api/cases/${id}/events`, { type: 'PASS', version: 6 });
		expect(r.status).toBe(200);
		r = await (await as('edu-decider')).post(`/api/cases/${id}/events`, { type: 'APPROVE', version: 7, opinion: '符合加分条件' });
		expect(r.status).toBe(200);
		expect(r.body.case.state.machine.value).toBe('issuing');

		// 容缺: the photo is still missing, so the window cannot close the case
		const issuer = await as('center-issuer');
		const blocked = await issuer.post(`/api/cases/${id}/events`, { type: 'ISSUE', version: 8 });
		expect(blocked.status).toBe(409);
		expect(blocked.body.message).toContain('容缺材料尚未补齐');
		const upload = await fetch(`${server.url}/api/files?name=photo.jpg`, {
			method: 'POST',
			headers: { authorization: `Bearer ${citizen.token}`, 'content-type': 'image/jpeg' },
			body: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])
		});
		expect(upload.status).toBe(201);
		const file = await upload.json();
		// what is supplied is checked like any material: another person's upload is refused
		const lisi = await as('lisi');
		const foreign = await (
			await fetch(`${server.url}/api/files?name=photo.jpg`, {
				method: 'POST',
				headers: { authorization: `Bearer ${lisi.token}`, 'content-type': 'image/jpeg' },
				body: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9])
			})
		).json();
		r = await citizen.post(`/api/cases/${id}/events`, {
			type: 'SUPPLY',
			version: 8,
			material: 'ovs-confirm__photo',
			provided: { source: 'upload', files: [foreign.id] }
		});
		expect(r.status).toBe(422);
		expect(r.body.errors).toContainEqual({ path: 'materials.ovs-confirm__photo', message: `「近期照片」的文件 ${foreign.id} 不存在` });
		r = await citizen.post(`/api/cases/${id}/events`, {
			type: 'SUPPLY',
			version: 8,
			material: 'ovs-confirm__photo',
			provided: { source: 'upload', files: [file.id] }
		});
		expect(r.status).toBe(200);
		r = await issuer.post(`/api/cases/${id}/events`, { type: 'ISSUE', version: 9, delivery: 'online' });
		expect(r.status).toBe(200);
		expect(r.body.case.status).toBe('closed');

		// the issued electronic licence is in the citizen's library
		const licences = await citizen.get('/api/licences');
		const bonus = licences.body.licences.find((l: any) => l.type === 'BONUS_CERT');
		expect(bonus).toBeTruthy();
		expect(bonus.caseId).toBe(id);

		const view = await citizen.get(`/api/cases/${id}`);
		expect(view.body.case.events.map((e: any) => e.type)).toEqual([
			'ACCEPT',
			'REQUEST_CORRECTION',
			'RESUBMIT',
			'PASS',
			'INSPECT',
			'APPROVE',
			'PASS',
			'APPROVE',
			'SUPPLY',
			'ISSUE'
		]);
		// the signed commitment (侨居证明) now waits for verification by the overseas affairs reviewers
		expect(view.body.tasks.map((t: any) => `${t.department}/${t.role}: ${t.label}`)).toEqual(['ovs/reviewer: 告知承诺核查：侨居证明']);
		const audit = await (await as('admin')).get(`/api/audit?case=${id}`);
		expect(audit.body.entries.map((e: any) => e.action)).toContain('licence.fetch');
	});

	it('refuses a stale version with 409 and the current case, overwriting nothing', async () => {
		const citizen = await as('zhangsan');
		const { body } = await citizen.post('/api/cases', submission);
		const a = await as('center-frontdesk');
		const first = await a.post(`/api/cases/${body.id}/events`, { type: 'ACCEPT', version: 0 });
		expect(first.status).toBe(200);
		const stale = await a.post(`/api/cases/${body.id}/events`, { type: 'REJECT', version: 0, reason: '材料不全' });
		expect(stale.status).toBe(409);
		expect(stale.body.message).toContain('已被他人更新');
		expect(stale.body.current.version).toBe(1);
		const now = await citizen.get(`/api/cases/${body.id}`);
		expect(now.body.case.status).toBe('active');
	});

	it('only the applicant may withdraw, whichever step the case is at', async () => {
		const citizen = await as('zhangsan');
		const { body } = await citizen.post('/api/cases', submission);
		const desk = await as('center-frontdesk');
		expect((await desk.post(`/api/cases/${body.id}/events`, { type: 'WITHDRAW', version: 0 })).status).toBe(403);
		const r = await citizen.post(`/api/cases/${body.id}/events`, { type: 'WITHDRAW', version: 0, reason: '信息填错，重新申请' });
		expect(r.status).toBe(200);
		expect(r.body.case.status).toBe('withdrawn');
	});

	it('a rejection needs a reason and ends the case', async () => {
		const citizen = await as('zhangsan');
		const { body } = await citizen.post('/api/cases', submission);
		const desk = await as('center-frontdesk');
		const noReason = await desk.post(`/api/cases/${body.id}/events`, { type: 'REJECT', version: 0 });
		expect(noReason.status).toBe(422);
		expect(noReason.body.errors[0].path).toBe('reason');
		const r = await desk.post(`/api/cases/${body.id}/events`, { type: 'REJECT', version: 0, reason: '申请人不属于加分对象' });
		expect(r.body.case.status).toBe('rejected');
	});
});

describe('HTTP API: bad input gets a specific 4xx, never a 500 or a partial write', () => {
	it('names every invalid field and material of a submission', async () => {
		const citizen = await as('zhangsan');
		const before = (await citizen.get('/api/cases')).body.cases.length;
		const r = await citizen.post('/api/cases', {
			...submission,
			data: { ...data, applicant_idNumber: '350502198506122345', applicant_name: '' },
			materials: { ...materials, licence_ID_CARD: undefined, 'ovs-confirm__residence': { source: 'deferred' } }
		});
		expect(r.status).toBe(422);
		const paths = r.body.errors.map((e: any) => e.path);
		expect(paths).toContain('data.applicant_idNumber');
		expect(paths).toContain('data.applicant_name');
		expect(paths).toContain('materials.licence_ID_CARD');
		expect(r.body.errors.find((e: any) => e.path === 'materials.ovs-confirm__residence').message).toContain('不允许容缺');
		expect((await citizen.get('/api/cases')).body.cases.length).toBe(before);
	});

	it('a file field must hold the applicant’s own upload, which the front desk can then open through the case', async () => {
		const upload = async (c: Client) => {
			const r = await fetch(`${server.url}/api/files?name=cert.pdf`, {
				method: 'POST',
				headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/pdf' },
				body: new TextEncoder().encode('%PDF-1.4')
			});
			return (await r.json()).id as string;
		};
		const lisiFile = await upload(await as('lisi'));
		const citizen = await as('zhangsan');
		const foreign = await citizen.post('/api/cases', { ...submission, data: { ...data, 'eth-confirm__certificate': lisiFile } });
		expect(foreign.status).toBe(422);
		expect(foreign.body.errors).toContainEqual({ path: 'data.eth-confirm__certificate', message: '民族成分证明扫描件：文件不存在或不属于您' });
		const own = await upload(citizen);
		const ok = await citizen.post('/api/cases', { ...submission, data: { ...data, 'eth-confirm__certificate': own } });
		expect(ok.status).toBe(201);
		const desk = await as('center-frontdesk');
		expect((await desk.get(`/api/files/${own}`)).status).toBe(403);
		const served = await fetch(`${server.url}/api/files/${own}?case=${ok.body.id}`, { headers: { authorization: `Bearer ${desk.token}` } });
		expect(served.status).toBe(200);
		expect(served.headers.get('content-type')).toBe('application/pdf');
		expect(served.headers.get('x-content-type-options')).toBe('nosniff');
		// a page is not a material: refused by its content (tests/unit/security-files.test.ts covers every route)
		const page = await fetch(`${server.url}/api/files?name=x.html`, {
			method: 'POST',
			headers: { authorization: `Bearer ${citizen.token}`, 'content-type': 'text/html' },
			body: '<script>alert(1)</script>'
		});
		expect(page.status).toBe(415);
		expect((await page.json()).message).toContain('文件「x.html」的内容是网页或 XML 文本');
		// the read-only form on the case page links the file by its name, through the case
		const casePage = await (await fetch(`${server.url}/workbench/cases/${ok.body.id}`, { headers: { authorization: `Bearer ${desk.token}` } })).text();
		expect(casePage).toContain(`href="/api/files/${own}?case=${ok.body.id}"`);
		expect(casePage).toMatch(new RegExp(`${own}\\?case=[^"]+"[^>]*>cert\\.pdf</a>`));
	});

	it('a 补正 of a licence-backed material is resubmitted from the licence library only with the applicant’s consent', async () => {
		const citizen = await as('zhangsan');
		const id = (await citizen.post('/api/cases', submission)).body.id;
		const desk = await as('center-frontdesk');
		expect(
			(
				await desk.post(`/api/cases/${id}/events`, {
					type: 'REQUEST_CORRECTION',
					version: 0,
					problems: [{ target: { kind: 'material', id: 'licence_ID_CARD' }, message: '请重新提供身份证' }]
				})
			).status
		).toBe(200);
		const again = { type: 'RESUBMIT', version: 1, materials: { licence_ID_CARD: { source: 'licence', licenceId: 'lic-demo-zhangsan-id_card' } } };
		const refused = await citizen.post(`/api/cases/${id}/events`, again);
		expect(refused.status).toBe(422);
		expect(refused.body.errors).toContainEqual({ path: 'materials.licence_ID_CARD', message: '调取电子证照「居民身份证」须先勾选授权' });
		const ok = await citizen.post(`/api/cases/${id}/events`, { ...again, licenceConsent: true });
		expect(ok.status, JSON.stringify(ok.body)).toBe(200);
	});

	it('a 容缺 material asked for in a 补正 and provided there leaves the 容缺 list; it cannot be deferred again', async () => {
		const citizen = await as('zhangsan');
		const id = (await citizen.post('/api/cases', submission)).body.id;
		const desk = await as('center-frontdesk');
		expect(
			(
				await desk.post(`/api/cases/${id}/events`, {
					type: 'REQUEST_CORRECTION',
					version: 0,
					problems: [{ target: { kind: 'material', id: 'ovs-confirm__photo' }, message: '请现在提供照片' }]
				})
			).status
		).toBe(200);
		const again = await citizen.post(`/api/cases/${id}/events`, { type: 'RESUBMIT', version: 1, materials: { 'ovs-confirm__photo': { source: 'deferred' } } });
		expect(again.status).toBe(422);
		expect(again.body.errors).toContainEqual({ path: 'materials.ovs-confirm__photo', message: '补正或补交时须实际提供材料，不能再容缺' });
		const photo = await (
			await fetch(`${server.url}/api/files?name=photo.jpg`, {
				method: 'POST',
				headers: { authorization: `Bearer ${citizen.token}`, 'content-type': 'image/jpeg' },
				body: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 7])
			})
		).json();
		const r = await citizen.post(`/api/cases/${id}/events`, {
			type: 'RESUBMIT',
			version: 1,
			materials: { 'ovs-confirm__photo': { source: 'upload', files: [photo.id] } }
		});
		expect(r.status, JSON.stringify(r.body)).toBe(200);
		expect(r.body.case.state.machine.context.pending).toEqual([]);
	});

	it('a file too large for the platform, posted without JavaScript, is named in the form; what was typed stays', async () => {
		const citizen = await as('zhangsan');
		const form = new FormData();
		form.set('d:applicant_name', '张三丰');
		form.set('d:ethnicity', '回族');
		form.set('d:certificate:file', new File([new Uint8Array(11 * 1024 * 1024)], 'scan.pdf', { type: 'application/pdf' }));
		const r = await fetch(`${server.url}/apply/item/eth-confirm?/submit`, {
			method: 'POST',
			headers: { authorization: `Bearer ${citizen.token}`, origin: server.url, accept: 'text/html' },
			body: form
		});
		expect(r.status).toBe(422);
		const html = await r.text();
		expect(html).toContain('文件「scan.pdf」过大：每个文件不能超过 10 MB（收到 11 MB）');
		expect(html).toContain('value="张三丰"');
	});

	it('concurrent submissions get distinct receipt numbers', async () => {
		const citizen = await as('zhangsan');
		const created = await Promise.all(Array.from({ length: 8 }, () => citizen.post('/api/cases', submission)));
		expect(created.map((r) => r.status)).toEqual(Array(8).fill(201));
		expect(new Set(created.map((r) => r.body.receiptNumber)).size).toBe(8);
	});

	it('an item version that would break a published bundle is refused at publish, naming the bundle and the field', async () => {
		const admin = await as('admin');
		const current = (await admin.get('/api/items/eth-confirm')).body;
		const next = structuredClone(current.definition);
		next.form.schema.properties.name = { ...next.form.schema.properties.name, maxLength: 4 };
		expect((await admin.call('PUT', '/api/items/eth-confirm', next)).status).toBe(200);
		const refused = await admin.post('/api/items/eth-confirm/publish', { note: '姓名限 4 字' });
		expect(refused.status).toBe(422);
		expect(
			refused.body.errors.some(
				(e: any) => e.path.startsWith('bundles/bonus-bundle') && e.message.startsWith('一件事「') && e.message.includes('applicant_name')
			)
		).toBe(true);
		expect(current.version).toBe(1);
		expect((await admin.get('/api/items/eth-confirm')).body.version).toBe(1);
		// an outside platform may address the item by its 实施编码, for reading and for writing alike
		const byCode = await admin.call('PUT', `/api/items/${current.definition.implementationCode}`, current.definition);
		expect(byCode.status, JSON.stringify(byCode.body)).toBe(200);
		expect(byCode.body.id).toBe('eth-confirm');
	});

	it('studio drafts: work in progress is saved unchecked, a checked save names the place, a stale save gets their version by name', async () => {
		const admin = await as('admin');
		const current = (await admin.get('/api/items/edu-confirm')).body;
		const wip = { ...structuredClone(current.definition), basicCode: '', legalLimitDays: '二十' };
		// 保存草稿 checks fully: the path stays for API clients, the label names the element
		const checked = await admin.call('PUT', '/api/items/edu-confirm', wip, { 'if-match': String(current.rev) });
		expect(checked.status).toBe(422);
		expect(checked.body.errors).toContainEqual(expect.objectContaining({ path: 'legalLimitDays', label: '法定办结时限', message: '应为数字' }));
		// the autosave keeps it all the same
		const saved = await admin.call('PUT', '/api/items/edu-confirm?check=false', wip, { 'if-match': String(current.rev) });
		expect(saved.status, JSON.stringify(saved.body)).toBe(200);
		expect(saved.body.draft.definition.legalLimitDays).toBe('二十');
		// only a well-formed id is taken unchecked
		const badId = await admin.call('PUT', '/api/items/edu-confirm?check=false', { ...wip, id: 'Bad ID' });
		expect(badId.status).toBe(422);
		expect(badId.body.errors[0]).toMatchObject({ path: 'id', label: '事项标识' });
		// a save on the old rev: 409 with what was saved, when and by whom (a name, not the account id)
		const stale = await admin.call('PUT', '/api/items/edu-confirm?check=false', current.definition, { 'if-match': String(current.rev) });
		expect(stale.status).toBe(409);
		expect(stale.body.theirs).toMatchObject({ rev: saved.body.rev, by: '系统管理员' });
		expect(stale.body.theirs.definition.legalLimitDays).toBe('二十');
		// publishing runs the full check on it
		expect((await admin.post('/api/items/edu-confirm/publish', { note: '未完成的修改' })).status).toBe(422);
		const restored = await admin.call('PUT', '/api/items/edu-confirm', current.definition, { 'if-match': String(saved.body.rev) });
		expect(restored.status).toBe(200);
	});

	it('malformed JSON, unknown ids, wrong types, oversized bodies, no session', async () => {
		const citizen = await as('zhangsan');
		const bad = await citizen.call('POST', '/api/cases', '{"service": ');
		expect(bad.status).toBe(400);
		expect(bad.body.message).toContain('不是合法的 JSON');
		const unknown = await citizen.post('/api/cases', { ...submission, service: { kind: 'bundle', id: 'no-such' } });
		expect(unknown.status).toBe(404);
		expect(unknown.body.message).toContain('no-such');
		const wrongType = await citizen.post('/api/cases', { ...submission, answers: 'both' });
		expect(wrongType.status).toBe(422);
		expect(wrongType.body.errors[0].path).toBe('answers');
		const huge = await citizen.call('POST', '/api/compose', JSON.stringify({ service: { kind: 'item', id: 'x' }, answers: { a: 'x'.repeat(2_000_000) } }));
		expect(huge.status).toBe(413);
		expect((await new Client(server.url).post('/api/cases', submission)).status).toBe(401);
		expect((await citizen.get('/api/cases/nope')).status).toBe(404);
		const badEvent = await citizen.post('/api/cases/nope/events', { type: 'FLY', version: 0 });
		expect(badEvent.status).toBe(422);
		expect(badEvent.body.errors[0].path).toBe('type');
		expect((await citizen.get('/api/items/edu-confirm?version=abc')).status).toBe(422);
		expect((await citizen.get('/api/items/edu-confirm?version=9')).status).toBe(404);
		expect((await citizen.post('/api/session', { username: 'zhangsan', password: 'wrong' })).status).toBe(401);
	});
});

describe('容缺受理: a material promised later that never comes ends the case', () => {
	// runs last in this file: it moves the clock
	it('the deadline timer ends the case, says why, removes the tasks, and refuses further actions', async () => {
		const citizen = await as('zhangsan');
		const id = (await citizen.post('/api/cases', submission)).body.id;
		expect((await (await as('center-frontdesk')).post(`/api/cases/${id}/events`, { type: 'ACCEPT', version: 0 })).status).toBe(200);
		// 3 working days to supply the photo: a day later nothing happens
		let moved = await moveClock(server.url, 24);
		expect(moved.body.ended).not.toContain(id);
		moved = await moveClock(server.url, 10 * 24);
		expect(moved.body.ended).toContain(id);

		const view = (await (await as('zhangsan')).get(`/api/cases/${id}`)).body;
		expect(view.case.status).toBe('terminated');
		const last = view.case.events.at(-1);
		expect(last.type).toBe('TERMINATE');
		expect(last.actor.name).toBe('系统（时限监控）');
		expect(last.payload.reason).toBe('容缺材料「近期照片」未在承诺期限内补交，办件终止');
		expect(view.actions).toEqual([]);
		const reviewer = await as('edu-reviewer');
		expect((await reviewer.get('/api/tasks')).body.tasks.map((t: any) => t.caseId)).not.toContain(id);
		const refused = await reviewer.post(`/api/cases/${id}/events`, { type: 'PASS', version: view.case.version, branch: 'edu-confirm' });
		expect(refused.status).toBe(409);
		// a second sweep does not end it twice
		expect((await moveClock(server.url, 1)).body.ended).not.toContain(id);
	});
});

describe('sessions', () => {
	it('signing out ends the session at once: the same token is refused by bearer and by cookie', async () => {
		const citizen = await as('lisi');
		expect((await citizen.get('/api/session')).status).toBe(200);
		const cookie = { cookie: `session=${citizen.token}` };
		expect((await new Client(server.url).call('GET', '/api/session', undefined, cookie)).status).toBe(200);
		expect((await citizen.call('DELETE', '/api/session')).status).toBe(200);
		expect((await citizen.get('/api/session')).status).toBe(401);
		expect((await new Client(server.url).call('GET', '/api/session', undefined, cookie)).status).toBe(401);
	});
});
