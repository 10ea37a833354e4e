// The shipped catalog (definitions/) driven over the HTTP API as citizens and officers would.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../../runtime/core/check';
import { readCatalogDir } from '../../runtime/server/catalog-dir';
import { moveClock } from './helpers/server';
import { useServer } from './helpers/use-server';
import { closedTeacherCase, provideMaterials, SCHOOL, TUIXIU } from './helpers/catalog-data';
import { DOCX_BYTES } from './helpers/disguised';

const server = useServer({ definitionsDir: 'definitions', testClock: true });
const as = server.as;

describe('民办学校设立一件事 on the shipped catalog', () => {
	const answers = { stage: 'establish', nature: 'nonprofit', 'minban-xuexiao-sheli.prepared': 'no', 'minban-xuexiao-sheli.services': ['canteen', 'boarding'] };
	const data = {
		...SCHOOL,
		'minban-xuexiao-sheli__teachers': [{ name: '王芳', idNumber: '350503199001011236', certificate: '20193500142001234' }],
		'minfei-dengji__registeredCapital': 300
	};

	it('composes education + civil affairs, shares the school licence inside the bundle, and runs to both certificates', async () => {
		const citizen = await as('lisi');
		const composed = await citizen.post('/api/compose', { service: { kind: 'bundle', id: 'minban-xuexiao' }, answers });
		expect(composed.status).toBe(200);
		const svc = composed.body;
		expect(svc.members.filter((m: any) => m.included).map((m: any) => m.item)).toEqual(['minban-xuexiao-sheli', 'minfei-dengji']);
		// the licence education issues is not asked of the applicant for the civil-affairs registration
		expect(svc.sharedInBundle.map((s: any) => `${s.name}←${s.producedBy}`)).toEqual(['民办学校办学许可证←minban-xuexiao-sheli']);
		// a multiple-choice situation: each service ticked asks for its own proof
		const names = svc.materials.map((m: any) => m.name);
		expect(names).toEqual(expect.arrayContaining(['食品经营许可证', '学生宿舍安全检查合格证明']));
		expect(names).not.toContain('校车使用许可');
		expect(svc.materials.map((m: any) => m.name)).not.toContain('民办学校办学许可证');
		// the charter both items ask for is asked once
		const charter = svc.materials.filter((m: any) => m.name === '学校章程');
		expect(charter).toHaveLength(1);
		expect(charter[0].origins.map((o: any) => o.item)).toEqual(['minban-xuexiao-sheli', 'minfei-dengji']);
		expect(svc.conflicts).toEqual([]);

		const created = await citizen.post('/api/cases', {
			service: { kind: 'bundle', id: 'minban-xuexiao' },
			answers,
			data,
			materials: await provideMaterials(server.url, citizen, svc.materials),
			consents: { licenceFetch: true }
		});
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		const id = created.body.id;
		let version = 0;
		const act = async (user: string, body: Record<string, unknown>) => {
			const r = await (await as(user)).post(`/api/cases/${id}/events`, { version, ...body });
			expect(r.status, `${user} ${body.type}: ${JSON.stringify(r.body)}`).toBe(200);
			version = r.body.case.version;
			return r.body;
		};

		await act('qz-zwfw-frontdesk', { type: 'ACCEPT' });
		await act('qz-edu-reviewer', { type: 'PASS' });
		let view = await act('qz-minzheng-reviewer', { type: 'PASS' });
		// 现场踏勘 stops education's clock, not civil affairs'
		expect(view.clock.branches['minban-xuexiao-sheli'].paused).toBe(true);
		expect(view.clock.branches['minfei-dengji'].paused).toBe(false);
		const inspector = await as('qz-edu-inspector');
		const inbox = await inspector.get('/api/tasks');
		expect(inbox.body.tasks.find((t: any) => t.caseId === id)?.label).toBe('现场踏勘');
		const checklist = ['area', 'fire', 'classroom', 'playground', 'security'].map((c) => ({ id: c, passed: true }));
		await act('qz-edu-inspector', { type: 'INSPECT', checklist: [...checklist, { id: 'canteen', passed: false, remark: '未设食堂' }] });
		await act('qz-edu-decider', { type: 'APPROVE', opinion: '符合设置标准' });
		view = await act('qz-minzheng-decider', { type: 'APPROVE' });
		expect(view.case.state.machine.value).toBe('issuing');
		view = await act('qz-zwfw-issuer', { type: 'ISSUE', delivery: 'window' });
		expect(view.case.status).toBe('closed');
		// the log keeps each standard's text and whether it was required, so the record reads (and replays) as decided
		const inspection = view.case.events.find((e: any) => e.type === 'INSPECT');
		expect(inspection.payload.checklist.find((t: any) => t.id === 'canteen')).toEqual({
			id: 'canteen',
			passed: false,
			remark: '未设食堂',
			standard: '设有食堂的，取得食品经营许可',
			required: false
		});

		const licences = (await citizen.get('/api/licences')).body.licences.filter((l: any) => l.caseId === id);
		expect(licences.map((l: any) => l.type).sort()).toEqual(['PRIVATE_NONENTERPRISE_CERT', 'PRIVATE_SCHOOL_LICENCE']);
	});

	it('a failed required inspection standard denies the school licence', async () => {
		const citizen = await as('lisi');
		const svc = (await citizen.post('/api/compose', { service: { kind: 'bundle', id: 'minban-xuexiao' }, answers })).body;
		const created = await citizen.post('/api/cases', {
			service: { kind: 'bundle', id: 'minban-xuexiao' },
			answers,
			data,
			materials: await provideMaterials(server.url, citizen, svc.materials),
			consents: { licenceFetch: true }
		});
		const id = created.body.id;
		const post = async (user: string, body: Record<string, unknown>) => (await as(user)).post(`/api/cases/${id}/events`, body);
		await post('qz-zwfw-frontdesk', { type: 'ACCEPT', version: 0 });
		await post('qz-edu-reviewer', { type: 'PASS', version: 1 });
		const ticks = ['area', 'classroom', 'playground', 'security', 'canteen'].map((c) => ({ id: c, passed: true }));
		const r = await post('qz-edu-inspector', { type: 'INSPECT', version: 2, checklist: [...ticks, { id: 'fire', passed: false, remark: '疏散通道堵塞' }] });
		expect(r.status).toBe(200);
		expect(r.body.clock.branches['minban-xuexiao-sheli'].finishedAt).toBeTruthy();
		// the 民非登记 waits for the school licence: it ends with the reason, and no 民非 certificate is issued for a school without a licence
		const ctx = r.body.case.state.machine.context;
		expect(ctx.outcomes).toEqual({ 'minban-xuexiao-sheli': 'denied', 'minfei-dengji': 'denied' });
		expect(ctx.outcomeReasons['minfei-dengji']).toContain('民办学校设立');
		expect(r.body.case.status).toBe('denied');
		expect(r.body.case.state.results).toEqual([]);
	});
});

