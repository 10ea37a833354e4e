// The browser's interpreter and the server's ajv must agree exactly: the same raw errors (keyword, instancePath,
// schemaPath, params, in order) and the same FieldErrors, for every catalog form (items and composed bundles) and for
// synthetic and random schemas, on seeded random data. Set EQUIV_SEED to replay a failure.
import { describe, expect, it } from 'vitest';
import { ajvErrors, validateForm as serverValidate } from '../../runtime/core/form-validate';
import { validateForm as browserValidate } from '../../runtime/core/form-validate-browser';
import { interpret } from '../../runtime/core/schema/interpret';
import { schemaProblems } from '../../runtime/core/schema/subset';
import { checkCatalog, checkItem } from '../../runtime/core/check';
import { compose, type ServiceSource } from '../../runtime/core/compose';
import { readCatalogDir } from '../../runtime/server/catalog-dir';
import type { Form } from '../../runtime/core/model';
import { objectFor, pick, randomJson, rng, validValue, wrongValue, type Rng } from './helpers/schema-data';
import { SYNTHETIC, randomSchema } from './fixtures/synthetic-schemas';
import { dictionaries, parsedItems } from './fixtures/catalog';

const SEED = Number(process.env.EQUIV_SEED ?? Math.floor(Math.random() * 2 ** 31));
const PER_FORM = 80;
const RANDOM_SCHEMAS = 150;
const PER_RANDOM_SCHEMA = 25;

const shape = (list: readonly { keyword: string; instancePath: string; schemaPath: string; params: object }[]) =>
	list.map(({ keyword, instancePath, schemaPath, params }) => ({ keyword, instancePath, schemaPath, params }));

/** Asserts both validators agree on one schema and value; `where` says how to replay it. */
function sameRaw(schema: Record<string, unknown>, value: unknown, where: string) {
	const browser = interpret(schema, value);
	const server = shape(ajvErrors(schema, value));
	expect(browser, `${where}（EQUIV_SEED=${SEED}）\n数据 ${JSON.stringify(value)}`).toEqual(server);
}

function sameForm(form: Form, data: unknown, answers: Record<string, unknown>, where: string) {
	const server = serverValidate(form, data, answers);
	expect(browserValidate(form, data, answers), `${where}（EQUIV_SEED=${SEED}）\n数据 ${JSON.stringify(data)}`).toEqual(server);
	return server;
}

/** A submission: each field valid, wrong, or missing; now and then the whole thing is not an object. */
function submission(r: Rng, form: Form): unknown {
	if (r() < 0.02) return pick(r, [null, [], '表单', 1]);
	const rate = pick(r, [0, 0, 0.1, 0.35, 0.8]);
	const data = objectFor(r, form.schema, 0, rate);
	// a field shown by a condition on another field's value: sometimes set that value so it shows
	for (const [path, meta] of Object.entries(form.fields)) {
		const c = meta.visibleWhen as { field?: string; eq?: unknown } | undefined;
		if (c?.field && 'eq' in c && !c.field.includes('.') && r() < 0.5) data[c.field] = c.eq;
		if (rate && !path.includes('.') && r() < 0.1) data[path] = wrongValue(r, form.schema.properties[path] ?? {});
	}
	return data;
}

/** Random answers to the situation questions, re-composing until the questions stop changing. */
function answered(r: Rng, source: ServiceSource) {
	const answers: Record<string, unknown> = {};
	let service = compose(source, answers);
	for (let round = 0; round < 4; round++) {
		const open = service.questions.filter((q) => !(q.key in answers));
		if (!open.length) break;
		for (const q of open) {
			const values = q.options.map((o) => o.value);
			answers[q.key] = q.multiple ? values.filter(() => r() < 0.5) : pick(r, values);
		}
		service = compose(source, answers);
	}
	return { service, answers };
}

const { catalog, issues } = checkCatalog(readCatalogDir('definitions'));
const versioned = <T>(definition: T) => ({ definition, version: 1, hash: '' });
const sources: [string, ServiceSource][] = [
	...[...catalog!.items.values()].map((item): [string, ServiceSource] => [`事项 ${item.id}`, { kind: 'item', item: versioned(item) }]),
	...[...catalog!.bundles.values()].map((b): [string, ServiceSource] => [
		`一件事 ${b.id}`,
		{ kind: 'bundle', bundle: versioned(b), items: b.members.map((m) => versioned(catalog!.items.get(m.item)!)) }
	])
];

