// 好差评 (one rating per case, 差评 follow-up) and application drafts, over the HTTP API.
import { describe, expect, it } from 'vitest';
import { Client } from './helpers/server';
import { useServer } from './helpers/use-server';
import { submitTuixiu as submitShared } from './helpers/catalog-data';

const server = useServer({ definitionsDir: 'definitions', testClock: true });
const as = server.as;

const aspects = { attitude: 4, efficiency: 4, quality: 4 };

const submitTuixiu = (citizen: Client) => submitShared(server.url, citizen);

async function reject(id: string) {
	const r = await (await as('qz-zwfw-frontdesk')).post(`/api/cases/${id}/events`, { type: 'REJECT', version: 0, reason: '不属于本中心受理范围' });
	expect(r.status, JSON.stringify(r.body)).toBe(200);
	expect(r.body.case.status).toBe('rejected');
}

async function finishedCase(citizen: Client) {
	const id = await submitTuixiu(citizen);
	await reject(id);
	return id;
}

describe('好差评: one rating per case', () => {
	it('only the applicant rates, only after the case ends, only once, and with valid grades', async () => {
		const lisi = await as('lisi');
		const zhangsan = await as('zhangsan');
		const id = await submitTuixiu(lisi);
		const active = await lisi.post(`/api/cases/${id}/rating`, { grade: 5, aspects });
		expect(active.status).toBe(409);
		expect(active.body.message).toContain('办结后才能评价');
		await reject(id);

		expect((await lisi.get(`/api/cases/${id}/rating`)).body).toEqual({ rating: null });
		const other = await zhangsan.post(`/api/cases/${id}/rating`, { grade: 5, aspects });
		expect(other.status).toBe(403);
		expect((await zhangsan.get(`/api/cases/${id}/rating`)).status).toBe(403);
		expect((await lisi.post('/api/cases/nope/rating', { grade: 5, aspects })).status).toBe(404);

		const bad = await lisi.post(`/api/cases/${id}/rating`, { grade: 9, aspects: { ...aspects, quality: 0 } });
		expect(bad.status).toBe(422);
		expect(bad.body.errors.map((e: any) => e.path)).toEqual(['grade', 'aspects.quality']);
		expect(bad.body.errors[0].message).toContain('1–5');
		const long = await lisi.post(`/api/cases/${id}/rating`, { grade: 4, aspects, comment: '好'.repeat(501) });
		expect(long.status).toBe(422);
		expect(long.body.errors[0]).toEqual({ path: 'comment', message: '评价内容不能超过 500 字' });

		const ok = await lisi.post(`/api/cases/${id}/rating`, { grade: 4, aspects, comment: '窗口人员解释清楚' });
		expect(ok.status, JSON.stringify(ok.body)).toBe(201);
		expect(ok.body.rating).toMatchObject({ caseId: id, grade: 4, aspects, comment: '窗口人员解释清楚' });
		expect(ok.body.rating.followUp).toBeUndefined();

		const again = await lisi.post(`/api/cases/${id}/rating`, { grade: 5, aspects });
		expect(again.status).toBe(409);
		expect(again.body.message).toBe('该办件已评价，每件只能评价一次');
		expect((await lisi.get(`/api/cases/${id}/rating`)).body.rating.grade).toBe(4);

		const admin = await as('admin');
		expect((await admin.get(`/api/cases/${id}/rating`)).body.rating.id).toBe(ok.body.rating.id);
		const notPoor = await admin.post(`/api/ratings/${ok.body.rating.id}/follow-up`, { kind: 'callback', note: '回访' });
		expect(notPoor.status).toBe(409);
		expect(notPoor.body.message).toContain('不是差评');
		expect((await admin.get('/api/ratings?poor=1')).body.ratings.map((r: any) => r.id)).not.toContain(ok.body.rating.id);
		const audit = (await admin.get(`/api/audit?case=${id}`)).body.entries;
		expect(audit.map((e: any) => e.action)).toContain('rating.create');
	});
});

