// Session and login limits, from the environment with documented defaults; a bad value stops the start with its name.

function envNumber(name: string, fallback: number, min: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const n = Number(raw);
	if (!Number.isFinite(n) || n < min) throw new Error(`环境变量 ${name} 应为不小于 ${min} 的数字，现为 “${raw}”`);
	return n;
}

export interface SessionLimits {
	/** SESSION_HOURS (default 12): a session ends this long after sign-in */
	absoluteMs: number;
	/** SESSION_IDLE_MINUTES (default 30): a session ends after this long without a request */
	idleMs: number;
	/** how often a session's last-seen time is written (once a minute, or half the idle time when that is shorter) */
	touchMs: number;
}

export function sessionLimits(): SessionLimits {
	return {
		absoluteMs: envNumber('SESSION_HOURS', 12, 0.001) * 3600e3,
		idleMs: envNumber('SESSION_IDLE_MINUTES', 30, 0.001) * 60e3,
		touchMs: 60e3
	};
}

export interface LoginLimits {
	/** LOGIN_MAX_FAILURES_PER_ACCOUNT (default 5): failed sign-ins to one username within the window before it is locked */
	accountFailures: number;
	/** LOGIN_MAX_FAILURES_PER_ADDRESS (default 30): failed sign-ins from one client address within the window before it is locked */
	addressFailures: number;
	/** LOGIN_FAILURE_WINDOW_MINUTES (default 15) */
	windowMs: number;
	/** LOGIN_LOCK_MINUTES (default 15): how long a lock lasts */
	lockMs: number;
	/** LOGIN_THROTTLE_MAX_KEYS (default 100000): usernames and addresses remembered at once (memory bound) */
	maxKeys: number;
}

/** A throttle's limits from `<prefix>_MAX_FAILURES_PER_<subject>`, `…_PER_ADDRESS`, `…_FAILURE_WINDOW_MINUTES`, `…_LOCK_MINUTES`. */
function throttleLimits(prefix: string, subject: string, subjectDefault: number, addressDefault: number): LoginLimits {
	return {
		accountFailures: Math.floor(envNumber(`${prefix}_MAX_FAILURES_PER_${subject}`, subjectDefault, 1)),
		addressFailures: Math.floor(envNumber(`${prefix}_MAX_FAILURES_PER_ADDRESS`, addressDefault, 1)),
		windowMs: envNumber(`${prefix}_FAILURE_WINDOW_MINUTES`, 15, 0.001) * 60e3,
		lockMs: envNumber(`${prefix}_LOCK_MINUTES`, 15, 0.001) * 60e3,
		maxKeys: Math.floor(envNumber('LOGIN_THROTTLE_MAX_KEYS', 100_000, 100))
	};
}

export const loginLimits = (): LoginLimits => throttleLimits('LOGIN', 'ACCOUNT', 5, 30);

/**
 * 办件查询 without signing in (the same throttle as sign-in, its own counts): failed lookups of one 受理编号
 * (TRACK_MAX_FAILURES_PER_RECEIPT, default 5) or from one client address (TRACK_MAX_FAILURES_PER_ADDRESS, default 20)
 * within TRACK_FAILURE_WINDOW_MINUTES (15) stop lookups for TRACK_LOCK_MINUTES (15).
 */
export const trackLimits = (): LoginLimits => throttleLimits('TRACK', 'RECEIPT', 5, 20);

/**
 * REQUIRE_2FA (default off): who must sign in with a TOTP code. `staff`: administrators and every account with a department;
 * `admin`: administrators only; `off`: nobody is made to enrol. An account that enrolled always gives its code, whatever the setting.
 * Off by default so the demo catalog's accounts sign in with demo123 alone; set `staff` for a real deployment (等保 2.0 level 3).
 */
export type TwoFactorPolicy = 'staff' | 'admin' | 'off';

export function twoFactorPolicy(): TwoFactorPolicy {
	const raw = (process.env.REQUIRE_2FA ?? '').trim().toLowerCase();
	if (raw === '') return 'off';
	if (raw === 'staff' || raw === 'admin' || raw === 'off') return raw;
	throw new Error(`环境变量 REQUIRE_2FA 应为 staff、admin 或 off，现为 “${process.env.REQUIRE_2FA}”`);
}
