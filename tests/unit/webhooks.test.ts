// 推送: a receiver started here gets a signed delivery per step; a failing one is retried, dead-lettered and re-sent from the
// admin page; a department's own system posts its decision with its API key, through the reviewer's workflow checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bonusSubmission } from './fixtures/catalog';
import { moveClock, writeFixtureCatalog } from './helpers/server';
import { useServer } from './helpers/use-server';
import { adminAction as postAction, startReceiver, until, verified, type Received } from './helpers/webhooks';

const server = useServer({ definitionsDir: writeFixtureCatalog(), testClock: true, env: { OUTBOX_POLL_MS: '200' } });
const as = server.as;

/** what /flaky answers: 500 until the test makes the receiver well again */
let flakyStatus = 500;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let hookBase = '';
let received: Received[] = [];

beforeAll(async () => {
	receiver = await startReceiver((path) => (path === '/flaky' ? flakyStatus : 200));
	hookBase = receiver.base;
	received = receiver.received;
});
afterAll(() => receiver.close());

const adminAction = (action: string, fields: [string, string][]) => postAction(server.url, action, fields);

async function adminPage() {
	const admin = await as('admin');
	const r = await fetch(`${server.url}/workbench/admin/webhooks`, { headers: { authorization: `Bearer ${admin.token}`, accept: 'text/html' } });
	expect(r.status).toBe(200);
	return r.text();
}

const at = (path: string) => received.filter((r) => r.path === path);

async function acceptedCase() {
	const created = await (await as('zhangsan')).post('/api/cases', bonusSubmission);
	expect(created.status).toBe(201);
	const accepted = await (await as('center-frontdesk')).post(`/api/cases/${created.body.id}/events`, { type: 'ACCEPT', version: 0 });
	expect(accepted.status).toBe(200);
	return created.body.id as string;
}