describe('好差评: a 差评 is called back, verified, rectified and answered', () => {
	it('runs the follow-up steps in order and tells the applicant the outcome', async () => {
		const lisi = await as('lisi');
		const id = await finishedCase(lisi);
		const rated = await lisi.post(`/api/cases/${id}/rating`, { grade: 1, aspects: { attitude: 2, efficiency: 1, quality: 1 }, comment: '等了很久没人处理' });
		expect(rated.status).toBe(201);
		const rating = rated.body.rating;
		expect(rating.followUp).toMatchObject({ status: 'open', steps: [] });
		expect(Date.parse(rating.followUp.deadline) - Date.parse(rating.createdAt)).toBe(10 * 86400e3);

		const admin = await as('admin');
		const poor = (await admin.get('/api/ratings?poor=1')).body.ratings;
		expect(poor.find((r: any) => r.id === rating.id)).toMatchObject({ grade: 1, followUp: { status: 'open' }, followUpOverdue: false });
		expect(poor.every((r: any) => r.grade <= 2)).toBe(true);
		expect((await lisi.get('/api/ratings')).status).toBe(403);
		expect((await lisi.post(`/api/ratings/${rating.id}/follow-up`, { kind: 'callback', note: '我自己回访' })).status).toBe(403);
		expect((await admin.post('/api/ratings/nope/follow-up', { kind: 'callback', note: 'x' })).status).toBe(404);

		const step = (body: Record<string, unknown>) => admin.post(`/api/ratings/${rating.id}/follow-up`, body);
		const refused = async (body: Record<string, unknown>, message: string) => {
			const r = await step(body);
			expect(r.status, JSON.stringify(r.body)).toBe(409);
			expect(r.body.message).toContain(message);
		};
		await refused({ kind: 'verification', note: '核实', justified: true }, '请先回访申请人');
		await refused({ kind: 'outcome', note: '已处理' }, '请先回访并核实');
		expect((await step({ kind: 'callback', note: '' })).body.errors[0].path).toBe('note');
		expect((await step({ kind: 'callback', note: '电话回访，申请人反映窗口排队久' })).body.rating.followUp.status).toBe('calledBack');
		await refused({ kind: 'callback', note: '再回访' }, '不能重复回访');
		await refused({ kind: 'rectification', note: '整改', deadline: '2099-12-31' }, '请先核实');
		expect((await step({ kind: 'verification', note: '查监控属实' })).body.errors[0].path).toBe('justified');
		expect((await step({ kind: 'verification', note: '查监控属实', justified: true })).body.rating.followUp.status).toBe('verified');
		await refused({ kind: 'outcome', note: '已处理' }, '须先安排整改');
		const past = await step({ kind: 'rectification', note: '增开窗口', deadline: '2000-01-01' });
		expect(past.status).toBe(422);
		expect(past.body.errors[0].path).toBe('deadline');
		const rect = await step({ kind: 'rectification', note: '高峰时段增开两个窗口', deadline: '2099-12-31' });
		expect(rect.body.rating.followUp.status).toBe('rectifying');
		expect(rect.body.rating.followUp.steps.at(-1)).toMatchObject({ kind: 'rectification', deadline: '2099-12-31' });
		const done = await step({ kind: 'outcome', note: '已增开窗口，高峰时段等候不超过 20 分钟，感谢您的监督' });
		expect(done.status).toBe(200);
		expect(done.body.rating.followUp).toMatchObject({ status: 'closed', outcome: '已增开窗口，高峰时段等候不超过 20 分钟，感谢您的监督' });
		await refused({ kind: 'callback', note: '再回访' }, '已办结');

		const seen = (await lisi.get(`/api/cases/${id}/rating`)).body.rating;
		expect(seen.followUp.status).toBe('closed');
		expect(seen.followUp.outcome).toContain('已增开窗口');
		expect(seen.followUp.steps.map((s: any) => s.kind)).toEqual(['callback', 'verification', 'rectification', 'outcome']);
		expect(seen.followUp.steps.some((s: any) => 'actorId' in s)).toBe(false);

		const actions = (await admin.get(`/api/audit?case=${id}`)).body.entries.map((e: any) => e.action);
		for (const a of ['rating.create', 'rating.callback', 'rating.verification', 'rating.rectification', 'rating.outcome']) expect(actions).toContain(a);
	});

	it('an unjustified 差评 needs no rectification: the outcome follows verification', async () => {
		const lisi = await as('lisi');
		const id = await finishedCase(lisi);
		const rating = (await lisi.post(`/api/cases/${id}/rating`, { grade: 2, aspects })).body.rating;
		const admin = await as('admin');
		const step = (body: Record<string, unknown>) => admin.post(`/api/ratings/${rating.id}/follow-up`, body);
		expect((await step({ kind: 'callback', note: '已回访' })).status).toBe(200);
		expect((await step({ kind: 'verification', note: '材料确不齐全，驳回合规', justified: false })).status).toBe(200);
		const rect = await step({ kind: 'rectification', note: '整改', deadline: '2099-12-31' });
		expect(rect.status).toBe(409);
		expect(rect.body.message).toContain('无需整改');
		const done = await step({ kind: 'outcome', note: '经核实驳回符合规定，已向您说明所需材料' });
		expect(done.body.rating.followUp.status).toBe('closed');
	});
});

