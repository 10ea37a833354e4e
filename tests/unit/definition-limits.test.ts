import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../../runtime/core/check';
import { compose } from '../../runtime/core/compose';
import { DefinitionService } from '../../runtime/core/definitions';
import { Bundle, SCHEMA_VERSION } from '../../runtime/core/model';
import { guardDefinition, LIMITS } from '../../runtime/core/model/limits';
import { migrateDefinition } from '../../runtime/core/model/migrations';
import { systemTime } from '../../runtime/core/time';
import { readCatalogDir } from '../../runtime/server/catalog-dir';
import { openStore } from '../../runtime/server/open-store';
import { bundleInput, dictionaries, itemEdu, itemEthnic, itemOverseas } from './fixtures/catalog';
import { tempDir, writeFixtureCatalog } from './helpers/server';

/** itemEdu as JSON text with `insert` spliced in right after the opening brace of `at` (a unique `"key": {` in the text). */
function eduWith(at: string, insert: string): string {
	const text = JSON.stringify(itemEdu);
	const i = text.indexOf(`"${at}":{`);
	expect(i).toBeGreaterThan(-1);
	const open = i + at.length + 4;
	return `${text.slice(0, open)}${insert},${text.slice(open)}`;
}
const nested = (depth: number): unknown => {
	let v: unknown = 'deep';
	for (let i = 0; i < depth; i++) v = { a: v };
	return v;
};
/** An item whose review passes through `n` more states. */
function manyStates(n: number) {
	const item = structuredClone(itemEdu) as any;
	for (let i = 0; i < n; i++)
		item.workflow.states[`s${i}`] = {
			meta: { label: `环节${i}`, role: 'reviewer', budgetDays: 1 },
			on: { PASS: i + 1 < n ? `s${i + 1}` : 'decision', RETURN: i ? `s${i - 1}` : 'review' }
		};
	item.workflow.states.review.on.PASS = 's0';
	return item;
}
const checkText = (file: string, text: string) => {
	const dir = writeFixtureCatalog();
	writeFileSync(join(dir, file), text);
	return checkCatalog(readCatalogDir(dir)).issues.filter((i) => i.severity === 'error' && i.file === file);
};

async function service() {
	const store = await openStore({ dataDir: tempDir('limits-'), env: { STORE: 'lowdb' } });
	const defs = new DefinitionService(store, dictionaries, systemTime);
	const { catalog } = checkCatalog(readCatalogDir(writeFixtureCatalog()));
	await defs.seed(catalog!);
	return { store, defs };
}
const refusal = (p: Promise<unknown>) =>
	p.then(
		() => expect.fail('accepted'),
		(e) => e as { status: number; message: string; errors: { path: string; message: string }[] }
	);

describe('guardDefinition', () => {
	it('passes the fixture definitions', () => {
		for (const def of [itemEdu, itemOverseas, itemEthnic, bundleInput]) expect(guardDefinition(def)).toEqual([]);
	});

	it('refuses __proto__ (an own key after JSON.parse), constructor and prototype keys with their path', () => {
		expect(guardDefinition(JSON.parse('{"form":{"schema":{"properties":{"__proto__":{"type":"string","title":"x"}}}}}'))).toEqual([
			{ path: 'form.schema.properties.__proto__', message: '不允许使用键名「__proto__」', limit: 'key' }
		]);
		expect(
			guardDefinition(JSON.parse('{"a":[{"constructor":1},{"b":{"prototype":{}}}]}'))
				.map((p) => p.path)
				.sort()
		).toEqual(['a[0].constructor', 'a[1].b.prototype']);
	});

	it('refuses nesting beyond the limit, without recursion', () => {
		expect(guardDefinition(nested(LIMITS.depth))).toEqual([]);
		const [p] = guardDefinition({ uiSchema: nested(LIMITS.depth) });
		expect(p.path).toBe(`uiSchema${'.a'.repeat(LIMITS.depth - 1)}`);
		expect(p.message).toContain(`${LIMITS.depth} 层`);
		const deep = JSON.parse('['.repeat(200_000) + ']'.repeat(200_000));
		expect(guardDefinition(deep)[0].message).toContain('嵌套层级超过上限');
	});

	it('refuses oversized definitions, too many fields and too many members', () => {
		expect(guardDefinition({ ...itemEdu, keywords: ['字'.repeat(400_000)] })[0].message).toContain('定义过大');
		const properties = Object.fromEntries(Array.from({ length: LIMITS.fields + 1 }, (_, i) => [`f${i}`, { type: 'string', title: '字段' }]));
		expect(guardDefinition({ ...itemEdu, form: { schema: { type: 'object', properties } } })).toEqual([
			{ path: 'form.schema.properties', message: `表单共有 ${LIMITS.fields + 1} 个字段，超过上限 ${LIMITS.fields} 个`, limit: 'fields' }
		]);
		const members = Array.from({ length: LIMITS.members + 1 }, () => ({ item: 'edu-confirm' }));
		expect(guardDefinition({ ...bundleInput, members })[0].path).toBe('members');
	});
});

