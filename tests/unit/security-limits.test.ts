// Input limits as part of the model, bounded definition checks off the request loop, API error shape, and lowdb recovery.
import { existsSync, readdirSync, readFileSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../runtime/core/model/limits';
import { HttpError } from '../../runtime/core/errors';
import { workerChecker } from '../../runtime/server/check-pool';
import { openLowdbStore } from '../../runtime/server/lowdb-store';
import { testPii } from './helpers/pii';
import { dictionaries, itemEdu } from './fixtures/catalog';
import { tempDir, type Client } from './helpers/server';
import { useServer } from './helpers/use-server';

const deepArrays = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObjects = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

/** A workflow of `n` review states after 受理, each passing on (or approving two ahead) and returning one back. */
function withStates(def: any, n: number) {
	const item = structuredClone(def);
	for (let i = 0; i < n; i++)
		item.workflow.states[`s${i}`] = {
			meta: { label: `环节${i}`, role: 'reviewer', budgetDays: 1 },
			on: { PASS: i + 1 < n ? `s${i + 1}` : 'decision', RETURN: i ? `s${i - 1}` : 'review', ...(i + 2 < n ? { APPROVE: `s${i + 2}` } : {}) }
		};
	item.workflow.states.review.on.PASS = 's0';
	return item;
}

describe('JSON bodies over the limits, on every route that takes a definition or a submission', () => {
	const server = useServer();
	// a shipped item with 审查 → 审批决定, and a shipped bundle
	const item = 'gjj-tiqu-tuixiu';
	const bundle = 'minban-xuexiao';
	let admin: Client, citizen: Client;
	const setup = async () => {
		admin ??= await server.as('admin');
		citizen ??= await server.as('zhangsan');
	};
	/** [who, method, path, body text with D standing for the deep value, the path the refusal names] */
	const routes = (): [() => Client, string, string, string, string][] => [
		[() => admin, 'PUT', `/api/items/${item}`, `{"id":"${item}","form":{"uiSchema":D}}`, 'form.uiSchema'],
		[() => admin, 'PUT', `/api/bundles/${bundle}`, `{"id":"${bundle}","members":D}`, 'members'],
		[() => admin, 'POST', `/api/items/${item}/publish`, '{"note":D}', 'note'],
		[() => admin, 'POST', `/api/bundles/${bundle}/publish`, '{"note":D}', 'note'],
		[() => citizen, 'POST', '/api/compose', `{"service":{"kind":"item","id":"${item}"},"answers":D}`, 'answers'],
		[() => citizen, 'POST', '/api/cases', `{"service":{"kind":"item","id":"${item}"},"answers":{},"data":D,"materials":{}}`, 'data'],
		[() => citizen, 'PUT', `/api/drafts/item/${item}`, '{"answers":{},"data":D}', 'data'],
		[() => citizen, 'POST', '/api/cases/c-1/events', '{"type":"RESUBMIT","version":0,"data":D}', 'data'],
		[() => citizen, 'POST', '/api/cases/c-1/rating', '{"grade":5,"aspects":D}', 'aspects'],
		[() => admin, 'POST', '/api/ratings/r-1/follow-up', '{"kind":"callback","note":D}', 'note'],
		[() => admin, 'POST', '/api/cases/c-1/verifications/v-1', '{"version":0,"result":D}', 'result'],
		[() => citizen, 'POST', '/api/session', '{"username":D}', 'username']
	];

	it('2,000 nested arrays or objects: 422 naming the JSON path where the nesting limit was passed, never 500', async () => {
		await setup();
		for (const [deep, step] of [
			[deepArrays(2000), '[0]'],
			[deepObjects(2000), '.a']
		])
			for (const [who, method, path, body, at] of routes()) {
				const r = await who().call(method, path, body.replace('D', deep));
				const where = `${method} ${path} ${step}`;
				expect(r.status, where).toBe(422);
				expect(r.body.errors[0].path, where).toBe(at + step.repeat(LIMITS.depth - at.split('.').length));
				expect(r.body.errors[0].message, where).toBe(`嵌套层级超过上限 ${LIMITS.depth} 层`);
				expect(r.body.message, where).toContain(r.body.errors[0].path);
			}
		// nothing was stored on the way
		expect((await citizen.get(`/api/drafts/item/${item}`)).status).toBe(404);
		expect((await admin.get(`/api/items/${item}`)).body.draft).toBeUndefined();
	});

	it('too many values is 422 with the path of the first value over the count; over 1 MB is 413; both with errors[]', async () => {
		await setup();
		const many = await citizen.post('/api/compose', { service: { kind: 'item', id: item }, answers: { list: new Array(LIMITS.values).fill(0) } });
		expect(many.status).toBe(422);
		expect(many.body.errors[0]).toEqual({ path: `answers.list[${LIMITS.values - 6}]`, message: `请求内容含有的值超过上限 ${LIMITS.values} 个` });
		const big = await admin.call('PUT', `/api/items/${item}`, { id: item, keywords: ['字'.repeat(400_000)] });
		expect(big.status).toBe(413);
		expect(big.body.errors).toEqual([{ path: '(请求体)', message: expect.stringContaining('请求体过大') }]);
	});

	it('a 3,000-state workflow is refused by the state limit at once, and other requests are answered meanwhile', async () => {
		await setup();
		const def = (await admin.get(`/api/items/${item}`)).body.definition;
		const started = Date.now();
		const put = admin.call('PUT', `/api/items/${item}`, withStates(def, 3000));
		const get = await citizen.get('/api/bundles');
		const r = await put;
		expect(get.status).toBe(200);
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(r.status).toBe(422);
		expect(r.body.errors).toEqual([{ path: 'workflow.states', message: expect.stringContaining(`超过上限 ${LIMITS.states} 个`) }]);
	});

	it('the heaviest check within the limits runs off the request loop: GETs are answered while it runs', async () => {
		await setup();
		const def = withStates((await admin.get(`/api/items/${item}`)).body.definition, LIMITS.states - 20);
		// the form at its field limit, every field with a pattern: compiling its JSON Schema is the costly part
		const fields = Object.keys(def.form.schema.properties).length;
		for (let i = fields; i < LIMITS.fields; i++) def.form.schema.properties[`extra${i}`] = { type: 'string', title: `附加${i}`, pattern: '^[0-9A-Z]{0,18}$' };
		const started = Date.now();
		let done = false;
		const put = admin.call('PUT', `/api/items/${item}`, def).finally(() => (done = true));
		const waits: number[] = [];
		while (!done) {
			const t = Date.now();
			expect((await citizen.get('/api/bundles')).status).toBe(200);
			waits.push(Date.now() - t);
			await new Promise((ok) => setTimeout(ok, 20));
		}
		const r = await put;
		const took = Date.now() - started;
		expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
		expect(took).toBeLessThan(10_000);
		// loose: no GET waited for the whole check, as it would if the check ran on the request loop
		expect(Math.max(...waits), `check took ${took} ms; GETs waited ${waits.join(', ')} ms`).toBeLessThan(Math.max(400, took / 2));
	});

	it('If-Match that is not a revision number is 400 naming the header (not a misleading 409), and nothing is saved', async () => {
		await setup();
		const { body: current } = await admin.get(`/api/items/${item}`);
		const r = await admin.call('PUT', `/api/items/${item}`, current.definition, { 'if-match': 'abc' });
		expect(r.status).toBe(400);
		expect(r.body.message).toContain('If-Match');
		expect(r.body.errors).toEqual([{ path: 'If-Match', message: '应为非负整数' }]);
		expect((await admin.get(`/api/items/${item}`)).body.rev).toBe(current.rev);
		// a real revision still works, quoted as an ETag too
		expect((await admin.call('PUT', `/api/items/${item}`, current.definition, { 'if-match': `"${current.rev}"` })).status).toBe(200);
	});

	it('U+0000 and unpaired surrogates (PostgreSQL cannot store them) are refused in bodies, URLs and form posts: 4xx, never 500', async () => {
		await setup();
		const draft = await citizen.call('PUT', `/api/drafts/item/${item}`, { answers: {}, data: { contact_address: 'a\u0000b' } });
		expect(draft.status).toBe(422);
		expect(draft.body.errors).toEqual([{ path: 'data.contact_address', message: '含有不允许的字符（U+0000 或不成对的 UTF-16 代理项）' }]);
		const { body: current } = await admin.get(`/api/items/${item}`);
		const def = await admin.call('PUT', `/api/items/${item}`, { ...current.definition, name: '公积金\ud800' });
		expect(def.status).toBe(422);
		expect(def.body.errors).toEqual([{ path: 'name', message: '含有不允许的字符（U+0000 或不成对的 UTF-16 代理项）' }]);
		for (const path of [`/api/items/a%00b`, '/api/tasks?state=%00', '/api/cases/%00']) {
			const r = await admin.get(path);
			expect(r.status, path).toBe(400);
			expect(r.body.errors[0].path, path).toBe('URL');
		}
		const login = await fetch(`${server.url}/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
			body: new URLSearchParams({ username: 'zhang\u0000san', password: 'demo123' })
		});
		expect(login.status).toBe(400);
		expect(await login.text()).toContain('表单字段「username」含有不允许的字符');
	});

	it('every 4xx from the API carries { message, errors: [{ path, message }] }: malformed JSON, empty body, query, 401, 404, 405', async () => {
		await setup();
		const cases: [Promise<{ status: number; body: any }>, number, string][] = [
			[citizen.call('POST', '/api/compose', '{"service":'), 400, '(根)'],
			[citizen.call('POST', '/api/compose', ' '), 400, '(根)'],
			[citizen.get('/api/cases?limit=abc'), 400, 'limit'],
			[citizen.get('/api/cases?status=nope'), 400, 'status'],
			[citizen.get('/api/cases?cursor=%%%'), 400, 'cursor'],
			[admin.get('/api/tasks?tab=nope'), 400, 'tab'],
			[citizen.post('/api/compose', { service: { kind: 'item' } }), 422, 'service.id'],
			[citizen.get('/api/cases/nope'), 404, '(根)'],
			[citizen.get('/api/no-such-thing'), 404, '(根)'],
			[citizen.call('DELETE', '/api/compose'), 405, '(根)'],
			[citizen.post('/api/items/x/publish', { note: '发布' }), 403, '(根)']
		];
		for (const [call, status, path] of cases) {
			const r = await call;
			const what = JSON.stringify(r.body).slice(0, 300);
			expect(r.status, what).toBe(status);
			expect(typeof r.body.message, what).toBe('string');
			expect(r.body.errors?.[0]?.path, what).toBe(path);
			expect(typeof r.body.errors[0].message, what).toBe('string');
		}
		const anonymous = await fetch(`${server.url}/api/cases`);
		expect(anonymous.status).toBe(401);
		expect(await anonymous.json()).toEqual({ message: '请先登录', errors: [{ path: '(根)', message: '请先登录' }] });
	});
});

describe('definition checks in a worker thread, with a time limit', () => {
	it('answers the check from the worker, and a check over the time limit is stopped and answered 422 定义检查超时', async () => {
		const quick = workerChecker(60_000);
		try {
			const ok = await quick({ kind: 'item', json: itemEdu, dictionaries });
			expect(ok).toMatchObject({ ok: true, definition: { id: itemEdu.id } });
			const bad = await quick({ kind: 'item', json: { ...itemEdu, department: 'nowhere' }, dictionaries });
			expect(bad).toMatchObject({ ok: false, errors: [{ path: 'department', message: expect.stringContaining('nowhere') }] });
		} finally {
			await quick.close();
		}
		const slow = workerChecker(1);
		try {
			const e = await slow({ kind: 'item', json: itemEdu, dictionaries }).then(
				() => expect.fail('finished within 1 ms'),
				(e) => e as HttpError
			);
			expect(e).toBeInstanceOf(HttpError);
			expect(e.status).toBe(422);
			expect(e.message).toMatch(/^定义检查超时/);
		} finally {
			await slow.close();
		}
	});
});

describe('lowdb store file: a damaged store.json is caught at start and the last good copy kept', () => {
	async function twoWrites() {
		const dir = tempDir('lowdb-recovery-');
		const store = await openLowdbStore(dir, testPii());
		await store.meta.set('step', 1);
		await store.meta.set('step', 2);
		await store.close();
		return { dir, file: join(dir, 'store.json'), bak: join(dir, 'store.json.bak') };
	}
	const refusal = (p: Promise<unknown>) =>
		p.then(
			() => expect.fail('opened'),
			(e) => (e as Error).message
		);

	it('each write keeps the version it replaces as store.json.bak', async () => {
		const { file, bak } = await twoWrites();
		expect(JSON.parse(readFileSync(file, 'utf8')).meta.step).toBe(2);
		expect(JSON.parse(readFileSync(bak, 'utf8')).meta.step).toBe(1);
	});

	it('a truncated store.json refuses to start, says which file, what is wrong and how to restore; both files stay as they are', async () => {
		const { dir, file, bak } = await twoWrites();
		truncateSync(file, Math.floor(readFileSync(file).length / 2));
		const damaged = readFileSync(file, 'utf8');
		const message = await refusal(openLowdbStore(dir, testPii()));
		expect(message).toContain(file);
		expect(message).toContain('已损坏');
		expect(message).toContain('不是完整的 JSON');
		expect(message).toContain(`${bak} 可用`);
		expect(message).toContain('STORE_RESTORE_BACKUP=1');
		expect(readFileSync(file, 'utf8')).toBe(damaged);
		expect(JSON.parse(readFileSync(bak, 'utf8')).meta.step).toBe(1);
	});

	it('with restoreFromBackup the damaged file is moved aside (kept) and the backup opened in its place', async () => {
		const { dir, file, bak } = await twoWrites();
		writeFileSync(file, '');
		const warnings: string[] = [];
		const warn = console.warn;
		console.warn = (m: string) => warnings.push(m);
		const store = await openLowdbStore(dir, testPii(), { restoreFromBackup: true }).finally(() => (console.warn = warn));
		expect(await store.meta.get('step')).toBe(1);
		await store.close();
		const aside = readdirSync(dir).filter((f) => f.startsWith('store.json.damaged-'));
		expect(aside).toHaveLength(1);
		expect(readFileSync(join(dir, aside[0]), 'utf8')).toBe('');
		expect(warnings.join()).toContain(aside[0]);
		expect(existsSync(bak)).toBe(true);
		expect(JSON.parse(readFileSync(file, 'utf8')).meta.step).toBe(1);
	});

	it('refuses when the backup is damaged too, or when store.json is missing beside a backup (never starts empty over data)', async () => {
		const both = await twoWrites();
		writeFileSync(both.file, '{"meta":');
		writeFileSync(both.bak, '[1,');
		expect(await refusal(openLowdbStore(both.dir, testPii(), { restoreFromBackup: true }))).toMatch(/已损坏.*也无法使用/);
		const missing = await twoWrites();
		unlinkSync(missing.file);
		expect(await refusal(openLowdbStore(missing.dir, testPii()))).toContain(`数据文件 ${missing.file} 不存在，但有备份`);
	});
});
