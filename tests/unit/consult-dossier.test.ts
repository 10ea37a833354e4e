// 征求意见 and 案卷 over HTTP on the built app: a request that moves no step, the addressees' inbox tab, one of two racing
// answers wins with a Chinese 409, the applicant never reads the content; the dossier page in its fixed order and the ZIP
// whose files match the manifest's SHA-256. Needs `npx vite build` first.
import { createHash } from 'node:crypto';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { submitTuixiu } from './helpers/catalog-data';
import { useServer } from './helpers/use-server';
import { moveClock, type Client } from './helpers/server';

const server = useServer({ testClock: true, readyTimeoutMs: 180_000 });
const QUESTION = '申请人所述学历是否与贵局存档一致？';
const ANSWER = '经查，学历信息与我局存档一致。';
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const page = (c: Client, path: string) => fetch(server.url + path, { headers: { cookie: `session=${c.token}`, accept: 'text/html' }, redirect: 'manual' });

describe('征求意见 and 案卷', () => {
	it('asks without moving the case, reaches the addressees, takes one answer, and hides the content from the applicant', async () => {
		const lisi = await server.as('lisi');
		const id = await submitTuixiu(server.url, lisi);
		const desk = await server.as('qz-zwfw-frontdesk');
		const before = (await desk.get(`/api/cases/${id}`)).body;

		// every problem named at once
		const bad = await desk.post(`/api/cases/${id}/consultations`, { to: {}, question: '?', days: 99 });
		expect(bad.status).toBe(422);
		expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['days', 'question', 'to']);
		// only staff handling a step now may ask
		expect(
			(await (await server.as('qz-edu-reviewer')).post(`/api/cases/${id}/consultations`, { to: { department: 'qz-rsj' }, question: QUESTION })).status
		).toBe(403);

		const asked = await desk.post(`/api/cases/${id}/consultations`, { to: { department: 'qz-edu' }, question: QUESTION, days: 3 });
		expect(asked.status, JSON.stringify(asked.body)).toBe(201);
		const cx = asked.body.consultation;
		expect(cx.to.name).toBe('泉州市教育局');
		const named = await desk.post(`/api/cases/${id}/consultations`, { to: { officer: 'u-qz-zwfw-frontdesk2' }, question: '请核对授权委托书' });
		expect(named.status).toBe(201);

		// the workflow did not move: same state, same step task (claim and entry time kept), and the old version still acts
		const after = (await desk.get(`/api/cases/${id}`)).body;
		expect(after.case.state.machine).toEqual(before.case.state.machine);
		expect(after.case.version).toBe(before.case.version + 2);
		const step = (v: any) => v.tasks.filter((t: any) => !t.statePath.startsWith('consult:')).map((t: any) => [t.id, t.enteredAt, t.dueAt]);
		expect(step(after)).toEqual(step(before));

		// the department's tab counts it; the named officer alone gets the other; the asker's department tab holds none for her
		const edu = await server.as('qz-edu-reviewer');
		const inbox = (await edu.get('/api/tasks?tab=consult')).body;
		expect(inbox.counts.consult).toBe(1);
		expect(inbox.tasks.map((t: any) => [t.caseId, t.dueAt, t.tab])).toEqual([[id, cx.dueAt, 'consult']]);
		expect(inbox.tasks[0].label).toMatch(/^征求意见（.+）$/);
		expect((await (await server.as('qz-zwfw-frontdesk2')).get('/api/tasks?tab=consult')).body.counts.consult).toBe(1);
		expect((await desk.get('/api/tasks?tab=consult')).body.counts.consult).toBe(0);
		// the addressee reads the case (identifiers masked, no action), the asker's colleague cannot answer the named request
		const seen = (await edu.get(`/api/cases/${id}`)).body;
		expect([seen.masked, seen.actions.length]).toEqual([true, 0]);
		expect((await desk.post(`/api/cases/${id}/consultations/${named.body.consultation.id}/answer`, { answer: '我来答' })).status).toBe(403);

		// 签收: while one officer holds the request a colleague cannot answer it; released, both may
		const edu2 = await server.as('qz-edu-reviewer2');
		const taskId = inbox.tasks[0].id;
		expect((await edu.post(`/api/tasks/${taskId}/claim`)).status).toBe(200);
		const held = await edu2.post(`/api/cases/${id}/consultations/${cx.id}/answer`, { answer: ANSWER });
		expect([held.status, held.body.message]).toEqual([409, '该待办已由 教育局审查人员 签收，请其释放后再办理']);
		expect((await edu.call('DELETE', `/api/tasks/${taskId}/claim`)).status).toBe(200);

		// two officers of the department answer at once: one wins, the other is told who answered
		const [a, b] = await Promise.all([
			edu.post(`/api/cases/${id}/consultations/${cx.id}/answer`, { answer: ANSWER }),
			edu2.post(`/api/cases/${id}/consultations/${cx.id}/answer`, { answer: `${ANSWER}（二）` })
		]);
		expect([a.status, b.status].sort()).toEqual([200, 409]);
		const lost = a.status === 409 ? a : b;
		expect(lost.body.message).toMatch(/^该征求意见已由 教育局审查人员(（二）)? 于 .+ 答复，您的答复未保存$/);
		expect((await edu.get('/api/tasks?tab=consult')).body.counts.consult).toBe(0);

		// the asker sees the answer; the front desk then accepts on the version it opened before any request
		const listed = (await desk.get(`/api/cases/${id}/consultations`)).body.consultations;
		expect(listed[0]).toMatchObject({ id: cx.id, question: QUESTION, answeredBy: { id: expect.stringMatching(/^u-qz-edu-reviewer2?$/) } });
		expect((await desk.post(`/api/cases/${id}/events`, { type: 'ACCEPT', version: before.case.version })).status).toBe(200);

		// the applicant: that an opinion was sought and answered, never the question or the answer
		const mine = await lisi.get(`/api/cases/${id}`);
		const text = JSON.stringify(mine.body);
		expect(text).not.toContain(QUESTION);
		expect(text).not.toContain('经查');
		expect(mine.body.case.state.consultations).toBeUndefined();
		const logged = mine.body.case.events.filter((e: any) => e.type.startsWith('CONSULT'));
		expect(logged.map((e: any) => [e.type, e.payload.to?.name])).toEqual([
			['CONSULT', '泉州市教育局'],
			['CONSULT', named.body.consultation.to.name],
			['CONSULT_ANSWER', '泉州市教育局']
		]);
		expect(logged.every((e: any) => Object.keys(e.payload).sort().join() === 'consultation,to')).toBe(true);
		expect(await (await page(lisi, `/cases/${id}`)).text()).not.toContain(QUESTION);
		expect((await lisi.get(`/api/cases/${id}/consultations`)).status).toBe(403);

		// 案卷: every part in its fixed order, the opinion sought with its answer, and the access audited
		const html = await (await page(desk, `/workbench/cases/${id}/dossier`)).text();
		const parts = ['<h1>案卷</h1>', '一、申请表单', '二、申请材料', '三、办理意见', '四、办理过程', '五、文书与证照'].map((p) => html.indexOf(p));
		expect(
			parts.every((p, i) => p > 0 && (i === 0 || p > parts[i - 1])),
			JSON.stringify(parts)
		).toBe(true);
		for (const s of [after.case.receiptNumber, '李*', QUESTION, '申请受理回执', '征求意见']) expect(html).toContain(s);
		expect((await page(lisi, `/workbench/cases/${id}/dossier`)).status).toBe(403);

		const res = await page(desk, `/workbench/cases/${id}/dossier/download`);
		expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/zip']);
		const zip = unzipSync(new Uint8Array(await res.arrayBuffer()));
		const manifest = JSON.parse(strFromU8(zip['manifest.json']));
		const paths = manifest.files.map((f: { path: string }) => f.path);
		expect(paths[0]).toBe('案卷.html');
		expect(paths.slice(1).every((p: string, i: number) => p.startsWith(`材料/${String(i + 1).padStart(2, '0')}-`))).toBe(true);
		expect(paths.length).toBeGreaterThan(2);
		for (const f of manifest.files) expect([f.path, sha256(zip[f.path])]).toEqual([f.path, f.sha256]);
		const sums = strFromU8(zip.SHA256SUMS).trim().split('\n');
		expect(sums).toEqual(manifest.files.map((f: { sha256: string; path: string }) => `${f.sha256}  ${f.path}`));
		// the archive's HTML links each file by its path in the archive, and has the parts in the same order
		const inner = strFromU8(zip['案卷.html']);
		expect(inner).toContain(`href="${encodeURI(paths[1])}"`);
		expect(inner.indexOf('二、申请材料')).toBeLessThan(inner.indexOf('五、文书与证照'));

		const admin = await server.as('admin');
		const trail = (await admin.get(`/api/audit?case=${id}&limit=200`)).body.entries.map((e: any) => [e.action, e.actorId]);
		for (const x of ['case.CONSULT', 'case.CONSULT_ANSWER', 'dossier.print', 'dossier.download']) expect(trail.map((t: string[]) => t[0])).toContain(x);
		expect(trail).toContainEqual(['dossier.download', 'u-qz-zwfw-frontdesk']);

		// the request to the named officer, still open past its 5 working days: overdue in the inbox and on the case
		expect((await moveClock(server.url, 24 * 10)).status).toBe(200);
		const late = (await (await server.as('qz-zwfw-frontdesk2')).get('/api/tasks?tab=consult')).body.tasks;
		expect(late.map((t: any) => [t.statePath, t.overdue])).toEqual([[`consult:${named.body.consultation.id}`, true]]);
		const flags = (await (await server.as('qz-zwfw-frontdesk')).get(`/api/cases/${id}/consultations`)).body.consultations;
		expect(flags.map((x: any) => [x.id, x.overdue])).toEqual([
			[cx.id, false],
			[named.body.consultation.id, true]
		]);
	}, 120_000);
});