describe('definitions refused at the catalog check, with file and path', () => {
	it('__proto__ and constructor keys', () => {
		const proto = checkText('items/edu-confirm.json', eduWith('properties', '"__proto__":{"type":"string","title":"原型"}'));
		expect(proto).toEqual([expect.objectContaining({ path: 'form.schema.properties.__proto__', message: '不允许使用键名「__proto__」' })]);
		const ctor = checkText('items/edu-confirm.json', eduWith('review', '"constructor":{"label":"x"}'));
		expect(ctor.map((i) => i.path)).toEqual(['workflow.states.review.constructor']);
	});

	it('nesting beyond the limit', () => {
		const deep = checkText('items/edu-confirm.json', JSON.stringify({ ...itemEdu, form: { ...itemEdu.form, uiSchema: { name: nested(40) } } }));
		expect(deep[0].path).toMatch(/^form\.uiSchema\.name(\.a)+$/);
		expect(deep[0].message).toBe(`嵌套层级超过上限 ${LIMITS.depth} 层`);
	});

	it('a 3,000-state workflow, before any workflow analysis', () => {
		const issues = checkText('items/edu-confirm.json', JSON.stringify(manyStates(3000)));
		expect(issues).toEqual([expect.objectContaining({ path: 'workflow.states', message: expect.stringContaining(`超过上限 ${LIMITS.states} 个`) })]);
	});

	it('a schemaVersion newer than this build', () => {
		const issues = checkText('bundles/bonus-bundle.json', JSON.stringify({ ...bundleInput, schemaVersion: SCHEMA_VERSION + 1 }));
		expect(issues).toEqual([expect.objectContaining({ path: 'schemaVersion', message: expect.stringContaining(`本系统最高支持 ${SCHEMA_VERSION}`) })]);
	});
});

describe('definitions refused by the studio API (DefinitionService), 422 with paths', () => {
	it('draft save: __proto__ from raw JSON, constructor, depth, 3,000 states', async () => {
		const { defs, store } = await service();
		const proto = await refusal(
			defs.saveDraft('item', 'edu-confirm', JSON.parse(eduWith('properties', '"__proto__":{"type":"string","title":"原型"}')), 'admin')
		);
		expect(proto.status).toBe(422);
		expect(proto.errors).toEqual([{ path: 'form.schema.properties.__proto__', message: '不允许使用键名「__proto__」' }]);
		const ctor = await refusal(
			defs.saveDraft('bundle', 'bonus-bundle', JSON.parse(JSON.stringify(bundleInput).replace('"members":[{', '"members":[{"constructor":{},')), 'admin')
		);
		expect(ctor.errors.map((e) => e.path)).toEqual(['members[0].constructor']);
		const deep = await refusal(defs.saveDraft('item', 'edu-confirm', { ...itemEdu, form: { ...itemEdu.form, uiSchema: nested(50) } }, 'admin'));
		expect(deep.status).toBe(422);
		expect(deep.errors[0].path).toMatch(/^form\.uiSchema(\.a)+$/);
		const big = await refusal(defs.saveDraft('item', 'edu-confirm', manyStates(3000), 'admin'));
		expect(big.status).toBe(422);
		expect(big.errors).toEqual([{ path: 'workflow.states', message: expect.stringContaining(`超过上限 ${LIMITS.states} 个`) }]);
		expect((await store.definitions.get('item', 'edu-confirm'))!.draft).toBeUndefined();
		await store.close();
	});

	it('publish: a stored draft holding a forbidden key is refused', async () => {
		const { defs, store } = await service();
		const record = (await store.definitions.get('item', 'edu-confirm'))!;
		const draft = JSON.parse(eduWith('properties', '"__proto__":{"type":"string","title":"原型"}'));
		await store.definitions.put({ ...record, draft: { definition: draft, updatedAt: '2026-01-05T00:00:00Z', updatedBy: 'admin' } }, record.rev);
		const e = await refusal(defs.publish('item', 'edu-confirm', '测试发布', 'admin'));
		expect(e.status).toBe(422);
		expect(e.errors).toEqual([{ path: 'form.schema.properties.__proto__', message: '不允许使用键名「__proto__」' }]);
		await store.close();
	});
});

