// Sign-in throttling per username and per client address, in this process's memory (not shared between processes:
// with N app processes an attacker gets at most N times the limits; locks are lost on restart).
// A key admits at most as many sign-ins at once as it has failures left, so parallel guesses cannot overshoot the
// limit: the others wait until one settles, then see the lock. A success clears the username's failures only.
import type { LoginLimits } from './security-config';

interface Entry {
	/** times of recent failures */
	failures: number[];
	inFlight: number;
	lockedUntil: number;
	waiters: (() => void)[];
}

export type Scope = 'account' | 'address';

export interface Attempt {
	/** the password was wrong: counts a failure on both keys; tells which of them this failure locked */
	fail(): { locked: Scope[]; waitMs: number };
	/** signed in: the username's failures are forgotten */
	succeed(): void;
	/** neither (an error before the password was checked) */
	release(): void;
}

export class LoginThrottle {
	private entries = new Map<string, Entry>();
	constructor(
		readonly limits: LoginLimits,
		private clock: () => number = Date.now
	) {}

	/** Waits for a free slot; `{ waitMs }` when the username or the address is locked. */
	async begin(username: string, address: string): Promise<Attempt | { waitMs: number }> {
		const keys = [`u:${username.normalize('NFKC').trim().toLowerCase()}`, `a:${address}`] as const;
		const limits = [this.limits.accountFailures, this.limits.addressFailures];
		for (;;) {
			const now = this.clock();
			const entries = keys.map((k) => this.entry(k, now));
			const waitMs = Math.max(...entries.map((e) => e.lockedUntil - now));
			if (waitMs > 0) {
				this.forgetIdle(keys);
				return { waitMs };
			}
			const full = entries.find((e, i) => e.failures.length + e.inFlight >= limits[i]);
			if (!full) {
				for (const e of entries) e.inFlight++;
				return this.attempt(keys, entries, limits);
			}
			await new Promise<void>((wake) => full.waiters.push(wake));
		}
	}

	private attempt(keys: readonly string[], [account, address]: Entry[], limits: number[]): Attempt {
		let settled = false;
		const settle = (fn: () => void) => {
			if (settled) return;
			settled = true;
			account.inFlight--;
			address.inFlight--;
			fn();
			for (const e of [account, address]) for (const wake of e.waiters.splice(0)) wake();
			this.forgetIdle(keys);
		};
		const outcome = { locked: [] as Scope[], waitMs: 0 };
		return {
			fail: () => {
				settle(() => {
					const now = this.clock();
					[account, address].forEach((e, i) => {
						e.failures.push(now);
						if (e.failures.length >= limits[i] && e.lockedUntil <= now) {
							e.lockedUntil = now + this.limits.lockMs;
							e.failures = [];
							outcome.locked.push(i === 0 ? 'account' : 'address');
							outcome.waitMs = this.limits.lockMs;
						}
					});
				});
				return outcome;
			},
			succeed: () => settle(() => (account.failures = [])),
			release: () => settle(() => undefined)
		};
	}

	/** the entry of a key with failures outside the window and an ended lock dropped */
	private entry(key: string, now: number): Entry {
		let e = this.entries.get(key);
		if (e) this.entries.delete(key);
		else {
			if (this.entries.size >= this.limits.maxKeys) this.evict(now);
			e = { failures: [], inFlight: 0, lockedUntil: 0, waiters: [] };
		}
		// the map's order is the order of last use: eviction drops the least recently used first
		this.entries.set(key, e);
		const since = now - this.limits.windowMs;
		if (e.failures.length && e.failures[0] <= since) e.failures = e.failures.filter((t) => t > since);
		if (e.lockedUntil && e.lockedUntil <= now) e.lockedUntil = 0;
		return e;
	}

	private idle = (e: Entry) => !e.inFlight && !e.waiters.length && !e.failures.length && !e.lockedUntil;

	private forgetIdle(keys: readonly string[]) {
		for (const k of keys) {
			const e = this.entries.get(k);
			if (e && this.idle(e)) this.entries.delete(k);
		}
	}

	/** at the memory bound: drop what is settled, then the oldest keys not in use */
	private evict(now: number) {
		const since = now - this.limits.windowMs;
		for (const [k, e] of this.entries)
			if (this.idle(e) || (!e.inFlight && !e.waiters.length && e.lockedUntil <= now && e.failures.every((t) => t <= since))) this.entries.delete(k);
		for (const [k, e] of this.entries) {
			if (this.entries.size < this.limits.maxKeys) break;
			if (!e.inFlight && !e.waiters.length) this.entries.delete(k);
		}
	}

	/** keys remembered now (for tests of the memory bound) */
	get size(): number {
		return this.entries.size;
	}
}

/** The Chinese message for a lock, in whole minutes rounded up. */
export const lockMessage = (waitMs: number) => `登录失败次数过多，请 ${Math.max(1, Math.ceil(waitMs / 60e3))} 分钟后再试`;
