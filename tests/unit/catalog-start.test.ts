// A generated large catalog starts; the next start checks only the files that changed (and still refuses a broken one),
// publishes new files, and checks everything again when the dictionaries change. PGlite (the default) and lowdb.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../runtime/server/app';
import { writeLargeCatalog } from '../bench/catalog-gen';
import { tempDir } from './helpers/server';

const SHIPPED = { items: readdirSync('definitions/items').length, bundles: readdirSync('definitions/bundles').length };
const open: App[] = [];
afterEach(async () => {
	for (const app of open.splice(0)) await app.store.close();
});

async function start(dataDir: string, definitionsDir: string) {
	const app = await createApp({ dataDir, definitionsDir });
	open.push(app);
	return app;
}
const stop = async (app: App) => {
	open.splice(open.indexOf(app), 1);
	await app.store.close();
};

for (const [store, extra] of [
	['pglite', 1500],
	['lowdb', 40]
] as const)
	describe(`catalog start (${store}, ${extra} generated items)`, () => {
		it('seeds every definition at the first start; the next checks only changed files and refuses a broken one', { timeout: 600_000 }, async () => {
			const before = process.env.STORE;
			process.env.STORE = store;
			try {
				const dir = writeLargeCatalog(extra);
				const dataDir = tempDir('catalog-start-');
				const files = extra + SHIPPED.items + SHIPPED.bundles;
				let app = await start(dataDir, dir);
				expect(app.catalogStart).toEqual({ checkedFiles: files, seeded: files });
				const index = await app.catalog.fresh();
				expect(index.size).toEqual({ items: extra + SHIPPED.items, bundles: SHIPPED.bundles });
				const last = `gen-${extra}`;
				expect(index.search(`第${extra}号`, 'theme', 1, 50).rows.map((r) => r.id)).toContain(last);
				await stop(app);

				// nothing changed: nothing checked, nothing published, the same catalog
				app = await start(dataDir, dir);
				expect(app.catalogStart).toEqual({ checkedFiles: 0, seeded: 0 });
				expect((await app.catalog.fresh()).size).toEqual(index.size);
				expect((await app.defs.published('item', last)).version).toBe(1);
				await stop(app);

				// a changed file is checked again: a department not in the dictionary stops the start, naming the file
				const file = join(dir, 'items', `${last}.json`);
				const good = readFileSync(file, 'utf8');
				writeFileSync(file, JSON.stringify({ ...JSON.parse(good), department: 'no-such-dept' }));
				await expect(start(dataDir, dir)).rejects.toThrow(`items/${last}.json department: 实施主体「no-such-dept」不在部门字典中`);
				// …and a changed file that repeats another item's 实施编码, though that item was not read again
				const other = JSON.parse(readFileSync(join(dir, 'items', 'gen-1.json'), 'utf8'));
				writeFileSync(file, JSON.stringify({ ...JSON.parse(good), implementationCode: other.implementationCode }));
				await expect(start(dataDir, dir)).rejects.toThrow(`items/${last}.json implementationCode: 实施编码与事项「gen-1」重复`);
				writeFileSync(file, good);

				// a new file is checked and published; the rest is not read
				const added = { ...JSON.parse(good), id: 'gen-new', name: '新增的测试事项', implementationCode: '11350500003579420T4999999999999' };
				added.workflow = { ...added.workflow, id: 'gen-new' };
				writeFileSync(join(dir, 'items', 'gen-new.json'), JSON.stringify(added));
				app = await start(dataDir, dir);
				expect(app.catalogStart).toEqual({ checkedFiles: 2, seeded: 1 });
				expect((await app.catalog.fresh()).search('新增的测试事项', 'theme', 1, 50).rows.map((r) => r.id)).toEqual(['gen-new']);
				await stop(app);

				// the dictionaries changed: every file is checked again (a reference may have gone)
				const regions = join(dir, 'dictionaries', 'regions.json');
				writeFileSync(
					regions,
					JSON.stringify([...JSON.parse(readFileSync(regions, 'utf8')), { code: '350599', name: '测试区', level: 'county', parent: '350500' }])
				);
				app = await start(dataDir, dir);
				expect(app.catalogStart).toEqual({ checkedFiles: files + 1, seeded: 0 });
				await stop(app);

				// without the cache file the start is slower, not different
				rmSync(join(dataDir, 'catalog-cache.json'));
				app = await start(dataDir, dir);
				expect(app.catalogStart).toEqual({ checkedFiles: files + 1, seeded: 0 });
				expect((await app.catalog.fresh()).size).toEqual({ items: extra + SHIPPED.items + 1, bundles: SHIPPED.bundles });
			} finally {
				if (before === undefined) delete process.env.STORE;
				else process.env.STORE = before;
			}
		});
	});
