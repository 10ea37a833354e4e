// Lists longer than one page, over HTTP and in the pages without JavaScript: the inbox with 200 open tasks, 已办, 我的办件,
// the audit log, ratings, drafts and the identifier search. Each shows one page; following 下一页 covers every row once.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, writeFixtureCatalog } from './helpers/server';
import { bonusSubmission } from './fixtures/catalog';
import { useServer } from './helpers/use-server';

const server = useServer({ definitionsDir: writeFixtureCatalog(), testClock: true });
const as = server.as;
const ID = bonusSubmission.data.applicant_idNumber;
const OPEN = 200;
const REJECTED = 25;
const ACCEPTED = 55;

async function get(c: Client, path: string) {
	const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${c.token}` } });
	expect(res.status, path).toBe(200);
	return res.text();
}

/** The href of the pager's link with this rel, unescaped. */
const linkOf = (html: string, rel: 'next' | 'prev') =>
	[...html.matchAll(/<a href="([^"]+)" rel="(next|prev)">/g)].find((m) => m[2] === rel)?.[1].replaceAll('&amp;', '&');

/** Distinct matches of `re`'s first group, in order. */
const rowsOf = (html: string, re: RegExp) => [...new Set([...html.matchAll(re)].map((m) => m[1]))];

/** Every page of a page without JavaScript, following its 下一页 links; each page's rows. */
async function walkHtml(c: Client, path: string, row: RegExp) {
	const pages: { rows: string[]; html: string; path: string }[] = [];
	for (let p: string | undefined = path; p; p = linkOf(pages.at(-1)!.html, 'next')) {
		const html = await get(c, p);
		pages.push({ rows: rowsOf(html, row), html, path: p });
		if (pages.length > 30) throw new Error('paging does not end');
	}
	return pages;
}

/** Every page of an API list, following `next`. */
async function walkApi(c: Client, path: string, key: string, limit: number) {
	const pages: any[][] = [];
	let body: any;
	let cursor: string | undefined;
	do {
		const r = await c.get(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
		expect(r.status, JSON.stringify(r.body)).toBe(200);
		body = r.body;
		expect(body[key].length).toBeLessThanOrEqual(limit);
		pages.push(body[key]);
		cursor = body.next;
		if (pages.length > 30) throw new Error('paging does not end');
	} while (cursor);
	return { pages, total: body.total as number | undefined };
}

/** Pages are disjoint and together hold exactly `all`. */
function coverOnce(pages: string[][], all: string[]) {
	const flat = pages.flat();
	expect(new Set(flat).size).toBe(flat.length);
	expect([...flat].sort()).toEqual([...all].sort());
}

const limitRefused = async (c: Client, path: string) => {
	const r = await c.get(path);
	expect(r.status, path).toBe(400);
	expect(r.body.errors[0].path).toBe('limit');
	expect(r.body.message).toContain('limit');
	expect(r.body.message).toContain('200');
};

describe('lists longer than one page', () => {
	let citizen: Client;
	let desk: Client;
	let admin: Client;
	const ids: string[] = [];
	const open = () => ids.slice(REJECTED + ACCEPTED);
	const acted = () => ids.slice(0, REJECTED + ACCEPTED);

	beforeAll(async () => {
		citizen = await as('zhangsan');
		desk = await as('center-frontdesk');
		admin = await as('admin');
		while (ids.length < OPEN + REJECTED + ACCEPTED) {
			const r = await citizen.post('/api/cases', bonusSubmission);
			expect(r.status, JSON.stringify(r.body)).toBe(201);
			ids.push(r.body.id);
		}
		for (const [i, id] of acted().entries()) {
			const event = i < REJECTED ? { type: 'REJECT', version: 0, reason: '不属于加分对象' } : { type: 'ACCEPT', version: 0 };
			expect((await desk.post(`/api/cases/${id}/events`, event)).status).toBe(200);
			if (i < REJECTED) {
				const grade = i % 2 ? 1 : 5;
				const rated = await citizen.post(`/api/cases/${id}/rating`, { grade, aspects: { attitude: grade, efficiency: grade, quality: grade } });
				expect(rated.status, JSON.stringify(rated.body)).toBe(201);
			}
		}
	}, 600_000);

	it('the workbench inbox with 200 open tasks shows one page of 50 and 下一页; following it shows every task once', async () => {
		const row = /href="\/workbench\/cases\/([\w-]+)"/g;
		const pages = await walkHtml(desk, '/workbench', row);
		expect(pages.map((p) => p.rows.length)).toEqual([50, 50, 50, 50]);
		expect(pages[0].html).toContain(`共 ${OPEN} 条`);
		expect(pages[0].html).toContain('第 1 / 4 页');
		expect(pages[0].html).toContain('下一页');
		expect(pages[0].html).not.toContain('上一页');
		expect(pages[1].rows).not.toEqual(pages[0].rows);
		coverOnce(
			pages.map((p) => p.rows),
			open()
		);
		expect(pages[3].html).not.toContain('下一页');
		// 上一页 from page 3 shows page 2, from page 2 the first page
		expect(rowsOf(await get(desk, linkOf(pages[2].html, 'prev')!), row)).toEqual(pages[1].rows);
		expect(rowsOf(await get(desk, linkOf(pages[1].html, 'prev')!), row)).toEqual(pages[0].rows);
		// the first page's weight does not grow with the inbox (issue 13: ≤ 50 KB of HTML and its data)
		const data = await get(desk, '/workbench/__data.json');
		expect(Buffer.byteLength(pages[0].html) + Buffer.byteLength(data)).toBeLessThanOrEqual(50 * 1024);
	});

	it('the inbox API pages by cursor, with the total; a limit over 200 is refused naming limit', async () => {
		const { pages, total } = await walkApi(desk, '/api/tasks?tab=intake', 'tasks', 50);
		expect(total).toBe(OPEN);
		expect(pages.map((p) => p.length)).toEqual([50, 50, 50, 50]);
		coverOnce(
			pages.map((p) => p.map((t: any) => t.caseId)),
			open()
		);
		await limitRefused(desk, '/api/tasks?limit=201');
		const bad = await desk.get('/api/tasks?cursor=garbage');
		expect(bad.status).toBe(400);
		expect(bad.body.errors[0].path).toBe('cursor');
	});

	it('已办 pages the cases the officer acted on, most recent first', async () => {
		const pages = await walkHtml(desk, '/workbench?tab=done', /href="\/workbench\/cases\/([\w-]+)"/g);
		expect(pages.map((p) => p.rows.length)).toEqual([50, 30]);
		expect(pages[0].html).toContain(`共 ${REJECTED + ACCEPTED} 条`);
		expect(pages[0].rows[0]).toBe(acted().at(-1));
		coverOnce(
			pages.map((p) => p.rows),
			acted()
		);
	});

	it('我的办件 shows 20 cases a page with the total; the API pages by cursor', async () => {
		const pages = await walkHtml(citizen, '/cases', /href="\/cases\/([\w-]+)"/g);
		expect(pages[0].rows).toHaveLength(20);
		expect(pages[0].html).toContain(`共 ${ids.length} 条`);
		expect(pages[1].rows).not.toEqual(pages[0].rows);
		coverOnce(
			pages.map((p) => p.rows),
			ids
		);
		const api = await walkApi(citizen, '/api/cases', 'cases', 100);
		expect(api.total).toBe(ids.length);
		expect(api.pages.flat().map((c: any) => c.id)).toEqual([...ids].reverse());
		await limitRefused(citizen, '/api/cases?limit=500');
	});

	it('the audit log pages by cursor, in the API and on its page', async () => {
		const api = await walkApi(admin, '/api/audit?actor=center-frontdesk', 'entries', 50);
		const entries = api.pages.flat();
		expect(api.total).toBe(entries.length);
		expect(entries.filter((e: any) => e.action === 'case.ACCEPT')).toHaveLength(ACCEPTED);
		expect(new Set(entries.map((e: any) => e.id)).size).toBe(entries.length);
		expect(api.pages.length).toBeGreaterThan(1);
		await limitRefused(admin, '/api/audit?limit=1000');

		const row = /<td><a href="\/workbench\/cases\/([\w-]+)"/g;
		const first = await get(admin, '/workbench/audit?actor=center-frontdesk');
		expect(first).toContain(`共 ${api.total} 条`);
		const second = await get(admin, linkOf(first, 'next')!);
		expect(second).toContain('上一页');
		const [a, b] = [rowsOf(first, row), rowsOf(second, row)];
		expect(a.filter((x) => b.includes(x))).toEqual([]);
	});

	it('ratings page by cursor, 差评 apart, in the API and on the page', async () => {
		const all = await walkApi(admin, '/api/ratings', 'ratings', 10);
		expect(all.total).toBe(REJECTED);
		expect(all.pages.map((p) => p.length)).toEqual([10, 10, 5]);
		coverOnce(
			all.pages.map((p) => p.map((r: any) => r.caseId)),
			ids.slice(0, REJECTED)
		);
		const poor = await walkApi(admin, '/api/ratings?poor=1', 'ratings', 5);
		expect(poor.total).toBe(12);
		expect(poor.pages.flat().every((r: any) => r.grade === 1)).toBe(true);
		await limitRefused(admin, '/api/ratings?limit=201');

		const pages = await walkHtml(admin, '/workbench/ratings?all=1', /<h2>[^<]*<small class="muted"><a href="\/workbench\/cases\/([\w-]+)"/g);
		expect(pages.map((p) => p.rows.length)).toEqual([20, 5]);
		expect(pages[0].html).toContain(`共 ${REJECTED} 条`);
		coverOnce(
			pages.map((p) => p.rows),
			ids.slice(0, REJECTED)
		);
	});

	it('drafts page by cursor', async () => {
		for (const [kind, id] of [
			['item', 'edu-confirm'],
			['item', 'ovs-confirm'],
			['item', 'eth-confirm'],
			['bundle', 'bonus-bundle']
		])
			expect((await citizen.call('PUT', `/api/drafts/${kind}/${id}`, { answers: {}, data: {} })).status).toBe(200);
		const { pages, total } = await walkApi(citizen, '/api/drafts', 'drafts', 3);
		expect(total).toBe(4);
		expect(pages.map((p) => p.length)).toEqual([3, 1]);
		expect(new Set(pages.flat().map((d: any) => d.serviceId)).size).toBe(4);
		await limitRefused(citizen, '/api/drafts?limit=0');
	});

	it('the identifier search pages: the API by cursor, the workbench by a form that keeps the number sealed', async () => {
		const pages: string[][] = [];
		let cursor: string | undefined;
		do {
			const r = await desk.post(`/api/cases/search?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { identifier: ID });
			expect(r.status, JSON.stringify(r.body)).toBe(200);
			pages.push(r.body.cases.map((c: any) => c.id));
			cursor = r.body.next;
		} while (cursor);
		expect(pages.map((p) => p.length)).toEqual([100, 100, 80]);
		coverOnce(pages, ids);
		expect((await desk.call('POST', '/api/cases/search?limit=201', { identifier: ID })).status).toBe(400);

		const post = async (body: string) =>
			(
				await desk.call('POST', '/workbench?/find', body, {
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html',
					origin: server.url
				})
			).body as string;
		const row = /<td><a href="\/workbench\/cases\/([\w-]+)">QZ/g;
		const first = await post(`identifier=${ID}`);
		expect(first).not.toContain(ID);
		const form = /name="sealed" value="([^"]+)"[^>]*\/><input type="hidden" name="cursor" value="([^"]+)"/.exec(first);
		expect(form).not.toBeNull();
		const second = await post(`sealed=${encodeURIComponent(form![1])}&cursor=${form![2]}`);
		const results = (html: string) => html.slice(html.indexOf('aria-label="查找结果"'), html.indexOf('</section>', html.indexOf('aria-label="查找结果"')));
		const found = [rowsOf(results(first), row), rowsOf(results(second), row)];
		expect(found.map((f) => f.length)).toEqual([50, 50]);
		expect(found[0].filter((x) => found[1].includes(x))).toEqual([]);
		expect(await post(`sealed=nonsense&cursor=${form![2]}`)).toContain('查找参数无效');
	});
});
