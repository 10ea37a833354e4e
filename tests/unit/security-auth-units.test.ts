// Sign-in and session rules without a server: redirect targets, the throttle, sessions' idle timeout, async scrypt.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '../../runtime/core/safe-redirect';
import { hashPassword, hashPasswordAsync, Sessions, verifyPassword } from '../../runtime/server/auth';
import { lockMessage, LoginThrottle, type Attempt } from '../../runtime/server/login-throttle';
import { openStore } from '../../runtime/server/open-store';
import type { LoginLimits } from '../../runtime/server/security-config';

const ORIGIN = 'https://zwfw.example.gov.cn';

describe('redirect targets from input', () => {
	it('refuses the issue’s /\\evil.example/x', () => {
		expect(safeRedirectPath('/\\evil.example/x', ORIGIN)).toBe('/');
	});

	it.each([
		['//evil.example'],
		['//evil.example/path'],
		['/\\evil.example'],
		['\\\\evil.example'],
		['/\\/evil.example'],
		['/x\\y'],
		['https://evil.example/'],
		['http:evil.example'],
		['javascript:alert(1)'],
		['evil.example'],
		[''],
		['/\t/evil.example'],
		['/\n/evil.example'],
		['/\r\n/evil.example'],
		['/ /evil.example'],
		['/\u0000/evil.example'],
		['/\u007f'],
		['/.//evil.example'],
		['/a/../..//evil.example'],
		['/%2e%2e//evil.example'],
		['/' + 'a'.repeat(2001)]
	])('refuses %j', (next) => {
		expect(safeRedirectPath(next, ORIGIN)).toBe('/');
	});

	it.each([
		['/cases', '/cases'],
		['/cases/abc?tab=materials#top', '/cases/abc?tab=materials#top'],
		['/studio/items/x?next=//evil.example', '/studio/items/x?next=//evil.example'],
		['/a/./b/../c', '/a/c'],
		['/%5Cevil.example', '/%5Cevil.example'],
		['/路径?q=中文', '/%E8%B7%AF%E5%BE%84?q=%E4%B8%AD%E6%96%87']
	])('keeps %j as %j', (next, expected) => {
		expect(safeRedirectPath(next, ORIGIN)).toBe(expected);
	});

	it('falls back to the given page', () => {
		expect(safeRedirectPath(null, ORIGIN, '/cases')).toBe('/cases');
		expect(safeRedirectPath('//evil.example', ORIGIN, '/workbench')).toBe('/workbench');
	});
});

describe('passwords', () => {
	it('verifies sync and async hashes off the event loop; a wrong password, an unusable hash and no hash fail', async () => {
		const sync = hashPassword('demo123');
		const async_ = await hashPasswordAsync('demo123');
		expect(await verifyPassword('demo123', sync)).toBe(true);
		expect(await verifyPassword('demo123', async_)).toBe(true);
		expect(await verifyPassword('demo124', async_)).toBe(false);
		expect(await verifyPassword('demo123', 'h')).toBe(false);
		expect(await verifyPassword('demo123', undefined)).toBe(false);
	});

	it('does not block the event loop while hashing', async () => {
		let ticks = 0;
		const timer = setInterval(() => ticks++, 2);
		await Promise.all(Array.from({ length: 8 }, (_, i) => hashPasswordAsync(`p${i}`)));
		clearInterval(timer);
		// scryptSync would have held the loop for all 8 hashes: no tick at all
		expect(ticks).toBeGreaterThan(3);
	});
});

const limits: LoginLimits = { accountFailures: 3, addressFailures: 5, windowMs: 60e3, lockMs: 120e3, maxKeys: 100 };
const throttleAt = (l: Partial<LoginLimits> = {}) => {
	const clock = { now: 1_000_000 };
	return { clock, t: new LoginThrottle({ ...limits, ...l }, () => clock.now) };
};
const begin = async (t: LoginThrottle, user: string, address: string) => {
	const a = await t.begin(user, address);
	if ('waitMs' in a) throw new Error(`locked for ${a.waitMs}`);
	return a;
};

