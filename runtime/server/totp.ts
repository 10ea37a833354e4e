// TOTP second factor (RFC 6238, 30-second steps, 6 digits, SHA-1 as authenticator apps expect) with otplib.
import { authenticator } from 'otplib';
import type { Account } from '../core/store';
import type { TwoFactorPolicy } from './security-config';

const STEP_SECONDS = 30;
/** codes of the previous and the next step are accepted too (clock drift between the phone and the server) */
const WINDOW = 1;
export const TOTP_ISSUER = '一网通办';

/** A new 160-bit shared secret, base32 (RFC 4226's recommended length). */
export const newTotpSecret = (): string => authenticator.generateSecret(20);

/** The otpauth:// URI an authenticator app reads (typed in or from a QR code). */
export const otpauthUri = (username: string, secret: string): string => authenticator.keyuri(username, TOTP_ISSUER, secret);

/** The code an authenticator shows at `atMs` (tests and scripts). */
export const totpCode = (secret: string, atMs: number): string => authenticator.clone({ epoch: atMs }).generate(secret);

export type CodeCheck = { ok: true; step: number } | { ok: false; reason: 'format' | 'wrong' | 'replay' };

/** Checks a code at `nowMs`; a code of a step at or before `lastStep` (already used, or older) is a replay. */
export function checkTotp(secret: string, code: string, nowMs: number, lastStep?: number): CodeCheck {
	const token = code.replace(/\s+/g, '');
	if (!/^\d{6}$/.test(token)) return { ok: false, reason: 'format' };
	const delta = authenticator.clone({ epoch: nowMs, window: WINDOW }).checkDelta(token, secret);
	if (delta === null) return { ok: false, reason: 'wrong' };
	const step = Math.floor(nowMs / 1000 / STEP_SECONDS) + delta;
	if (lastStep !== undefined && step <= lastStep) return { ok: false, reason: 'replay' };
	return { ok: true, step };
}

export const TOTP_MESSAGES = {
	format: '动态验证码应为 6 位数字',
	wrong: '动态验证码错误，请核对验证器上当前显示的验证码',
	replay: '该动态验证码已使用过，请等待验证器显示新的验证码后再试'
} as const;

/** Whether the policy makes this account sign in with a second factor: administrators, and staff (a department). */
export function totpRequired(account: Pick<Account, 'roles' | 'department'>, policy: TwoFactorPolicy): boolean {
	const admin = account.roles.includes('admin');
	if (policy === 'admin') return admin;
	if (policy === 'staff') return admin || !!account.department;
	return false;
}
