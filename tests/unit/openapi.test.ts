import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../runtime/server/api-spec';
import { API_EXCLUDED, API_OPERATIONS } from '../../runtime/server/api-spec-routes';

type Json = Record<string, any>;

const ROOT = resolve(__dirname, '../..');
const API_DIR = join(ROOT, 'runtime/routes/api');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const doc = openApiDocument() as Json;

/** Every `METHOD /api/path` the route files export, paths in OpenAPI `{param}` form. */
function routeOperations(dir = API_DIR): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = join(dir, entry.name);
		if (entry.isDirectory()) out.push(...routeOperations(full));
		else if (entry.name === '+server.ts') {
			const src = readFileSync(full, 'utf8');
			const segments = relative(API_DIR, dir)
				.split(/[\\/]/)
				.filter((s) => s && !/^\(.*\)$/.test(s))
				.map((s) => s.replace(/^\[(?:\.\.\.)?(\w+)\]$/, '{$1}'));
			const path = ['/api', ...segments].join('/');
			for (const m of METHODS) if (new RegExp(`export\\s+(const|(async\\s+)?function)\\s+${m}\\b`).test(src)) out.push(`${m} ${path}`);
		}
	}
	return out.sort();
}

const documented = (d: Json) => Object.entries(d.paths as Json).flatMap(([path, ops]) => Object.keys(ops as Json).map((m) => `${m.toUpperCase()} ${path}`));
const excluded = API_EXCLUDED.map((e) => `${e.method.toUpperCase()} ${e.path}`);
/** Route operations the document lacks (exclusions aside). */
const missingFrom = (d: Json) => routeOperations().filter((r) => !documented(d).includes(r) && !excluded.includes(r));

function refsIn(value: unknown, out: string[] = []): string[] {
	if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
	else if (value && typeof value === 'object')
		for (const [k, v] of Object.entries(value)) {
			if (k === '$ref' && typeof v === 'string') out.push(v);
			else refsIn(v, out);
		}
	return out;
}

const resolvePointer = (ref: string) =>
	ref
		.slice(2)
		.split('/')
		.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
		.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), doc);

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ $id: 'https://onething.local/openapi.json', components: doc.components });
const validatorOf = (name: string) => ajv.compile({ $ref: `https://onething.local/openapi.json#/components/schemas/${name}` });

