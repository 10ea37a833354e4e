// The portal's search over the shipped catalog: the phrasings citizens use (synonyms kept as data, word order, full
// pinyin, typos) find the right services, name matches come first, a typo shows what it probably meant, and a query
// that means nothing finds nothing.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleDictionaries, checkCatalog } from '../../runtime/core/check';
import { CatalogIndex, type IndexEntry } from '../../runtime/core/catalog/index';
import { summarise } from '../../runtime/core/catalog/summary';
import type { Dictionaries } from '../../runtime/core/model';
import { readCatalogDir } from '../../runtime/server/catalog-dir';

const shipped = checkCatalog(readCatalogDir(resolve('definitions'))).catalog!;
const entry = (kind: 'item' | 'bundle', d: { id: string; name?: string; keywords?: string[] }): IndexEntry => ({
	kind,
	id: d.id,
	rev: 1,
	draft: false,
	version: 1,
	hash: 'h',
	summary: summarise(kind, d.id, d)
});
const entries = [...[...shipped.items.values()].map((d) => entry('item', d)), ...[...shipped.bundles.values()].map((d) => entry('bundle', d))];
const index = new CatalogIndex(entries, shipped.dictionaries);
const search = (q: string, ix = index) => ix.search(q, 'theme', 1, 50);
const ids = (q: string, ix = index) => search(q, ix).rows.map((r) => r.id);
const items = (q: string, ix = index) =>
	search(q, ix)
		.rows.filter((r) => r.kind === 'item')
		.map((r) => r.id);
/** The items and their implementations in other regions and levels (the same 基本编码 and name), in id order. */
const everywhere = (...ids: string[]) =>
	ids
		.flatMap((id) => {
			const item = shipped.items.get(id)!;
			return [...shipped.items.values()].filter((i) => i.basicCode === item.basicCode && i.name === item.name).map((i) => i.id);
		})
		.sort();