describe('login throttle', () => {
	it('locks a username after its limit of failures, for the lock time, whatever the address', async () => {
		const { clock, t } = throttleAt();
		for (const address of ['10.0.0.1', '10.0.0.2']) expect((await begin(t, 'lisi', address)).fail().locked).toEqual([]);
		expect((await begin(t, 'LiSi ', '10.0.0.3')).fail()).toEqual({ locked: ['account'], waitMs: 120e3 });
		expect(await t.begin('lisi', '10.0.0.4')).toEqual({ waitMs: 120e3 });
		clock.now += 119e3;
		expect(await t.begin('lisi', '10.0.0.4')).toEqual({ waitMs: 1e3 });
		expect(await t.begin('wangwu', '10.0.0.4')).not.toHaveProperty('waitMs');
		clock.now += 1e3;
		(await begin(t, 'lisi', '10.0.0.4')).succeed();
	});

	it('forgets failures outside the window, and a success clears the username but not the address', async () => {
		const { clock, t } = throttleAt();
		(await begin(t, 'lisi', 'a')).fail();
		(await begin(t, 'lisi', 'a')).fail();
		clock.now += 61e3;
		(await begin(t, 'lisi', 'a')).fail();
		(await begin(t, 'lisi', 'a')).fail();
		(await begin(t, 'lisi', 'a')).succeed();
		(await begin(t, 'lisi', 'a')).fail();
		(await begin(t, 'lisi', 'a')).fail();
		// the address has 4 failures in its window: a fifth locks it for every username
		expect((await begin(t, 'zhangsan', 'a')).fail().locked).toEqual(['address']);
		expect(await t.begin('wangwu', 'a')).toEqual({ waitMs: 120e3 });
		expect(await t.begin('wangwu', 'b')).not.toHaveProperty('waitMs');
	});

	it('lets no more guesses run at once than the failures left: 20 parallel guesses get 3 checks', async () => {
		const { t } = throttleAt();
		const pending = Array.from({ length: 20 }, () => t.begin('lisi', 'a'));
		await new Promise((r) => setTimeout(r, 10));
		const admitted: Attempt[] = [];
		const settledFirst = await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(() => r('waiting'), 20))]);
		expect(settledFirst).toBe('waiting');
		// three are admitted at once; the rest wait for them
		for (const p of pending.slice(0, 3)) admitted.push((await p) as Attempt);
		for (const a of admitted) a.fail();
		const rest = await Promise.all(pending.slice(3));
		expect(rest.every((r) => 'waitMs' in r)).toBe(true);
	});

	it('lets parallel right passwords through one after another', async () => {
		const { t } = throttleAt();
		const results = await Promise.all(
			Array.from({ length: 12 }, async () => {
				const a = await begin(t, 'zhangsan', 'a');
				await new Promise((r) => setTimeout(r, 2));
				a.succeed();
				return 'ok';
			})
		);
		expect(results).toEqual(Array(12).fill('ok'));
		expect(t.size).toBe(0);
	});

	it('remembers at most maxKeys usernames and addresses, dropping the least recently used', async () => {
		const { t } = throttleAt({ maxKeys: 100, addressFailures: 300 });
		for (let i = 0; i < 299; i++) expect((await begin(t, `user${i}`, 'a')).fail().locked).toEqual([]);
		expect(t.size).toBeLessThanOrEqual(100);
		// the address, used by every attempt, was kept: its 300th failure locks it
		expect((await begin(t, 'user-last', 'a')).fail().locked).toEqual(['address']);
	});

	it('says how long to wait in whole minutes', () => {
		expect(lockMessage(15 * 60e3)).toBe('登录失败次数过多，请 15 分钟后再试');
		expect(lockMessage(61e3)).toBe('登录失败次数过多，请 2 分钟后再试');
		expect(lockMessage(3e3)).toBe('登录失败次数过多，请 1 分钟后再试');
	});
});

describe('sessions', () => {
	it('end after the idle time, and write the last-seen time at most once a minute', async () => {
		const store = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'sessions-')), env: { STORE: 'lowdb' } });
		let now = Date.parse('2026-03-02T08:00:00Z');
		let touches = 0;
		const touch = store.sessions.touch;
		store.sessions.touch = (id, at) => (touches++, touch(id, at));
		const sessions = new Sessions(store, () => new Date(now), { idleMs: 30 * 60e3, absoluteMs: 12 * 3600e3, touchMs: 60e3 });
		const { token } = await sessions.issue('u-lisi');
		// a request every 10 s for 20 minutes: alive, and 20 writes, not 120
		for (let i = 0; i < 120; i++) {
			now += 10e3;
			expect(await sessions.verify(token)).toBe('u-lisi');
		}
		expect(touches).toBe(20);
		now += 29 * 60e3;
		expect(await sessions.verify(token)).toBe('u-lisi');
		now += 30 * 60e3 + 1;
		expect(await sessions.verify(token)).toBeUndefined();
		// ended for good, not only refused
		now -= 60e3;
		expect(await sessions.verify(token)).toBeUndefined();

		// the absolute limit holds however busy the session is
		const second = await sessions.issue('u-lisi');
		for (let i = 0; i < 12 * 4; i++) {
			now += 15 * 60e3;
			expect(await sessions.verify(second.token)).toBe(i < 12 * 4 - 1 ? 'u-lisi' : undefined);
		}

		// an administrator's revoke ends every session of the account, and only those
		const [w1, w2, other] = [await sessions.issue('u-wang'), await sessions.issue('u-wang'), await sessions.issue('u-zhao')];
		expect(await sessions.endAll('u-wang')).toBe(2);
		expect(await sessions.verify(w1.token)).toBeUndefined();
		expect(await sessions.verify(w2.token)).toBeUndefined();
		expect(await sessions.verify(other.token)).toBe('u-zhao');
		await store.close();
	});
});
