// Paged lists over HTTP: the inbox (keyset pages, tabs, counts, filters) and 我的办件, through the API and the pages without JavaScript.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, writeFixtureCatalog } from './helpers/server';
import { bonusSubmission } from './fixtures/catalog';
import { useServer } from './helpers/use-server';

const server = useServer({ definitionsDir: writeFixtureCatalog(), testClock: true });
const as = server.as;

const submission = bonusSubmission;

/** Every page of a list endpoint, following `next`; checks each page's size and that the last has no `next`. */
async function allPages(c: Client, path: string, key: string, limit: number) {
	const pages: any[][] = [];
	let cursor: string | undefined;
	do {
		const sep = path.includes('?') ? '&' : '?';
		const r = await c.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
		expect(r.status, JSON.stringify(r.body)).toBe(200);
		expect(r.body[key].length).toBeLessThanOrEqual(limit);
		pages.push(r.body[key]);
		cursor = r.body.next;
		if (cursor) expect(r.body[key]).toHaveLength(limit);
		if (pages.length > 50) throw new Error('paging does not end');
	} while (cursor);
	return pages;
}

/** The HTML of a page as the signed-in client (the session token works as a bearer token). */
async function html(c: Client, path: string) {
	const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${c.token}` } });
	expect(res.status).toBe(200);
	return res.text();
}

describe('paged lists', () => {
	const ids: string[] = [];
	const receipts: string[] = [];
	let citizen: Client;
	let desk: Client;

	beforeAll(async () => {
		citizen = await as('zhangsan');
		desk = await as('center-frontdesk');
		for (let i = 0; i < 7; i++) {
			const r = await citizen.post('/api/cases', submission);
			expect(r.status, JSON.stringify(r.body)).toBe(201);
			ids.push(r.body.id);
			receipts.push(r.body.receiptNumber);
		}
	}, 120_000);

	it('pages the inbox: every task exactly once in the order of one long page, no next on the last page', async () => {
		const whole = await desk.get('/api/tasks?limit=200');
		expect(whole.body.next).toBeUndefined();
		expect(whole.body.tasks.map((t: any) => t.caseId).sort()).toEqual([...ids].sort());
		const pages = await allPages(desk, '/api/tasks', 'tasks', 3);
		expect(pages.map((p) => p.length)).toEqual([3, 3, ids.length - 6]);
		expect(pages.flat().map((t: any) => t.id)).toEqual(whole.body.tasks.map((t: any) => t.id));
		// rows carry what the workbench shows, built from the task alone
		const row = whole.body.tasks[0];
		expect(row.case).toEqual({ id: row.caseId, receiptNumber: row.receiptNumber, service: { id: 'bonus-bundle', name: expect.any(String) }, version: 0 });
		expect(row.case.service.name).not.toBe('bonus-bundle');
		expect(row).toMatchObject({ tab: 'intake', label: '综合受理', overdue: false });
		expect(whole.body.counts).toEqual({ intake: ids.length, review: 0, inspect: 0, issue: 0, verify: 0, consult: 0 });
	});

	it('counts per tab from the store match the tabs’ pages, filters narrow both', async () => {
		// two cases move on: 2 fewer at the front desk, 2 in education's review
		for (const id of ids.slice(0, 2)) expect((await desk.post(`/api/cases/${id}/events`, { type: 'ACCEPT', version: 0 })).status).toBe(200);
		const counts = (await desk.get('/api/tasks')).body.counts;
		expect(counts.intake).toBe(ids.length - 2);
		const edu = await as('edu-reviewer');
		const eduCounts = (await edu.get('/api/tasks')).body.counts;
		expect(eduCounts.review).toBe(2);
		for (const [who, c] of [
			[desk, counts],
			[edu, eduCounts]
		] as const)
			for (const tab of Object.keys(c)) {
				const pages = await allPages(who, `/api/tasks?tab=${tab}`, 'tasks', 1);
				expect(pages.flat()).toHaveLength(c[tab]);
				for (const t of pages.flat()) expect(t.tab).toBe(tab);
			}
		expect(
			(await allPages(edu, '/api/tasks?tab=review', 'tasks', 1))
				.flat()
				.map((t: any) => t.caseId)
				.sort()
		).toEqual(ids.slice(0, 2).sort());

		const one = await desk.get(`/api/tasks?receiptNumber=${receipts[4]}`);
		expect(one.body.tasks.map((t: any) => t.caseId)).toEqual([ids[4]]);
		expect(one.body.counts.intake).toBe(1);
		expect((await desk.get(`/api/tasks?receiptNumber=${receipts[0]}`)).body.tasks).toEqual([]);
		expect((await desk.get('/api/tasks?state=intake')).body.tasks).toHaveLength(ids.length - 2);
		expect((await desk.get('/api/tasks?state=issuing')).body.tasks).toEqual([]);
		expect((await desk.get('/api/tasks?service=no-such')).body.counts.intake).toBe(0);
		// nothing is due in the past; everything is due within a year
		expect((await desk.get(`/api/tasks?dueBefore=${new Date().toISOString()}`)).body.tasks).toEqual([]);
		expect((await desk.get(`/api/tasks?dueBefore=${new Date(Date.now() + 366 * 86_400_000).toISOString()}`)).body.tasks).toHaveLength(ids.length - 2);
	});

	it('refuses a bad tab, limit or cursor with 400', async () => {
		for (const q of ['tab=nope', 'tab=toString', 'limit=0', 'limit=201', 'limit=x', 'cursor=garbage', 'dueBefore=tomorrow'])
			expect((await desk.get(`/api/tasks?${q}`)).status, q).toBe(400);
		expect((await desk.get('/api/tasks?limit=200')).status).toBe(200);
	});

	it('the workbench builds one page: counts in the tabs, the next page by a link with its cursor', async () => {
		const first = await html(desk, '/workbench');
		expect(first).toMatch(new RegExp(`待受理 <span class="count">${ids.length - 2}</span>`));
		expect((first.match(/href="\/workbench\/cases\//g) ?? []).length).toBe(ids.length - 2);
		expect(first).not.toContain('下一页');
		const second = (await desk.get('/api/tasks?tab=intake&limit=3')).body.next;
		const rest = await html(desk, `/workbench?tab=intake&cursor=${second}`);
		expect((rest.match(/href="\/workbench\/cases\//g) ?? []).length).toBe(ids.length - 5);
		expect(rest).toContain('上一页');
		const filtered = await html(desk, `/workbench?tab=intake&receipt=${receipts[5].toLowerCase()}`);
		expect((filtered.match(/href="\/workbench\/cases\//g) ?? []).length).toBe(1);
		expect(filtered).toContain(`/workbench/cases/${ids[5]}`);
		// 已办: the cases this officer acted on, from a bounded slice of the audit log
		const done = await html(desk, '/workbench?tab=done');
		expect((done.match(/href="\/workbench\/cases\//g) ?? []).length).toBe(2);
		for (const id of ids.slice(0, 2)) expect(done).toContain(`/workbench/cases/${id}`);
		const bad = await fetch(`${server.url}/workbench?tab=intake&cursor=garbage`, { headers: { authorization: `Bearer ${desk.token}` } });
		expect(bad.status).toBe(400);
	});

	it('pages 我的办件: newest first, every case once, only the applicant’s own', async () => {
		const pages = await allPages(citizen, '/api/cases', 'cases', 3);
		expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
		const listed = pages.flat();
		expect(listed.map((c: any) => c.id)).toEqual([...ids].reverse());
		expect(listed[0]).not.toHaveProperty('events');
		expect((await citizen.get('/api/cases?status=active&limit=200')).body.cases).toHaveLength(7);
		expect((await citizen.get('/api/cases?status=closed')).body).toEqual({ cases: [], total: 0 });
		expect((await citizen.get('/api/cases?status=nope')).status).toBe(400);
		const lisi = (await (await as('lisi')).get('/api/cases')).body;
		expect(lisi.cases.filter((c: any) => ids.includes(c.id))).toEqual([]);

		const page = await html(citizen, '/cases');
		expect((page.match(/href="\/cases\/[^"]+"/g) ?? []).length).toBe(7);
		expect(page).toContain('办理中');
		expect(page).not.toContain('下一页');
		const next = (await citizen.get('/api/cases?limit=3')).body.next;
		const rest = await html(citizen, `/cases?cursor=${next}`);
		expect((rest.match(/href="\/cases\/[^"]+"/g) ?? []).length).toBe(4);
		expect(rest).toContain('上一页');
	});
});