describe('search that finds', () => {
	it('finds a service by the words people use: synonyms, either word order, full pinyin', () => {
		expect(shipped.dictionaries.searchSynonyms?.length).toBeGreaterThan(0);
		// 补发 and 补办 are one word for the search (search-synonyms.json)
		expect(items('证书补发').sort()).toEqual(everywhere('jiaoshi-zige-buban'));
		expect(items('证书补办').sort()).toEqual(everywhere('jiaoshi-zige-buban'));
		expect(items('公积金提取').sort()).toEqual(everywhere('gjj-tiqu-tuixiu'));
		expect(items('提取公积金').sort()).toEqual(everywhere('gjj-tiqu-tuixiu'));
		expect(ids('提取公积金')).toContain('tuixiu');
		// 退休金 → 养老金: the pension item (in each region) first
		const pension = everywhere('tuixiu-shenpi');
		expect(items('退休金').slice(0, pension.length).sort()).toEqual(pension);
		expect(items('教师证').sort()).toEqual(everywhere('jiaoshi-zige-buban', 'jiaoshi-zige-rending'));
		expect(items('jiaoshizige').sort()).toEqual(everywhere('jiaoshi-zige-buban', 'jiaoshi-zige-rending'));
		expect(items('gongjijin').sort()).toEqual(everywhere('gjj-tiqu-tuixiu'));
		// typing: the last syllable cut short
		expect(items('jiaoshiz').sort()).toEqual(everywhere('jiaoshi-zige-buban', 'jiaoshi-zige-rending'));
		for (const q of ['证书补发', '公积金提取', '退休金', '教师证', 'jiaoshizige']) expect(search(q)).toMatchObject({ near: false, suggestions: [] });
		// initials and codes as before
		expect(ids('txyjs')).toEqual(['tuixiu']);
	});

	it('an item named 证书补办 is found by 证书补发 through the synonym, not without it', () => {
		// every region's implementation renamed
		const buban = everywhere('jiaoshi-zige-buban');
		const renamed = entries.map((e) =>
			buban.includes(e.id) ? entry('item', { ...shipped.items.get(e.id)!, name: '教师资格证书遗失补办', keywords: ['教师资格证'] }) : e
		);
		expect(items('证书补发', new CatalogIndex(renamed, shipped.dictionaries)).sort()).toEqual(buban);
		const without: Dictionaries = { ...shipped.dictionaries, searchSynonyms: [] };
		expect(search('证书补发', new CatalogIndex(renamed, without)).rows).toEqual([]);
		expect(search('退休金', new CatalogIndex(entries, without)).rows).toEqual([]);
	});

	it('a typo finds what it sounds or looks like, and says what it probably meant', () => {
		const retire = search('退修');
		expect(retire).toMatchObject({ near: true, suggestions: ['退休'] });
		expect(retire.rows.map((r) => r.id)).toEqual(expect.arrayContaining(['tuixiu', 'tuixiu-shenpi', 'yibao-tuixiu', 'gjj-tiqu-tuixiu']));
		expect(retire.rows.every((r) => r.name.includes('退休'))).toBe(true);
		const teacher = search('教室资格');
		expect(teacher).toMatchObject({ near: true, suggestions: ['教师资格'] });
		expect(teacher.rows.map((r) => r.id).sort()).toEqual(everywhere('jiaoshi-zige-buban', 'jiaoshi-zige-rending'));
		// a character that looks alike, and pinyin one letter off (si for shi)
		expect(search('教帅资格').suggestions).toEqual(['教师资格']);
		expect(
			search('jiaosizige')
				.rows.map((r) => r.id)
				.sort()
		).toEqual(everywhere('jiaoshi-zige-buban', 'jiaoshi-zige-rending'));
		// a suggestion finds what was shown
		expect(search('退休').total).toBe(retire.total);
	});

	it('finds nothing for a query that means nothing in the catalog', () => {
		for (const q of ['没有这个事项', '没有', '天气预报', 'zzzz']) {
			const found = search(q);
			expect(found.rows, q).toEqual([]);
			expect(found.total, q).toBe(0);
			expect(found.near, q).toBe(false);
		}
		// two words that each find something but not together: each is suggested
		expect(search('中考 退休')).toMatchObject({ total: 0, suggestions: ['中考', '退休'] });
	});

	it('ranks name matches before keyword matches', () => {
		const base = shipped.items.get('minban-xuexiao-choushe')!;
		// same theme: by id, a-keyword would come first
		const extra = [
			entry('item', { ...base, id: 'a-keyword', name: '学校卫生许可', keywords: ['退休'] }),
			entry('item', { ...base, id: 'b-name', name: '退休证明开具', keywords: [] })
		];
		const ix = new CatalogIndex([...entries, ...extra], shipped.dictionaries);
		const found = items('退休', ix);
		expect(found.indexOf('b-name')).toBeLessThan(found.indexOf('a-keyword'));
		expect(found.at(-1)).toBe('a-keyword');
	});

	it('the API list and the studio use the same matching (in id order)', () => {
		expect(index.listPage('item', '提取公积金', 1, 50).entries.map((e) => e.id)).toEqual(everywhere('gjj-tiqu-tuixiu'));
		const teacher = everywhere('jiaoshi-zige-buban', 'jiaoshi-zige-rending');
		expect(index.listPage('item', 'jiaoshizige', 1, 50).entries.map((e) => e.id)).toEqual(teacher);
		expect(index.studioPage({ q: '教师证' }, 1, 50).total).toBe(teacher.length);
	});

	it('search-synonyms.json is checked like the other dictionaries', () => {
		const files = readCatalogDir(resolve('definitions')).dictionaries.filter((f) => !f.file.endsWith('search-synonyms.json'));
		const bad = (data: unknown) =>
			assembleDictionaries([...files, { file: 'dictionaries/search-synonyms.json', data }]).issues.filter((i) => i.severity === 'error');
		expect(bad([{ words: ['退休 金', '养老金'] }])).toEqual([
			expect.objectContaining({ file: 'dictionaries/search-synonyms.json', message: expect.stringContaining('不能含空格') })
		]);
		expect(bad([{ words: ['教师证'] }])[0]).toMatchObject({ path: expect.stringContaining('0'), message: '一组同义词至少要有两个词' });
		expect(bad([{ words: ['补发', '补办', '补发'] }])[0].message).toContain('补发');
		expect(bad([{ words: ['补发', '补办'], oneway: true }])).toHaveLength(1);
		expect(bad([{ words: ['补发', '补办'], oneWay: true }])).toEqual([]);
	});
});