describe(`browser validation = server validation (EQUIV_SEED=${SEED})`, () => {
	it('the catalog loads, and every form stays within the supported JSON Schema', () => {
		expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
		for (const item of catalog!.items.values()) expect(schemaProblems(item.form.schema), item.id).toEqual([]);
		expect(sources.length).toBeGreaterThanOrEqual(10);
	});

	it.each(sources)('%s: identical FieldErrors and raw errors on seeded random submissions', (name, source) => {
		const r = rng(SEED ^ [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7));
		let invalid = 0;
		for (let n = 0; n < PER_FORM; n++) {
			const { service, answers } = answered(r, source);
			const data = submission(r, service.form);
			const result = sameForm(service.form, data, answers, `${name} 第 ${n} 份`);
			if (!result.valid) invalid++;
			// the unpruned schema too: every field, every keyword, whatever the conditions say
			if (data && typeof data === 'object' && !Array.isArray(data)) sameRaw(service.form.schema, data, `${name} 第 ${n} 份（全部字段）`);
		}
		// the data exercised both outcomes
		expect(invalid).toBeGreaterThan(0);
		expect(invalid).toBeLessThan(PER_FORM);
	});

	it.each(Object.entries(SYNTHETIC))('synthetic %s: every keyword and format agrees', (name, schema) => {
		expect(schemaProblems(schema), name).toEqual([]);
		const form = { schema, uiSchema: {}, fields: {} } as unknown as Form;
		const r = rng(SEED ^ name.length);
		for (let n = 0; n < 300; n++) {
			const data = n % 3 === 0 ? validValue(r, schema) : objectFor(r, schema, 0, pick(r, [0.2, 0.5, 0.9]));
			sameRaw(schema, data, `${name} 第 ${n} 份`);
			sameForm(form, data, {}, `${name} 第 ${n} 份`);
		}
	});

	it('random schemas within the subset: ajv compiles them and both give the same errors', () => {
		const r = rng(SEED);
		for (let k = 0; k < RANDOM_SCHEMAS; k++) {
			const schema = randomSchema(r);
			expect(schemaProblems(schema), `随机 schema ${k}: ${JSON.stringify(schema)}`).toEqual([]);
			for (let n = 0; n < PER_RANDOM_SCHEMA; n++) {
				const roll = r();
				const data = roll < 0.4 ? validValue(r, schema) : roll < 0.8 ? wrongValue(r, schema) : randomJson(r);
				sameRaw(schema, data, `随机 schema ${k} ${JSON.stringify(schema)} 第 ${n} 份`);
			}
		}
	});
});

describe('the definition check refuses what the browser could not check the same way', () => {
	const form = (prop: Record<string, unknown>) => ({ type: 'object', properties: { x: { type: 'string', title: '字段', ...prop } } });
	it.each([
		[{ not: { minLength: 2 } }, ['properties', 'x', 'not'], '不支持的 JSON Schema 关键字「not」'],
		[{ if: { minLength: 2 } }, ['properties', 'x', 'if'], '不支持的 JSON Schema 关键字「if」'],
		[{ $ref: '#/definitions/a' }, ['properties', 'x', '$ref'], '不支持的 JSON Schema 关键字「$ref」'],
		[{ minLength: -1 }, ['properties', 'x', 'minLength'], '「minLength」须为非负整数'],
		[{ pattern: '([a-z]' }, ['properties', 'x', 'pattern'], '「pattern」不是有效的正则表达式'],
		[{ format: 'phone-number' }, ['properties', 'x', 'format'], '未知的格式「phone-number」'],
		[{ type: 'text' }, ['properties', 'x', 'type'], '「type」须为'],
		[{ items: [{ type: 'string' }] }, ['properties', 'x', 'items'], '「items」须为一个 JSON Schema 对象'],
		[{ anyOf: [{ minLength: 1 }, { patternProperties: {} }] }, ['properties', 'x', 'anyOf', 1, 'patternProperties'], '不支持的 JSON Schema 关键字']
	])('%j → refused at its path', (prop, path, message) => {
		const problems = schemaProblems(form(prop));
		expect(problems).toHaveLength(1);
		expect(problems[0].path).toEqual(path);
		expect(problems[0].message).toContain(message);
	});

	it('publishing an item with an unsupported keyword fails with the field path', () => {
		const item = parsedItems()[0];
		const name = Object.keys(item.form.schema.properties)[0];
		(item.form.schema.properties[name] as Record<string, unknown>).not = { const: 'a' };
		const issues = checkItem(item, dictionaries, `items/${item.id}.json`).filter((i) => i.severity === 'error');
		expect(issues.map((i) => i.path)).toEqual([`form.schema.properties.${name}.not`]);
		expect(issues[0].message).toContain('不支持的 JSON Schema 关键字「not」');
	});

	it('annotations and x- extensions pass', () => {
		expect(schemaProblems(form({ description: '说明', default: 'a', examples: ['a'], 'x-error': '错误', 'x-anything': { a: 1 } }))).toEqual([]);
	});
});