describe('OpenAPI document', () => {
	it('is OpenAPI 3.1 in shape: info, paths, operations with ids and responses, declared path parameters', () => {
		expect(doc.openapi).toBe('3.1.0');
		expect(typeof doc.info.title).toBe('string');
		expect(typeof doc.info.version).toBe('string');
		expect(Object.keys(doc.paths).length).toBeGreaterThan(30);
		const ids = new Set<string>();
		for (const [path, ops] of Object.entries(doc.paths as Json)) {
			expect(path).toMatch(/^\/api\//);
			for (const [method, op] of Object.entries(ops as Json)) {
				const where = `${method.toUpperCase()} ${path}`;
				expect(
					METHODS.map((m) => m.toLowerCase()),
					where
				).toContain(method);
				expect(ids.has(op.operationId), `${where}: operationId ${op.operationId} twice`).toBe(false);
				ids.add(op.operationId);
				expect(
					Object.keys(op.responses).some((c) => /^2\d\d$/.test(c)),
					`${where} has no 2xx response`
				).toBe(true);
				for (const r of Object.values(op.responses as Json)) expect(typeof r.description, `${where}: response without description`).toBe('string');
				const declared = ((op.parameters ?? []) as Json[]).filter((p) => p.in === 'path').map((p) => p.name);
				expect(declared, where).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
				for (const tag of op.tags) expect(doc.tags.map((t: Json) => t.name)).toContain(tag);
			}
		}
	});

	it('resolves every $ref, and every schema in it compiles as JSON Schema 2020-12', () => {
		const refs = refsIn(doc);
		expect(refs.length).toBeGreaterThan(20);
		const broken = refs.filter((r) => !r.startsWith('#/') || resolvePointer(r) === undefined);
		expect(broken).toEqual([]);
		for (const name of Object.keys(doc.components.schemas)) expect(() => validatorOf(name), name).not.toThrow();
	});

	it('covers every route under runtime/routes/api, and documents no route that does not exist', () => {
		const routes = routeOperations();
		expect(routes.length).toBeGreaterThan(45);
		expect(missingFrom(doc)).toEqual([]);
		expect(documented(doc).filter((d) => !routes.includes(d))).toEqual([]);
		for (const e of API_EXCLUDED) {
			expect(routes, `excluded ${e.path} is no route`).toContain(`${e.method.toUpperCase()} ${e.path}`);
			expect(e.reason.length).toBeGreaterThan(5);
			expect(doc.paths[e.path]?.[e.method]).toBeUndefined();
		}
	});

	it('names a route the document lacks', () => {
		const paths = structuredClone(doc.paths);
		delete paths['/api/cases/{id}/rating'].post;
		expect(missingFrom({ ...doc, paths })).toEqual(['POST /api/cases/{id}/rating']);
	});
});

/** Where `name` comes from in a source file: the file itself when it exports it, else the module it imports it from. */
function moduleDefining(file: string, name: string): string {
	const src = readFileSync(join(ROOT, file), 'utf8');
	if (new RegExp(`export const ${name}\\b`).test(src)) return join(ROOT, file);
	for (const m of src.matchAll(/import\s*\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
		if (!m[1].split(',').some((s) => s.trim() === name)) continue;
		const spec = m[2].replace(/^\$core\//, `${ROOT}/runtime/core/`).replace(/^\$server\//, `${ROOT}/runtime/server/`);
		const base = spec.startsWith('.') ? resolve(dirname(join(ROOT, file)), spec) : spec;
		return existsSync(`${base}.ts`) ? `${base}.ts` : join(base, 'index.ts');
	}
	throw new Error(`${file} neither defines nor imports ${name}`);
}

describe('request bodies do not drift from what the handlers validate', () => {
	const withBody = API_OPERATIONS.filter((op) => op.body);

	it.each(withBody.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
		'%s: the document uses the schema object its handler parses with',
		async (_w, op) => {
			const { name, schema, validatedIn } = op.body!;
			const src = readFileSync(join(ROOT, validatedIn), 'utf8');
			// the file parses the body with that schema
			expect(src).toMatch(new RegExp(`(parseBody|parse)\\(${name}\\b|\\b${name}\\b[^\\n]*\\.safeParse\\(|${name}\\.parse\\(`));
			const mod = await import(/* @vite-ignore */ moduleDefining(validatedIn, name));
			expect(mod[name]).toBe(schema);
			expect(doc.components.schemas[name]).toBeDefined();
		}
	);

	it('documents a request body for every route file that reads one', () => {
		const bodyless: string[] = [];
		for (const route of routeOperations()) {
			const [method, path] = route.split(' ');
			if (excluded.includes(route)) continue;
			const dir = path.replace(/^\/api/, '').replace(/\{(\w+)\}/g, '[$1]');
			const src = readFileSync(join(API_DIR, dir, '+server.ts'), 'utf8');
			const exported = new RegExp(`export const ${method} = api\\([^]*?(?=\\nexport |$)`).exec(src)?.[0] ?? '';
			if (exported.includes('readJson(') && !doc.paths[path][method.toLowerCase()].requestBody) bodyless.push(route);
		}
		expect(bodyless).toEqual([]);
	});

	const samples: [string, unknown, unknown][] = [
		[
			'CaseSubmitBody',
			{ service: { kind: 'item', id: 'edu-bonus' }, answers: { hukou: 'local' }, data: { name: '张三' }, materials: {} },
			{ service: { kind: 'thing', id: 'x' } }
		],
		['EventBody', { type: 'ACCEPT', version: 3, comment: '材料齐全，予以受理' }, { type: 'ACCEPT', comment: '缺版本号' }],
		['DraftBody', { answers: { hukou: 'local' }, data: { name: '张三' } }, { data: {}, extra: 1 }],
		[
			'RatingInput',
			{ grade: 5, aspects: { attitude: 5, efficiency: 4, quality: 5 }, comment: '很快' },
			{ grade: 6, aspects: { attitude: 5, efficiency: 5, quality: 5 } }
		],
		['ConsultBody', { to: { department: 'edu' }, question: '请核实学籍情况', days: 3 }, { to: { department: 'edu' }, question: '请核实', days: 31 }]
	];

	it.each(samples)('%s: a valid body passes both the handler schema and the document; an invalid one fails both', (name, good, bad) => {
		const op = API_OPERATIONS.find((o) => o.body?.name === name)!;
		const validate = validatorOf(name);
		expect(op.body!.schema.safeParse(good).success).toBe(true);
		expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
		expect(op.body!.schema.safeParse(bad).success).toBe(false);
		expect(validate(bad)).toBe(false);
	});
});