describe('退休一件事: 签收, working-day deadlines and overdue flags', () => {
	const { data, answers } = TUIXIU;

	it('one officer claims, a colleague cannot act or claim until it is released', async () => {
		const citizen = await as('lisi');
		const svc = (await citizen.post('/api/compose', { service: { kind: 'bundle', id: 'tuixiu' }, answers })).body;
		expect(svc.materials.map((m: any) => m.name)).not.toContain('退休审批材料');
		const created = await citizen.post('/api/cases', {
			service: { kind: 'bundle', id: 'tuixiu' },
			answers,
			data,
			materials: await provideMaterials(server.url, citizen, svc.materials),
			consents: { licenceFetch: true }
		});
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		const id = created.body.id;
		const deskA = await as('qz-zwfw-frontdesk');
		const deskB = await as('qz-zwfw-frontdesk2');
		const task = (await deskA.get('/api/tasks')).body.tasks.find((t: any) => t.caseId === id);
		expect((await deskA.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
		const taken = await deskB.post(`/api/tasks/${task.id}/claim`);
		expect(taken.status).toBe(409);
		expect(taken.body.message).toContain('已由 行政服务中心综合受理窗口 签收');
		const blocked = await deskB.post(`/api/cases/${id}/events`, { type: 'ACCEPT', version: 0 });
		expect(blocked.status).toBe(409);
		expect(blocked.body.message).toContain('签收');
		expect((await deskB.call('DELETE', `/api/tasks/${task.id}/claim`)).status).toBe(409);
		expect((await deskA.call('DELETE', `/api/tasks/${task.id}/claim`)).status).toBe(200);
		expect((await deskB.post(`/api/cases/${id}/events`, { type: 'ACCEPT', version: 0 })).status).toBe(200);
		// administrators read who claimed, released, viewed and acted, found by 受理编号 and username
		const admin = await as('admin');
		const audit = async (query: string) =>
			(await fetch(`${server.url}/workbench/audit?${query}`, { headers: { authorization: `Bearer ${admin.token}`, accept: 'text/html' } })).text();
		const byCase = await audit(`case=${created.body.receiptNumber}`);
		for (const action of ['签收待办', '释放待办', '办理：受理', '查看办件']) expect(byCase).toContain(action);
		expect(byCase).toContain(`>${created.body.receiptNumber}</a>`);
		expect((await admin.get(`/api/audit?case=${created.body.receiptNumber}`)).body.entries.map((e: any) => e.action)).toEqual(
			expect.arrayContaining(['task.claim', 'task.release', 'case.ACCEPT'])
		);
		const byPerson = await audit('actor=qz-zwfw-frontdesk2');
		expect(byPerson).toContain('办理：受理');
		expect(byPerson).not.toContain('签收待办');
	});

	it('withdrawing while one department waits for a correction ends the whole case; no department counts as approved', async () => {
		const citizen = await as('lisi');
		const svc = (await citizen.post('/api/compose', { service: { kind: 'bundle', id: 'tuixiu' }, answers })).body;
		const id = (
			await citizen.post('/api/cases', {
				service: { kind: 'bundle', id: 'tuixiu' },
				answers,
				data,
				materials: await provideMaterials(server.url, citizen, svc.materials),
				consents: { licenceFetch: true }
			})
		).body.id;
		expect((await (await as('qz-zwfw-frontdesk')).post(`/api/cases/${id}/events`, { type: 'ACCEPT', version: 0 })).status).toBe(200);
		const asked = await (
			await as('qz-rsj-reviewer')
		).post(`/api/cases/${id}/events`, {
			type: 'REQUEST_CORRECTION',
			version: 1,
			branch: 'tuixiu-shenpi',
			problems: [{ target: { kind: 'field', id: 'contact_phone' }, message: '请核对联系电话' }]
		});
		expect(asked.status, JSON.stringify(asked.body)).toBe(200);
		const withdrawn = await citizen.post(`/api/cases/${id}/events`, { type: 'WITHDRAW', version: 2, reason: '暂不退休' });
		expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
		expect(withdrawn.body.case.status).toBe('withdrawn');
		expect(withdrawn.body.case.state.machine.value).toBe('withdrawn');
		expect(withdrawn.body.case.state.machine.context.outcomes).toEqual({});
		expect(withdrawn.body.actions).toEqual([]);
	});

	it('a case left at the front desk is flagged once its intake step is late, and deemed accepted after 5 working days', async () => {
		const citizen = await as('lisi');
		const svc = (await citizen.post('/api/compose', { service: { kind: 'bundle', id: 'tuixiu' }, answers })).body;
		const created = await citizen.post('/api/cases', {
			service: { kind: 'bundle', id: 'tuixiu' },
			answers,
			data,
			materials: await provideMaterials(server.url, citizen, svc.materials),
			consents: { licenceFetch: true }
		});
		const id = created.body.id;
		const desk = await as('qz-zwfw-frontdesk');
		let view = (await desk.get(`/api/cases/${id}`)).body;
		expect(view.clock.case.overdue).toBe(false);
		expect(view.clock.intakeOverdue).toBe(false);
		expect(view.clock.case.remainingDays).toBeGreaterThan(4);
		// five days on: the intake step's own half day is over, the case is still in time
		expect((await moveClock(server.url, 5 * 24)).status).toBe(200);
		const soon = (await (await as('qz-zwfw-frontdesk')).get('/api/tasks')).body.tasks.find((t: any) => t.caseId === id);
		expect(soon).toMatchObject({ stepLate: true, overdue: false, intakeOverdue: false });
		// 行政许可法 art. 32: undecided for 5 working days, the timer accepts it (视为受理) as from the day it was received
		const moved = await moveClock(server.url, 25 * 24);
		expect(moved.status).toBe(200);
		expect(moved.body.accepted).toContain(id);
		const later = await as('qz-zwfw-frontdesk'); // the old session expired with the clock
		view = (await later.get(`/api/cases/${id}`)).body;
		expect(view.acceptance).toMatchObject({ number: expect.stringMatching(/^QZSL\d{14}$/), deemed: true });
		expect(view.case.events.at(-1)).toMatchObject({ type: 'ACCEPT', actor: { id: 'system' }, payload: { deemed: true } });
		expect(view.clock.intakeOverdue).toBe(false);
		expect(view.clock.case.overdue).toBe(true);
		expect(view.clock.case.remainingDays).toBeLessThan(0);
		expect((await later.get('/api/tasks')).body.tasks.find((t: any) => t.caseId === id)).toBeUndefined();
	});
});

describe('教师资格认定: a signed commitment is verified after the decision', () => {
	it('creates a verification task for education; a false commitment revokes the certificate', async () => {
		const citizen = await as('lisi');
		const { id, version } = await closedTeacherCase(server.url, as);
		const reviewer = await as('qz-edu-reviewer');
		const task = (await reviewer.get('/api/tasks')).body.tasks.find((t: any) => t.caseId === id);
		expect(task.label).toBe('告知承诺核查：无犯罪记录证明');
		expect(task.tab).toBe('verify');
		const vid = task.statePath.replace('verify:', '');
		const outsider = await (await as('qz-minzheng-reviewer')).post(`/api/cases/${id}/verifications/${vid}`, { version, result: 'false', note: '查无此事' });
		expect(outsider.status).toBe(403);
		const noNote = await reviewer.post(`/api/cases/${id}/verifications/${vid}`, { version, result: 'false' });
		expect(noNote.status).toBe(422);
		expect(noNote.body.errors[0].path).toBe('note');
		const r = await reviewer.post(`/api/cases/${id}/verifications/${vid}`, { version, result: 'false', note: '公安机关记录显示申请人有犯罪记录' });
		expect(r.status, JSON.stringify(r.body)).toBe(200);
		expect(r.body.case.state.verifications[0].status).toBe('false');
		expect((await reviewer.get('/api/tasks')).body.tasks.some((t: any) => t.caseId === id)).toBe(false);
		const licenceId = r.body.case.state.results[0].licence.id;
		const download = await citizen.get(`/api/licences/${licenceId}/download`);
		expect(download.body.licence.revokedReason).toBe('告知承诺不实：公安机关记录显示申请人有犯罪记录');
		const again = await reviewer.post(`/api/cases/${id}/verifications/${vid}`, { version: version + 1, result: 'confirmed', note: '复查' });
		expect(again.status).toBe(409);
	});
});

describe('即办件: 教师资格证书补发 is decided at acceptance, in one step', () => {
	it('the front desk accepts and the certificate is issued at once', async () => {
		const citizen = await as('lisi');
		const answers = { reason: 'lost' };
		const svc = (await citizen.post('/api/compose', { service: { kind: 'item', id: 'jiaoshi-zige-buban' }, answers })).body;
		const data = { applicant_name: '李四', applicant_idNumber: '350521197001014561', contact_phone: '13805959876', certificateNumber: '20013500121000321' };
		const created = await citizen.post('/api/cases', {
			service: { kind: 'item', id: 'jiaoshi-zige-buban' },
			answers,
			data,
			materials: await provideMaterials(server.url, citizen, svc.materials),
			consents: { licenceFetch: true }
		});
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		const desk = await as('qz-zwfw-frontdesk');
		const r = await desk.post(`/api/cases/${created.body.id}/events`, { type: 'ACCEPT', version: 0 });
		expect(r.status, JSON.stringify(r.body)).toBe(200);
		expect(r.body.case.status).toBe('closed');
		expect(r.body.case.events.map((e: any) => e.type)).toEqual(['ACCEPT']);
		expect(r.body.case.state.results.map((x: any) => x.name)).toEqual(['教师资格证书（补发）']);
		expect((await (await as('qz-zwfw-issuer')).get('/api/tasks')).body.tasks.some((t: any) => t.caseId === created.body.id)).toBe(false);
	});
});

describe('办事指南: every standard element, readable without signing in or JavaScript', () => {
	it('shows power source, level, service objects, online depth, result and delivery, and how each material is given', async () => {
		const html = await (await fetch(`${server.url}/items/minban-xuexiao-choushe`)).text();
		for (const text of [
			'权力来源',
			'法定本级行使',
			'行使层级',
			'市级',
			'服务对象',
			'网上办理深度',
			'四级：全程网办',
			'批准文件：民办学校筹设批准书（电子证照），有效期 3 年',
			'送达方式',
			'窗口领取、邮寄送达'
		])
			expect(html, text).toContain(text);
		expect(html).toMatch(/可容缺，受理后 \d+(\.5)? 个工作日内补交/);
	});

	it('the home page groups services by life event, or by department', async () => {
		const byTheme = await (await fetch(`${server.url}/`)).text();
		const byDept = await (await fetch(`${server.url}/?by=department`)).text();
		const headings = (html: string) => [...html.matchAll(/<h3 class="theme[^"]*">([^<]+)<\/h3>/g)].map((m) => m[1]);
		expect(headings(byDept)).toEqual(expect.arrayContaining(['泉州市教育局', '泉州市人力资源和社会保障局']));
		expect(headings(byTheme)).not.toContain('泉州市教育局');
		expect(headings(byTheme).length).toBeGreaterThan(1);
	});

	it('the bundle guide says in words when each member applies, and lists every member’s conditions, fees and places', async () => {
		const html = await (await fetch(`${server.url}/bundles/minban-xuexiao`)).text();
		expect(html).toContain('适用：「本次申请办理哪个阶段？」为「正式设立并办理法人登记」，且「学校的性质？」为「非营利性民办学校」');
		expect(html).toContain('适用：「本次申请办理哪个阶段？」为「先申请筹设」');
		for (const text of ['受理条件', '设定依据：', '收费：', '办理地点和时间']) expect(html, text).toContain(text);
	});
});

describe('电子证照库: a licence issued by a closed case is fetched by a later application', () => {
	it('筹设批准书 issued to the sponsoring organisation is offered to the same applicant for 正式设立, and to no one else', async () => {
		const citizen = await as('lisi');
		const data = {
			...SCHOOL,
			org_sponsorType: '单位',
			org_name: '泉州明德教育发展有限公司',
			org_creditCode: '91350100M000100Y43',
			funds: 800,
			fundSources: [{ source: '举办者出资', amount: 800 }],
			plan: '拟于两年内完成校舍建设与师资招聘，首期招收一至三年级学生，按计划逐年扩班。'
		};
		const svc = (await citizen.post('/api/compose', { service: { kind: 'item', id: 'minban-xuexiao-choushe' }, answers: {} })).body;
		const created = await citizen.post('/api/cases', {
			service: { kind: 'item', id: 'minban-xuexiao-choushe' },
			answers: {},
			data,
			materials: await provideMaterials(server.url, citizen, svc.materials),
			consents: { licenceFetch: true }
		});
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		let version = 0;
		for (const [user, body] of [
			['qz-zwfw-frontdesk', { type: 'ACCEPT' }],
			['qz-edu-reviewer', { type: 'PASS' }],
			['qz-edu-reviewer', { type: 'EXPERT_REVIEW', conclusion: 'pass', opinion: '专家组论证通过' }],
			['qz-edu-decider', { type: 'APPROVE' }],
			['qz-zwfw-issuer', { type: 'ISSUE' }]
		] as const) {
			const r = await (await as(user)).post(`/api/cases/${created.body.id}/events`, { ...body, version });
			expect(r.status, `${user} ${body.type}: ${JSON.stringify(r.body)}`).toBe(200);
			version = r.body.case.version;
		}
		const mine = (await citizen.get('/api/licences')).body.licences.find((l: any) => l.type === 'SCHOOL_APPROVAL');
		// lisi is not registered to act for the company: the holder is lisi herself, never a credit code typed into the form
		expect(mine).toMatchObject({ holderId: '350521197001014561', caseId: created.body.id });

		// later: 正式设立, already prepared; the approval is fetched from the library instead of uploaded
		const answers = { stage: 'establish', nature: 'nonprofit', 'minban-xuexiao-sheli.prepared': 'yes', 'minban-xuexiao-sheli.services': ['none'] };
		const later = (await citizen.post('/api/compose', { service: { kind: 'bundle', id: 'minban-xuexiao' }, answers })).body;
		const materials = { ...(await provideMaterials(server.url, citizen, later.materials)), licence_SCHOOL_APPROVAL: { source: 'licence', licenceId: mine.id } };
		const setup = {
			service: { kind: 'bundle', id: 'minban-xuexiao' },
			answers,
			data: {
				...data,
				'minban-xuexiao-sheli__teachers': [{ name: '王芳', idNumber: '350503199001011236', certificate: '20193500142001234' }],
				'minfei-dengji__registeredCapital': 300
			},
			materials,
			consents: { licenceFetch: true }
		};
		const second = await citizen.post('/api/cases', setup);
		expect(second.status, JSON.stringify(second.body)).toBe(201);
		// another citizen cannot fetch it, even when typing the same credit code
		const other = await as('zhangsan');
		expect((await other.get('/api/licences')).body.licences.map((l: any) => l.id)).not.toContain(mine.id);
		const refused = await other.post('/api/cases', setup);
		expect(refused.status).toBe(422);
		expect(refused.body.errors).toContainEqual({ path: 'materials.licence_SCHOOL_APPROVAL', message: `未找到您名下的电子证照 ${mine.id}` });
	});
});

describe('studio export: what the studio builds drops into definitions/', () => {
	it('an item with a template uploaded in the studio exports as items/<id>.json plus files/…, and that catalog passes the check', async () => {
		const admin = await as('admin');
		const bytes = DOCX_BYTES;
		const up = await fetch(`${server.url}/api/catalog-files?name=${encodeURIComponent('补发申请表.docx')}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
			body: bytes
		});
		expect(up.status).toBe(201);
		const { ref } = await up.json();
		const item = (await admin.get('/api/items/jiaoshi-zige-buban')).body.definition;
		item.materials[0].templateFile = ref;
		expect((await admin.call('PUT', '/api/items/jiaoshi-zige-buban', item)).status).toBe(200);

		const res = await fetch(`${server.url}/studio/export/item/jiaoshi-zige-buban`, { headers: { authorization: `Bearer ${admin.token}` } });
		expect(res.headers.get('content-type')).toBe('application/zip');
		expect(res.headers.get('content-disposition')).toContain('jiaoshi-zige-buban.zip');
		const entries = unzipSync(new Uint8Array(await res.arrayBuffer()));
		const exported = JSON.parse(strFromU8(entries['items/jiaoshi-zige-buban.json']));
		const name = 'files/jiaoshi-zige-buban-materials-0-templatefile.docx';
		expect(exported.materials[0].templateFile).toBe(name);
		expect(entries[name]).toEqual(bytes);

		// unpacked over a copy of definitions/, the catalog passes the same check the server runs at start
		const dir = mkdtempSync(join(tmpdir(), 'export-'));
		cpSync('definitions', dir, { recursive: true });
		for (const [path, body] of Object.entries(entries)) writeFileSync(join(dir, path), body);
		const { issues } = checkCatalog(readCatalogDir(dir));
		expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
		rmSync(dir, { recursive: true, force: true });
		// an item without uploaded files stays a plain JSON file
		const plain = await fetch(`${server.url}/studio/export/item/gjj-tiqu-tuixiu`, { headers: { authorization: `Bearer ${admin.token}` } });
		expect(plain.headers.get('content-type')).toContain('application/json');
	});
});