describe('webhooks', () => {
	it('refuses a subscription without events or to a plain-http address elsewhere, naming the field', async () => {
		const r = await adminAction('subscribe', [['url', 'http://example.com/hook']]);
		expect(r.type).toBe('failure');
		const paths = r.data.errors.map((e: any) => e.path);
		expect(paths).toContain('events');
		const r2 = await adminAction('subscribe', [
			['url', 'http://example.com/hook'],
			['events', 'case.step']
		]);
		expect(r2.data.errors).toEqual([{ path: 'url', message: expect.stringContaining('https') }]);
	});

	it('delivers a signed, verifiable message for the submission and for each step', async () => {
		const sub = await adminAction('subscribe', [
			['url', `${hookBase}/steps`],
			['events', 'case.submitted'],
			['events', 'case.step'],
			['scopeKind', 'bundle'],
			['scopeId', 'bonus-bundle']
		]);
		expect(sub.type).toBe('success');
		const secret: string = sub.data.created.secret;
		expect(secret).toMatch(/^whsec_/);
		// the secret is shown once: the page lists the subscription without it
		const page = await adminPage();
		expect(page).toContain(`${hookBase}/steps`);
		expect(page).not.toContain(secret);

		const id = await acceptedCase();
		const pass = await (await as('edu-reviewer')).post(`/api/cases/${id}/events`, { type: 'PASS', version: 1 });
		expect(pass.status).toBe(200);

		const mine = () => at('/steps').filter((r) => JSON.parse(r.body).data.caseId === id);
		const deliveries = await until('three deliveries', () => (mine().length >= 3 ? mine() : undefined));
		expect(deliveries).toHaveLength(3);
		const bodies = deliveries.map((r) => JSON.parse(r.body));
		expect(bodies.map((b) => b.type)).toEqual(['case.submitted', 'case.step', 'case.step']);
		expect(bodies.map((b) => b.data.event?.type)).toEqual([undefined, 'ACCEPT', 'PASS']);
		expect(bodies[2].data.event.branch).toBe('edu-confirm');
		for (const r of deliveries) {
			expect(verified(secret, r)).toBe(true);
			expect(r.headers['webhook-id']).toBe(JSON.parse(r.body).id);
			expect(Math.abs(Number(r.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
			// a body changed on the way no longer verifies
			expect(verified(secret, { ...r, body: r.body.replace(id, `${id}x`) })).toBe(false);
		}
		// no personal data leaves with a delivery
		expect(deliveries.map((r) => r.body).join()).not.toContain(bonusSubmission.data.applicant_idNumber);
	});

	it('a rating is pushed to a subscription scoped to an item of the case, not to one of another item', async () => {
		const ofItem = await adminAction('subscribe', [
			['url', `${hookBase}/rated`],
			['events', 'rating.created'],
			['scopeKind', 'item'],
			['scopeId', 'edu-confirm']
		]);
		await adminAction('subscribe', [
			['url', `${hookBase}/other-item`],
			['events', 'rating.created'],
			['events', 'case.step'],
			['scopeKind', 'item'],
			['scopeId', 'no-such-item']
		]);
		const citizen = await as('zhangsan');
		const id = (await citizen.post('/api/cases', bonusSubmission)).body.id;
		const rejected = await (await as('center-frontdesk')).post(`/api/cases/${id}/events`, { type: 'REJECT', version: 0, reason: '不属于加分对象' });
		expect(rejected.status).toBe(200);
		expect((await citizen.post(`/api/cases/${id}/rating`, { grade: 2, aspects: { attitude: 2, efficiency: 2, quality: 2 } })).status).toBe(201);
		const [r] = await until('the rating delivery', () => (at('/rated').length ? at('/rated') : undefined));
		expect(JSON.parse(r.body)).toMatchObject({ type: 'rating.created', data: { caseId: id, status: 'rejected', rating: { grade: 2 } } });
		expect(verified(ofItem.data.created.secret, r)).toBe(true);
		// the REJECT step was not asked for: only the rating came
		await new Promise((ok) => setTimeout(ok, 600));
		expect(at('/rated')).toHaveLength(1);
		expect(at('/other-item')).toHaveLength(0);
	});

	it('retries a failing receiver, dead-letters it after five tries, and re-sends it from the admin page', async () => {
		const sub = await adminAction('subscribe', [
			['url', `${hookBase}/flaky`],
			['events', 'case.accepted'],
			['scopeKind', 'department'],
			['scopeId', 'edu']
		]);
		const secret: string = sub.data.created.secret;
		await acceptedCase();
		await until('the first attempt', () => at('/flaky').length === 1 || undefined);
		// the backoff is by the app's clock: each move makes the next retry due
		for (let n = 2; n <= 5; n++) {
			expect((await moveClock(server.url, 1)).status).toBe(200);
			await until(`attempt ${n}`, () => at('/flaky').length === n || undefined);
		}
		const tries = at('/flaky');
		const deliveryId = String(tries[0].headers['webhook-id']);
		// one idempotency key across every retry
		expect(new Set(tries.map((r) => r.headers['webhook-id']))).toEqual(new Set([deliveryId]));
		expect(tries.every((r) => verified(secret, r))).toBe(true);

		// dead: no further attempt however late it gets
		expect((await moveClock(server.url, 24)).status).toBe(200);
		await new Promise((r) => setTimeout(r, 1000));
		expect(at('/flaky')).toHaveLength(5);
		let page = await adminPage();
		const entry = (html: string) => html.slice(html.indexOf(`data-delivery="${deliveryId}"`)).split('</article>')[0];
		expect(entry(page)).toContain('死信');
		expect(entry(page)).toContain('接收方答复 HTTP 500');
		expect(entry(page)).toContain('receiver down');
		expect(entry(page)).toContain('第 5 次');

		flakyStatus = 200;
		const resent = await adminAction('resend', [['id', deliveryId]]);
		expect(resent.type).toBe('success');
		await until('the re-sent delivery', () => at('/flaky').length === 6 || undefined);
		expect(at('/flaky')[5].headers['webhook-id']).toBe(deliveryId);
		expect(verified(secret, at('/flaky')[5])).toBe(true);
		for (let i = 0; i < 50; i++) {
			page = await adminPage();
			if (entry(page).includes('已送达')) break;
			await new Promise((r) => setTimeout(r, 100));
		}
		expect(entry(page)).toContain('已送达');
		// a delivered one is not re-sent
		expect((await adminAction('resend', [['id', deliveryId]])).data.message).toContain('不在死信中');
	});

	it("a department's API key posts its decision on its own branch, and is refused elsewhere", async () => {
		const made = await adminAction('createKey', [
			['department', 'edu'],
			['name', '教育局业务系统']
		]);
		expect(made.type).toBe('success');
		const eduKey: string = made.data.key.value;
		const ovsKey: string = (await adminAction('createKey', [['department', 'ovs']])).data.key.value;
		expect(await adminPage()).not.toContain(eduKey);
		const id = await acceptedCase();
		const post = (key: string | undefined, body: unknown) =>
			fetch(`${server.url}/api/departments/results`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...(key ? { authorization: `ApiKey ${key}` } : {}) },
				body: JSON.stringify(body)
			}).then(async (r) => ({ status: r.status, body: await r.json() }));

		expect((await post(undefined, { caseId: id, type: 'PASS', version: 1 })).status).toBe(401);
		expect((await post(`${eduKey}x`, { caseId: id, type: 'PASS', version: 1 })).status).toBe(401);
		const noCase = await post(eduKey, { type: 'PASS', version: 1 });
		expect(noCase.status).toBe(422);
		expect(noCase.body.errors).toEqual([expect.objectContaining({ path: 'caseId' })]);
		// another department's system cannot move education's branch
		const wrong = await post(ovsKey, { caseId: id, type: 'PASS', version: 1, branch: 'edu-confirm' });
		expect(wrong.status).toBe(403);
		const stale = await post(eduKey, { caseId: id, type: 'PASS', version: 0 });
		expect(stale.status).toBe(409);

		const ok = await post(eduKey, { caseId: id, type: 'PASS', version: 1, comment: '系统核验通过' });
		expect(ok.status).toBe(200);
		const passed = ok.body.case.events.at(-1);
		expect(passed).toMatchObject({ type: 'PASS', branch: 'edu-confirm', actor: { department: 'edu', name: '教育局业务系统（部门系统）' } });
		// the branch moved on: its reviewer has nothing left to pass
		const again = await (await as('edu-reviewer')).post(`/api/cases/${id}/events`, { type: 'PASS', version: 2, branch: 'edu-confirm' });
		expect(again.status).toBe(409);

		// a revoked key is refused
		const revoked = await adminAction('revokeKey', [['id', made.data.key.id]]);
		expect(revoked.type).toBe('success');
		expect((await post(eduKey, { caseId: id, type: 'APPROVE', version: 2 })).status).toBe(403);
	});
});
