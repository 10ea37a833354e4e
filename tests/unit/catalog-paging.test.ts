// The catalog in pages over HTTP: GET /api/items and /api/bundles, and the portal's home page with its pager and search,
// on the shipped catalog plus 120 generated items (3 bundles).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeLargeCatalog } from '../bench/catalog-gen';
import { useServer } from './helpers/use-server';

const EXTRA = 120;
// the shipped items, counted (the catalog grows)
const ITEMS = EXTRA + readdirSync('definitions/items').filter((f) => f.endsWith('.json')).length;
const server = useServer({ definitionsDir: writeLargeCatalog(EXTRA) });
const get = async (path: string) => {
	const r = await fetch(server.url + path);
	return { status: r.status, body: await r.json() };
};
const html = async (path: string, token?: string) => {
	const r = await fetch(server.url + path, token ? { headers: { authorization: `Bearer ${token}` } } : {});
	expect(r.status).toBe(200);
	return (await r.text()).replace(/<!--.*?-->/g, ''); // without Svelte's hydration markers
};
/** the items and bundles a portal page offers to apply for */
const offered = (page: string) => [...page.matchAll(/href="\/apply\/(item|bundle)\/([^"]+)"/g)].map((m) => `${m[1]}/${m[2]}`);

describe('GET /api/items in pages', () => {
	it('sends 50 rows a page with the total; the pages together list every item once, in id order', async () => {
		const first = await get('/api/items');
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ total: ITEMS, page: 1, limit: 50, pages: 3, next: 2 });
		expect(first.body.items).toHaveLength(50);
		const second = await get('/api/items?page=2');
		const third = await get('/api/items?page=3');
		expect(third.body.items).toHaveLength(ITEMS - 100);
		expect(third.body.next).toBeUndefined();
		const ids = [first, second, third].flatMap((p) => p.body.items.map((i: { id: string }) => i.id));
		expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
		expect(new Set(ids).size).toBe(ITEMS);
		expect(ids).toEqual([...ids].sort());
		expect(first.body.items[0]).toMatchObject({ kind: 'item', status: 'published', latestVersion: 1, rev: 1 });
	});

	it('finds an item of a later page by a search, and takes a smaller page size', async () => {
		// a generated item: their names are unique (a shipped item's name is part of the names copied from it)
		const last = (await get('/api/items?page=3')).body.items.filter((i: { id: string }) => i.id.startsWith('gen-')).at(-1);
		const found = await get(`/api/items?q=${encodeURIComponent(last.name)}`);
		expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([last.id]);
		expect(found.body).toMatchObject({ total: 1, pages: 1 });
		const small = await get('/api/items?limit=7&page=2');
		expect(small.body.items).toHaveLength(7);
		expect(small.body).toMatchObject({ total: ITEMS, pages: Math.ceil(ITEMS / 7) });
	});

	it('refuses a page size over 100 or a page that is not a number, naming the parameter', async () => {
		const big = await get('/api/items?limit=5000');
		expect(big.status).toBe(400);
		expect(big.body.errors).toEqual([{ path: 'limit', message: 'limit 应为 1 到 100 的整数，收到「5000」' }]);
		const bad = await get('/api/bundles?page=abc');
		expect(bad.status).toBe(400);
		expect(bad.body.errors[0].path).toBe('page');
		expect((await get('/api/bundles')).body).toMatchObject({ total: 3, pages: 1 });
	});
});

describe('the portal’s home page in pages', () => {
	it('shows one page of 50 services with a pager; page 2 shows the next 50', async () => {
		const first = await html('/');
		expect(first).toContain(`共 ${ITEMS + 3} 项，第 1 / 3 页`);
		expect(first).toMatch(/<nav class="pager[^"]*" aria-label="事项分页">/);
		expect(first).toContain('href="?by=theme&amp;page=2"');
		const one = offered(first);
		expect(one).toHaveLength(50);
		expect(one.slice(0, 3).every((s) => s.startsWith('bundle/'))).toBe(true);
		const two = offered(await html('/?by=theme&page=2'));
		expect(two).toHaveLength(50);
		expect(two.filter((s) => one.includes(s))).toEqual([]);
		const three = offered(await html('/?by=theme&page=3'));
		expect(new Set([...one, ...two, ...three]).size).toBe(ITEMS + 3);
		// a page past the end shows the last one
		expect(offered(await html('/?page=99'))).toEqual(three);
	});

	it('searches the whole catalog on the server: an item of the last page is found on the first', async () => {
		const lastPage = offered(await html('/?by=theme&page=3'));
		const target = lastPage
			.filter((s) => s.startsWith('item/gen-'))
			.at(-1)!
			.replace('item/', '');
		const name = (await get(`/api/items/${target}`)).body.definition.name as string;
		const found = await html(`/?q=${encodeURIComponent(name)}`);
		expect(offered(found)).toEqual([`item/${target}`]);
		expect(found).toContain('找到 1 项');
		expect(found).not.toContain('aria-label="事项分页"');
		expect(await html('/?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA')).toContain('没有匹配的一件事或事项。');
	});
});

describe('the studio’s catalog list in pages', () => {
	it('lists 50 definitions a page, filtered on the server by words, type and status', async () => {
		const admin = await server.as('admin');
		const rows = (page: string) => [...page.matchAll(/<td><a href="\/studio\/(items|bundles)\/([^"]+)">/g)].map((m) => `${m[1]}/${m[2]}`);
		const first = await html('/studio', admin.token);
		expect(first).toContain(`共 ${ITEMS + 3} 项，第 1 / 3 页`);
		expect(first).toContain('aria-label="目录分页"');
		expect(rows(first)).toHaveLength(50);
		const third = rows(await html('/studio?page=3', admin.token));
		expect(third).toHaveLength(ITEMS + 3 - 100);
		expect(third.slice(-3)).toEqual(['bundles/minban-xuexiao', 'bundles/tuixiu', 'bundles/zhongkao-jiafen']);
		expect(rows(await html('/studio?type=bundle', admin.token))).toEqual(['bundles/minban-xuexiao', 'bundles/tuixiu', 'bundles/zhongkao-jiafen']);
		const name = (await get('/api/items/gen-99')).body.definition.name as string;
		expect(rows(await html(`/studio?q=${encodeURIComponent(name)}`, admin.token))).toEqual(['items/gen-99']);
		expect(await html('/studio?status=draft', admin.token)).toContain('共 0 项');
	});
});
