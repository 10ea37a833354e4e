// 窗口收件: the front desk finds the citizen it files for by ID or phone number, or records a walk-in as a new citizen
// account (no password: the person follows the case with 办件查询, or at a window). Both audited, numbers masked.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { auditEntry } from '../core/audit';
import { windowCentre } from '../core/cases/intake';
import { forbidden, HttpError, invalid } from '../core/errors';
import { isChineseIdNumber } from '../core/formats';
import type { Account, Actor } from '../core/store';
import type { App } from './app';
import { maskIdentifier, normaliseIdentifier } from './pii';

/** A citizen as the front desk sees them when choosing whom to file for: numbers masked. */
export interface CitizenChoice {
	id: string;
	name: string;
	idNumber?: string;
	phone?: string;
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const masked = (v: unknown) => (str(v) ? maskIdentifier(String(v)) : undefined);

export const choiceOf = (a: Account): CitizenChoice => ({ id: a.id, name: a.name, idNumber: masked(a.profile?.idNumber), phone: masked(a.profile?.phone) });

function requireWindow(app: App, actor: Actor) {
	if (!windowCentre(app.catalog.dictionaries, actor)) throw forbidden('只有政务服务中心综合受理窗口的工作人员可以代为办理');
}

/** Citizens' accounts whose profile holds this ID or mobile number. */
export async function findCitizens(app: App, actor: Actor, identifier: string): Promise<CitizenChoice[]> {
	requireWindow(app, actor);
	const value = normaliseIdentifier(identifier);
	if (!isChineseIdNumber(value) && !/^1[3-9]\d{9}$/.test(value))
		throw new HttpError(400, '请输入申请人完整的 18 位身份证号码或 11 位手机号码', [{ path: 'identifier', message: '应为身份证号码或手机号码' }]);
	const found = (await app.store.accounts.byIdentifier(value)).filter((a) => a.roles.includes('applicant'));
	await app.store.audit.append(
		auditEntry(app.time.now().toISOString(), actor.id, 'citizen.search', undefined, { identifier: maskIdentifier(value), found: found.length })
	);
	return found.map(choiceOf);
}

export const WalkIn = z.strictObject({
	name: z.string().trim().min(2, '请填写申请人姓名（至少 2 个字）').max(30, '姓名不超过 30 个字'),
	idNumber: z.string().transform(normaliseIdentifier).refine(isChineseIdNumber, '身份证号码不正确（18 位，含校验位）'),
	phone: z
		.string()
		.transform(normaliseIdentifier)
		.refine((v) => /^1[3-9]\d{9}$/.test(v), '手机号码应为 11 位大陆手机号')
});
export type WalkIn = z.infer<typeof WalkIn>;

/**
 * A walk-in citizen's account from name, ID and phone number; when an account already holds that ID number it is
 * chosen instead (`created: false`), so one person never gets two.
 */
export async function createWalkIn(app: App, actor: Actor, raw: unknown): Promise<{ citizen: CitizenChoice; created: boolean }> {
	requireWindow(app, actor);
	const parsed = WalkIn.safeParse(raw);
	if (!parsed.success)
		throw invalid(
			'申请人信息不完整',
			parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(根)', message: i.message }))
		);
	const { name, idNumber, phone } = parsed.data;
	const at = app.time.now().toISOString();
	const existing = (await app.store.accounts.byIdentifier(idNumber)).find((a) => a.roles.includes('applicant'));
	if (existing) {
		await app.store.audit.append(auditEntry(at, actor.id, 'citizen.search', undefined, { identifier: maskIdentifier(idNumber), found: 1 }));
		return { citizen: choiceOf(existing), created: false };
	}
	const id = `u-w${randomUUID().replace(/-/g, '').slice(0, 16)}`;
	// no usable password: a sign-in to it always fails (auth.ts treats an unusable hash as a wrong password)
	const account: Account = { id, username: `walkin-${id.slice(3)}`, name, passwordHash: '', roles: ['applicant'], profile: { name, idNumber, phone } };
	await app.store.accounts.put(account);
	await app.store.audit.append(auditEntry(at, actor.id, 'account.create', undefined, { account: id, walkIn: true, centre: actor.department }));
	return { citizen: choiceOf(account), created: true };
}
