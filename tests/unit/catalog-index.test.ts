// The catalog in memory: search and pages over the shipped catalog, the inbox's steps, and a live catalog that follows the
// store's writes (its own at once, another process's once the stamp is read).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../../runtime/core/check';
import { applicantNameFields, CatalogIndex, type IndexEntry } from '../../runtime/core/catalog/index';
import { LiveCatalog } from '../../runtime/core/catalog/live';
import { summarise } from '../../runtime/core/catalog/summary';
import { DefinitionService } from '../../runtime/core/definitions';
import { systemTime } from '../../runtime/core/time';
import { readCatalogDir } from '../../runtime/server/catalog-dir';
import { openStore } from '../../runtime/server/open-store';
import { tempDir } from './helpers/server';

const { catalog } = checkCatalog(readCatalogDir(resolve('definitions')));
const shipped = catalog!;
const entries: IndexEntry[] = [
	...[...shipped.items.values()].map((d) => ({
		kind: 'item' as const,
		id: d.id,
		rev: 1,
		draft: false,
		version: 1,
		hash: 'h',
		summary: summarise('item', d.id, d)
	})),
	...[...shipped.bundles.values()].map((d) => ({
		kind: 'bundle' as const,
		id: d.id,
		rev: 1,
		draft: false,
		version: 1,
		hash: 'h',
		summary: summarise('bundle', d.id, d)
	}))
];
const index = new CatalogIndex(entries, shipped.dictionaries);
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('catalog index', () => {
	it('knows the applicant-name fields of any form by their semantic key, not their names (inbox name search)', () => {
		const form = {
			schema: { type: 'object', properties: { xingming: { type: 'string' }, other: { type: 'string' } } },
			uiSchema: {},
			fields: { xingming: { semanticKey: 'applicant.name' }, other: { semanticKey: 'student.name' } }
		};
		const studioItem = { ...shipped.items.get('tuixiu-shenpi')!, id: 'new-item', form };
		const entry: IndexEntry = { kind: 'item', id: 'new-item', rev: 1, draft: false, version: 1, hash: 'h', summary: summarise('item', 'new-item', studioItem) };
		const names = applicantNameFields([entry]);
		expect([...names]).toEqual(expect.arrayContaining(['applicant_name', 'xingming']));
		expect(names.has('other')).toBe(false);
		// a draft is not searched by
		expect(applicantNameFields([{ ...entry, version: undefined }]).has('xingming')).toBe(false);
	});

	it('finds a service by name, 实施编码, keyword, department or pinyin initials; every word must match', () => {
		const item = shipped.items.get('zhongkao-jiafen-shenhe')!;
		expect(ids(index.search('中考', 'theme', 1, 50).rows)).toEqual(expect.arrayContaining(['zhongkao-jiafen', 'zhongkao-jiafen-shenhe']));
		expect(ids(index.search(item.implementationCode.toLowerCase(), 'theme', 1, 50).rows)).toEqual(['zhongkao-jiafen-shenhe']);
		expect(ids(index.search('zkjf', 'theme', 1, 50).rows)).toContain('zhongkao-jiafen');
		expect(ids(index.search('泉州市教育局', 'theme', 1, 50).rows)).toContain('jiaoshi-zige-buban');
		expect(index.search('中考 退休', 'theme', 1, 50).total).toBe(0);
		expect(index.search('没有这个事项', 'theme', 1, 50)).toEqual({ rows: [], total: 0, page: 1, near: false, suggestions: [] });
	});

	it('pages bundles first, then items; each row once; a page past the end shows the last', () => {
		const all = index.search('', 'theme', 1, 100);
		expect(all.total).toBe(shipped.items.size + shipped.bundles.size);
		expect(all.rows.slice(0, shipped.bundles.size).every((r) => r.kind === 'bundle')).toBe(true);
		// five a page; the last holds the rest (counted from the shipped catalog, which grows)
		const last = Math.ceil(all.total / 5);
		const pages = Array.from({ length: last }, (_, i) => index.search('', 'theme', i + 1, 5));
		expect(pages.map((p) => p.rows.length)).toEqual([...Array(last - 1).fill(5), all.total - 5 * (last - 1)]);
		expect(pages.flatMap((p) => ids(p.rows))).toEqual(ids(all.rows));
		expect(ids(pages[1].rows)).not.toEqual(ids(pages[0].rows));
		expect(index.search('', 'theme', 99, 5)).toMatchObject({ page: last, rows: pages[last - 1].rows });
		// grouped: a group's rows stay together within each kind
		const byDept = index.search('', 'department', 1, 100).rows.filter((r) => r.kind === 'item');
		const seen: string[] = [];
		for (const r of byDept) if (seen.at(-1) !== r.group) seen.push(r.group);
		expect(seen).toEqual([...new Set(seen)]);
		expect(seen).toContain('泉州市教育局');
	});

	it('looks items up by 实施编码 or 基本编码, and names services', () => {
		const item = shipped.items.get('jiaoshi-zige-buban')!;
		expect(index.byCode(item.implementationCode)?.id).toBe(item.id);
		expect(index.byCode(item.basicCode)?.id).toBe(item.id);
		expect(index.name('tuixiu')).toBe(shipped.bundles.get('tuixiu')!.name);
	});

	it('lists the staff steps per department: a bundle’s intake and issuance, and its members’ reviews but not their own intake', () => {
		const steps = index.stepsByDepartment();
		const bundle = shipped.bundles.get('zhongkao-jiafen')!;
		const desk = steps.get(bundle.frontDesk.department) ?? [];
		expect(desk).toContainEqual({ service: bundle.id, key: 'intake', label: bundle.frontDesk.label, role: 'frontDesk' });
		const bundleSteps = [...steps.values()].flat().filter((s) => s.service === bundle.id);
		expect(bundleSteps.filter((s) => s.key === 'intake')).toHaveLength(1);
		expect(bundleSteps.filter((s) => s.key === 'issuing')).toHaveLength(1);
		expect(bundleSteps.length).toBeGreaterThan(2);
	});
});

