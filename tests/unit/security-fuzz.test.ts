// A seeded, bounded fuzz of definitions and submissions against the built app: mutated catalog definitions (saved, sometimes
// published) and mutated applications, drafts and actions. The pass condition is 0 server errors (5xx). FUZZ_SEED reproduces
// a run (the seed is printed), FUZZ_CASES sets how many cases (default 200).
import { describe, expect, it } from 'vitest';
import { rng } from './helpers/case-walk';
import { provideMaterials, TUIXIU } from './helpers/catalog-data';
import { useServer } from './helpers/use-server';

const SEED = Number(process.env.FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31);
const CASES = Number(process.env.FUZZ_CASES) || 200;

type R = ReturnType<typeof rng>;
type Json = unknown;
type Slot = { parent: Record<string, Json> | Json[]; key: string | number };

/** Every place in a JSON value (iteratively). */
function slots(root: Json): Slot[] {
	const out: Slot[] = [];
	const todo = [root];
	while (todo.length) {
		const v = todo.pop();
		if (!v || typeof v !== 'object') continue;
		for (const [k, c] of Object.entries(v)) {
			out.push({ parent: v as Slot['parent'], key: Array.isArray(v) ? Number(k) : k });
			todo.push(c);
		}
	}
	return out;
}

const nested = (depth: number, r: R): Json => {
	let v: Json = 'x';
	for (let i = 0; i < depth; i++) v = r.next() < 0.5 ? [v] : { k: v };
	return v;
};

/** A value of another shape than usual: wrong types, edges of numbers and strings, markup, deep or wide values. */
function oddValue(r: R, other: () => Json): Json {
	const choices: (() => Json)[] = [
		() => null,
		() => true,
		() => 0,
		() => -1,
		() => 1e308,
		() => 2 ** 53 + 1,
		() => 0.1 + 0.2,
		() => '',
		() => ' ',
		() => '<script>alert(1)</script>',
		() => '"><img src=x onerror=alert(1)>',
		() => '字'.repeat(Math.floor(r.next() * 20_000)),
		() => '../../etc/passwd',
		() => 'nowhere',
		() => '2026-02-30',
		() => '\u0000\ud800',
		() => [],
		() => ({}),
		() => JSON.parse('{"__proto__":{"polluted":true}}'),
		() => ({ constructor: { prototype: {} } }),
		() => nested(10 + Math.floor(r.next() * 40), r),
		() => Array.from({ length: Math.floor(r.next() * 2000) }, (_, i) => i),
		() => Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, i])),
		() => structuredClone(other())
	];
	return r.pick(choices)();
}

/** 1–4 random mutations of a copy: replace a value, delete a key, drop or duplicate an array entry, add an unknown key. */
function mutate<T>(value: T, r: R): T {
	const root = { v: structuredClone(value) as Json };
	const n = 1 + Math.floor(r.next() * 4);
	for (let i = 0; i < n; i++) {
		const all = slots(root);
		const s = r.pick(all);
		const sibling = () => (r.pick(all).parent as Record<string, Json>)[r.pick(all).key as string];
		const op = r.next();
		if (op < 0.55) (s.parent as Record<string, Json>)[s.key] = oddValue(r, sibling);
		else if (op < 0.7 && Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
		else if (op < 0.8 && Array.isArray(s.parent)) s.parent.push(structuredClone(s.parent[s.key as number]));
		else if (op < 0.9 && !Array.isArray(s.parent) && s.parent !== root) delete s.parent[s.key];
		else if (!Array.isArray(s.parent)) s.parent[`extra${i}`] = oddValue(r, sibling);
	}
	return root.v as T;
}

describe(`fuzz (seed ${SEED}, ${CASES} cases)`, () => {
	const server = useServer();

	it('mutated definitions and submissions: every answer is 2xx or 4xx, never a server error', { timeout: 600_000 }, async () => {
		console.log(`security fuzz: FUZZ_SEED=${SEED} FUZZ_CASES=${CASES}`);
		const r = rng(SEED);
		const admin = await server.as('admin');
		const citizen = await server.as('lisi');
		const desk = await server.as('qz-zwfw-frontdesk');
		const items: string[] = (await admin.get('/api/items')).body.items.map((i: { id: string }) => i.id);
		const bundles: string[] = (await admin.get('/api/bundles')).body.bundles.map((b: { id: string }) => b.id);
		const defs = new Map<string, unknown>();
		for (const id of items) defs.set(`item/${id}`, (await admin.get(`/api/items/${id}`)).body.definition);
		for (const id of bundles) defs.set(`bundle/${id}`, (await admin.get(`/api/bundles/${id}`)).body.definition);
		const svc = (await citizen.post('/api/compose', { service: { kind: 'bundle', id: 'tuixiu' }, answers: TUIXIU.answers })).body;
		const submission = {
			service: { kind: 'bundle', id: 'tuixiu' },
			answers: TUIXIU.answers,
			data: TUIXIU.data,
			materials: await provideMaterials(server.url, citizen, svc.materials),
			consents: { licenceFetch: true }
		};
		const submitted = await citizen.post('/api/cases', submission);
		expect(submitted.status).toBe(201);
		const caseId = submitted.body.id;

		const failures: string[] = [];
		const counts: Record<number, number> = {};
		for (let n = 0; n < CASES; n++) {
			const kind = r.pick(['item', 'bundle'] as const);
			const id = r.pick(kind === 'item' ? items : bundles);
			const calls: [typeof admin, string, string, unknown][] = [];
			const target = r.next();
			if (target < 0.4) {
				calls.push([admin, 'PUT', `/api/${kind}s/${id}`, mutate(defs.get(`${kind}/${id}`), r)]);
				if (r.next() < 0.25) calls.push([admin, 'POST', `/api/${kind}s/${id}/publish`, { note: `模糊测试 ${n}` }]);
			} else if (target < 0.55) calls.push([citizen, 'POST', '/api/compose', mutate({ service: { kind, id }, answers: TUIXIU.answers }, r)]);
			else if (target < 0.8) calls.push([citizen, 'POST', '/api/cases', mutate(submission, r)]);
			else if (target < 0.9) calls.push([citizen, 'PUT', '/api/drafts/bundle/tuixiu', mutate({ answers: TUIXIU.answers, data: TUIXIU.data }, r)]);
			else
				calls.push([
					desk,
					'POST',
					`/api/cases/${caseId}/events`,
					mutate({ type: r.pick(['ACCEPT', 'REQUEST_CORRECTION', 'REJECT']), version: 0, reason: '材料不全' }, r)
				]);
			for (const [who, method, path, body] of calls) {
				const res = await who.call(method, path, body);
				counts[res.status] = (counts[res.status] ?? 0) + 1;
				if (res.status >= 500) failures.push(`case ${n}: ${method} ${path} → ${res.status}; body ${JSON.stringify(body).slice(0, 300)}`);
			}
		}
		console.log(`security fuzz: answers by status ${JSON.stringify(counts)}`);
		expect(failures, `FUZZ_SEED=${SEED} reproduces`).toEqual([]);
	});
});
