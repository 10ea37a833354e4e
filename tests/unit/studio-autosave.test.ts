// The studio's autosave against a stand-in API: one save after a pause in editing, unchecked; someone else's save first
// is a conflict holding both versions; after a publish, a new edit is unsaved, then 已修改未发布.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Publisher } from '../../studio/state/publisher.svelte';

type Call = { url: string; method: string; ifMatch?: string; body: any };
let calls: Call[] = [];
let rev = 3;
let theirs: any;

beforeEach(() => {
	vi.useFakeTimers();
	calls = [];
	rev = 3;
	theirs = undefined;
	vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
		const headers = (init.headers ?? {}) as Record<string, string>;
		const body = init.body ? JSON.parse(String(init.body)) : undefined;
		calls.push({ url, method: init.method ?? 'GET', ifMatch: headers['if-match'], body });
		const reply = (status: number, json: unknown) => ({ ok: status < 400, status, json: async () => json }) as Response;
		if (url.endsWith('/publish')) return reply(200, { rev: ++rev, version: 2 });
		if (theirs && headers['if-match'] !== String(theirs.rev)) return reply(409, { message: '定义已被他人修改，请刷新后重试', theirs });
		return reply(200, { rev: ++rev });
	});
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

const start = { rev: 3, status: 'published', definition: { id: 'x', name: '甲' } };

describe('studio autosave', () => {
	it('saves once after a pause in editing, unchecked and on the current rev; an edit back to the saved state is no change', async () => {
		const p = new Publisher('item', 'x', start, () => {}, 1000);
		p.edited({ id: 'x', name: '乙' });
		p.edited({ id: 'x', name: '丙' });
		expect(p.saveState).toBe('unsaved');
		await vi.advanceTimersByTimeAsync(999);
		expect(calls).toEqual([]);
		await vi.advanceTimersByTimeAsync(1);
		expect(calls).toEqual([{ url: '/api/items/x?check=false', method: 'PUT', ifMatch: '3', body: { id: 'x', name: '丙' } }]);
		expect(p.saveState).toBe('saved');
		expect(p.status).toBe('changed');
		p.edited({ id: 'x', name: '丙' });
		expect(p.saveState).toBe('saved');
	});

	it('leaving saves at once (flush)', async () => {
		const p = new Publisher('item', 'x', start, () => {}, 1000);
		p.edited({ id: 'x', name: '乙' });
		await expect(p.flush()).resolves.toBe(true);
		expect(calls).toHaveLength(1);
		expect(p.saveState).toBe('saved');
	});

	it('someone else saved first: both versions are held; keeping mine saves it over theirs', async () => {
		const p = new Publisher('item', 'x', start, () => {}, 1000);
		theirs = { rev: 7, definition: { id: 'x', name: '他人' }, by: '李管理员', at: '2026-12-01T05:00:00Z' };
		p.edited({ id: 'x', name: '我的' });
		await expect(p.flush()).resolves.toBe(false);
		expect(p.saveState).toBe('conflict');
		expect(p.theirs).toMatchObject({ by: '李管理员', definition: { name: '他人' } });
		expect(p.mine).toEqual({ id: 'x', name: '我的' });
		// edits meanwhile stay mine, nothing is sent
		p.edited({ id: 'x', name: '我的二' });
		expect(calls).toHaveLength(1);
		await expect(p.keepMine()).resolves.toBe(true);
		expect(calls.at(-1)).toMatchObject({ ifMatch: '7', body: { name: '我的二' } });
		expect(p.saveState).toBe('saved');
	});

	it('taking theirs puts their version on screen and their rev in use', async () => {
		const p = new Publisher('item', 'x', start, () => {}, 1000);
		theirs = { rev: 7, definition: { id: 'x', name: '他人' } };
		p.edited({ id: 'x', name: '我的' });
		await p.flush();
		expect(p.takeTheirs()).toEqual({ id: 'x', name: '他人' });
		expect(p.saveState).toBe('saved');
		p.edited({ id: 'x', name: '他人改' });
		await p.flush();
		expect(calls.at(-1)).toMatchObject({ ifMatch: '7', body: { name: '他人改' } });
	});

	it('after a publish, a new edit is unsaved, then 已修改未发布 once saved', async () => {
		const p = new Publisher('item', 'x', { ...start, status: 'draft' }, () => {}, 1000);
		await expect(p.publish({ id: 'x', name: '乙' }, '改名')).resolves.toBe(true);
		expect(calls.map((c) => c.url)).toEqual(['/api/items/x', '/api/items/x/publish']);
		expect(p.status).toBe('published');
		p.edited({ id: 'x', name: '丙' });
		expect(p.saveState).toBe('unsaved');
		await vi.advanceTimersByTimeAsync(1000);
		expect(p.status).toBe('changed');
	});
});