describe('live catalog', () => {
	it('follows this process’s writes at once and another process’s once it reads the stamp', async () => {
		const dir = tempDir('live-');
		const store = await openStore({ dataDir: dir, env: { STORE: 'lowdb' }, log: () => undefined });
		try {
			const mine = new LiveCatalog(store, shipped.dictionaries, { trustMs: 60_000 });
			await mine.load();
			const defs = new DefinitionService(store, shipped.dictionaries, systemTime, undefined, mine);
			expect(await defs.seed(shipped)).toBe(shipped.items.size + shipped.bundles.size);
			expect((await mine.fresh()).size).toEqual({ items: shipped.items.size, bundles: shipped.bundles.size });
			const other = new LiveCatalog(store, shipped.dictionaries, { trustMs: 0 });
			await other.load(mine.snapshot());
			expect(other.current.search('zkjf', 'theme', 1, 50).total).toBeGreaterThan(0);

			// a published rename shows in this process at once, in the other once it checks the stamp
			const item = structuredClone(shipped.items.get('jiaoshi-zige-buban')!);
			item.name = '教师资格证书遗失补办';
			await defs.saveDraft('item', item.id, item, 'u-admin');
			expect((await mine.fresh()).get('item', item.id)).toMatchObject({ draft: true, version: 1 });
			await defs.publish('item', item.id, '改名', 'u-admin');
			expect((await mine.fresh()).get('item', item.id)).toMatchObject({ draft: false, version: 2, summary: { name: '教师资格证书遗失补办' } });
			// (石狮's 补发 has the same words among its keywords: the renamed one is told by its new name)
			expect((await other.fresh()).get('item', item.id)).toMatchObject({ version: 2, summary: { name: '教师资格证书遗失补办' } });
			expect(ids((await other.fresh()).search('遗失补办', 'theme', 1, 50).rows)).toContain(item.id);
			// an item found by its 实施编码 through the index
			expect((await defs.record('item', item.implementationCode)).id).toBe(item.id);
		} finally {
			await store.close();
		}
	});
});