describe('drafts: save and resume', () => {
	const draft = {
		answers: { withdrawFund: 'no' },
		data: { applicant_name: '张三', contact_phone: '13800000000' },
		materials: { idcard: { source: 'upload', files: ['f1'] } }
	};

	it('saves privately, lists, deletes, and refuses unknown kinds', async () => {
		const zhangsan = await as('zhangsan');
		const lisi = await as('lisi');
		const put = await zhangsan.call('PUT', '/api/drafts/bundle/tuixiu', draft);
		expect(put.status, JSON.stringify(put.body)).toBe(200);
		expect(put.body.draft).toMatchObject({ serviceKind: 'bundle', serviceId: 'tuixiu', ...draft });
		const got = await zhangsan.get('/api/drafts/bundle/tuixiu');
		expect(got.status).toBe(200);
		expect(got.body.draft).toMatchObject(draft);
		expect(got.body.draft.updatedAt).toBeTruthy();

		expect((await lisi.get('/api/drafts/bundle/tuixiu')).status).toBe(404);
		expect((await lisi.get('/api/drafts')).body.drafts).toEqual([]);
		expect((await zhangsan.get('/api/drafts')).body.drafts.map((d: any) => d.serviceId)).toEqual(['tuixiu']);
		expect((await new Client(server.url).get('/api/drafts')).status).toBe(401);

		const updated = await zhangsan.call('PUT', '/api/drafts/bundle/tuixiu', { ...draft, data: { applicant_name: '张三丰' } });
		expect(updated.body.draft.data).toEqual({ applicant_name: '张三丰' });
		expect((await zhangsan.get('/api/drafts')).body.drafts).toHaveLength(1);

		const foo = await zhangsan.call('PUT', '/api/drafts/foo/tuixiu', draft);
		expect(foo.status).toBe(422);
		expect(foo.body.errors[0].path).toBe('kind');
		expect((await zhangsan.get('/api/drafts/foo/tuixiu')).status).toBe(422);
		const badBody = await zhangsan.call('PUT', '/api/drafts/bundle/tuixiu', { answers: 'no' });
		expect(badBody.status).toBe(422);
		expect(badBody.body.errors[0].path).toBe('answers');
		expect((await zhangsan.call('PUT', '/api/drafts/bundle/no-such-bundle', draft)).status).toBe(404);

		const del = await zhangsan.call('DELETE', '/api/drafts/bundle/tuixiu');
		expect(del.body).toEqual({ deleted: true });
		expect((await zhangsan.get('/api/drafts/bundle/tuixiu')).status).toBe(404);
		expect((await zhangsan.call('DELETE', '/api/drafts/bundle/tuixiu')).body).toEqual({ deleted: false });
	});
});