describe('schema versions and migrations', () => {
	const v1 = <T extends object>(def: T) => {
		const copy = structuredClone(def) as Record<string, unknown>;
		delete copy.schemaVersion;
		return copy;
	};

	it('lifts a version-1 document (no schemaVersion) to the current version without touching the original', () => {
		const old = v1(bundleInput);
		const lifted = migrateDefinition('bundle', old) as Record<string, unknown>;
		expect(lifted.schemaVersion).toBe(SCHEMA_VERSION);
		if ('outcomeRule' in Bundle.shape) expect(lifted.outcomeRule).toBe('each');
		expect(old).toEqual(v1(bundleInput));
		expect(() => migrateDefinition('item', { ...itemEdu, schemaVersion: SCHEMA_VERSION + 1 })).toThrow(/模型版本/);
	});

	it('version-1 published versions load and compose; a newer stored version is refused clearly', async () => {
		const { defs, store } = await service();
		for (const [kind, def] of [
			['item', itemEdu],
			['item', itemOverseas],
			['item', itemEthnic],
			['bundle', bundleInput]
		] as const) {
			const record = (await store.definitions.get(kind, def.id))!;
			const version = { version: 2, hash: 'v1-shape', publishedAt: '2025-06-01T00:00:00Z', publishedBy: 'admin', note: '旧模型', definition: v1(def) };
			await store.definitions.put({ ...record, versions: [...record.versions, version] }, record.rev);
		}
		const pins = ['edu-confirm', 'ovs-confirm', 'eth-confirm'].map((id) => ({ kind: 'item' as const, id, version: 2, hash: 'v1-shape' }));
		const source = await defs.sourceFromPins([{ kind: 'bundle', id: 'bonus-bundle', version: 2, hash: 'v1-shape' }, ...pins]);
		expect(source.kind === 'bundle' && source.bundle.definition.schemaVersion).toBe(SCHEMA_VERSION);
		const composed = compose(source, { kind: 'both', 'edu-confirm.grade': 'current' });
		expect(composed.pins.map((p) => p.version)).toEqual([2, 2, 2, 2]);

		const record = (await store.definitions.get('item', 'edu-confirm'))!;
		const future = {
			version: 3,
			hash: 'future',
			publishedAt: '2027-01-01T00:00:00Z',
			publishedBy: 'admin',
			note: '新模型',
			definition: { ...itemEdu, schemaVersion: SCHEMA_VERSION + 1 }
		};
		await store.definitions.put({ ...record, versions: [...record.versions, future] }, record.rev);
		const e = await refusal(defs.published('item', 'edu-confirm', 3));
		expect(e.status).toBe(422);
		expect(e.errors).toEqual([{ path: 'schemaVersion', message: expect.stringContaining(`模型版本为 ${SCHEMA_VERSION + 1}`) }]);
		const draft = await refusal(defs.saveDraft('item', 'edu-confirm', { ...itemEdu, schemaVersion: SCHEMA_VERSION + 1 }, 'admin'));
		expect(draft.status).toBe(422);
		await store.close();
	});

	it('a draft saved without schemaVersion is stored and published at the current version', async () => {
		const { defs, store } = await service();
		const saved = await defs.saveDraft('item', 'edu-confirm', v1({ ...itemEdu, name: '中考加分资格审核（新）' }), 'admin');
		expect((saved.draft!.definition as { schemaVersion: number }).schemaVersion).toBe(SCHEMA_VERSION);
		const published = await defs.publish('item', 'edu-confirm', '改名', 'admin');
		expect((published.versions.at(-1)!.definition as { schemaVersion: number }).schemaVersion).toBe(SCHEMA_VERSION);
		await store.close();
	});
});

// keeps the raw-text helper honest: the fixture text must parse back to the fixture
it('eduWith splices valid JSON', () => expect(JSON.parse(eduWith('review', '"x":1')).workflow.states.review.x).toBe(1));
