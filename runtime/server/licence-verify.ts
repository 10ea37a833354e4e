// 证照核验 for anyone, without signing in: a licence file (its signature against the server's keys, then the registry
// for revocation), or a licence id from the QR code (the registry alone). The answer names the status and shows the
// non-personal facts; personal data only masked. Failed look-ups are throttled like 办件查询 (TRACK_* limits).
import { z } from 'zod';
import { auditEntry } from '../core/audit';
import { humanNumber } from '../core/certificates';
import type { CertificateValue } from '../core/certificates';
import type { Licence } from '../core/store';
import { maskName } from '../core/names';
import type { App } from './app';
import { checkSignature, canonicalBytes } from './licence-sign';
import { ANONYMOUS_ACTOR } from './login';
import { maskIdentifier } from './pii';
import { membersOf } from '../core/cases/combined';
import { sealDepartmentOf, sealOf } from './seals';
import { looksLikeIdentifier } from './pii-records';

export type VerifyStatus = 'valid' | 'revoked' | 'expired' | 'tampered' | 'unknown-key' | 'not-found' | 'malformed';

export const STATUS_TEXT: Record<VerifyStatus, string> = {
	valid: '有效：签名正确，证照库中该证照未被撤销',
	revoked: '已撤销：签名正确，但该证照已被发证机关撤销',
	expired: '已过期：签名正确，但证照已超过有效期',
	tampered: '内容被篡改：文件内容与签名不符，请以发证机关出具的原件为准',
	'unknown-key': '签名密钥未知：该文件不是本平台签发的，或签名密钥不在本平台公布的密钥集中',
	'not-found': '证照库中没有该证照',
	malformed: '文件不是本平台的电子证照格式（应为下载的证照 JSON 文件）'
};

export interface PublicFacts {
	typeName: string;
	name: string;
	number: string;
	issuer: string;
	issuedAt: string;
	validUntil?: string;
	holderName: string;
	holderId: string;
	fields: { label: string; value: string }[];
	/** 多证合一: the member approvals a combined licence lists */
	members?: { itemName: string; resultName: string; number: string; department: string }[];
	revokedAt?: string;
	revokedReason?: string;
}

/** 电子印章: whose seal signed the file (by its key), or, looked up by id, the issuing department's seal downloads are signed with. */
export interface SealFacts {
	department: string;
	departmentName: string;
	name: string;
	/** the sentence the page shows */
	text: string;
}

export interface VerifyAnswer {
	status: VerifyStatus;
	message: string;
	kid?: string;
	seal?: SealFacts;
	facts?: PublicFacts;
}

export const VerifyById = z.strictObject({
	id: z
		.string()
		.trim()
		.regex(/^lic-[A-Za-z0-9_-]{1,64}$/, '证照标识格式不正确：应为证照二维码链接中 id= 后的 lic-…')
});

const maskValue = (v: string) => (looksLikeIdentifier(v) ? maskIdentifier(v) : maskName(v));

/** What anyone may see of a licence: no full names or ID numbers; the certificate's personal fields masked. */
export function publicFacts(app: App, l: Licence, registry?: Licence): PublicFacts {
	const dict = app.catalog.dictionaries;
	const fields = (Array.isArray(l.data.fields) ? (l.data.fields as CertificateValue[]) : []).map((f) => ({
		label: String(f.label),
		value: f.personal || looksLikeIdentifier(String(f.value)) ? maskValue(String(f.value)) : String(f.value)
	}));
	const number = humanNumber(l);
	const deptName = (id: string) => dict.departments.find((d) => d.id === id)?.name ?? id;
	const members = membersOf(l).map((m) => ({
		itemName: String(m.itemName ?? m.item),
		resultName: String(m.resultName ?? ''),
		number: looksLikeIdentifier(String(m.number)) ? maskIdentifier(String(m.number)) : String(m.number ?? ''),
		department: deptName(String(m.department ?? ''))
	}));
	const revoked = registry?.revokedAt ? registry : l.revokedAt ? l : undefined;
	return {
		typeName: dict.licenceTypes.find((t) => t.code === l.type)?.name ?? String(l.data.typeName ?? l.name),
		name: l.name,
		// an identity card's number is its holder's ID number
		number: looksLikeIdentifier(number) ? maskIdentifier(number) : number,
		issuer: dict.departments.find((d) => d.id === l.issuer)?.name ?? l.issuer,
		issuedAt: l.issuedAt,
		...(l.validUntil ? { validUntil: l.validUntil } : {}),
		holderName: maskName(l.holderName),
		holderId: maskIdentifier(l.holderId),
		fields,
		...(members.length ? { members } : {}),
		...(revoked ? { revokedAt: revoked.revokedAt, revokedReason: revoked.revokedReason } : {})
	};
}

const withoutRevocation = (l: Licence) => {
	const { revokedAt: _a, revokedReason: _r, ...rest } = l;
	return rest as Licence;
};

function statusOf(app: App, l: Licence, registry: Licence): VerifyStatus {
	if (registry.revokedAt || l.revokedAt) return 'revoked';
	if (l.validUntil && l.validUntil.slice(0, 10) < app.time.now().toISOString().slice(0, 10)) return 'expired';
	return 'valid';
}

const answer = (status: VerifyStatus, extra: Partial<VerifyAnswer> = {}): VerifyAnswer => ({ status, message: STATUS_TEXT[status], ...extra });

/** Verifies a licence file (the parsed JSON). */
export async function verifyFile(app: App, doc: unknown): Promise<VerifyAnswer> {
	const check = await checkSignature(app.licenceKeys, doc);
	if (!check.ok) return answer(check.reason, check.kid ? { kid: check.kid } : {});
	const l = (doc as { licence: Licence }).licence;
	const seal = await sealFacts(app, check.department, '签章');
	const signed = { kid: check.kid, ...(seal ? { seal } : {}) };
	const registry = typeof l.id === 'string' ? await app.store.licences.get(l.id) : undefined;
	if (!registry) return answer('not-found', signed);
	// files signed before the canonical form did not cover nested values: the registry's copy must match them whole
	if (check.legacy === 'topKeys' && !canonicalBytes(withoutRevocation(registry)).equals(canonicalBytes(withoutRevocation(l))))
		return answer('tampered', signed);
	return answer(statusOf(app, l, registry), { ...signed, facts: publicFacts(app, l, registry) });
}

/** The registry's answer for a licence id (the QR code's link). */
export async function verifyId(app: App, id: string): Promise<VerifyAnswer> {
	const l = await app.store.licences.get(id);
	if (!l) return answer('not-found');
	const seal = await sealFacts(app, sealDepartmentOf(app, l), '电子印章');
	return answer(statusOf(app, l, l), { ...(seal ? { seal } : {}), facts: publicFacts(app, l, l) });
}

/** The seal a verification names: by a file's key (「…」签章), or by the licence's issuer (该证照加盖「…」电子印章). */
async function sealFacts(app: App, department: string | undefined, how: '签章' | '电子印章'): Promise<SealFacts | undefined> {
	const seal = department ? await sealOf(app, department) : undefined;
	if (!seal) return undefined;
	const text =
		how === '签章'
			? `由${seal.departmentName}的电子印章「${seal.name}」签章（签名密钥属于该部门）`
			: `该证照加盖${seal.departmentName}的电子印章「${seal.name}」，下载的证照文件以该印章的密钥签名`;
	return { department: seal.department, departmentName: seal.departmentName, name: seal.name, text };
}

const FAILED = new Set<VerifyStatus>(['tampered', 'unknown-key', 'not-found', 'malformed']);

/** Runs a verification through the throttle; failures count per licence id and client address, and every look-up is audited. */
export async function throttledVerify(
	app: App,
	key: string,
	address: string,
	actorId: string | undefined,
	run: () => Promise<VerifyAnswer>
): Promise<{ ok: true; answer: VerifyAnswer } | { ok: false; status: 429; message: string; retryAfterSeconds: number }> {
	const attempt = await app.trackThrottle.begin(`licence:${key}`, address);
	const tooMany = (waitMs: number) => ({
		ok: false as const,
		status: 429 as const,
		message: `核验次数过多，请 ${Math.max(1, Math.ceil(waitMs / 60e3))} 分钟后再试（同一证照或同一网络地址多次核验不符时暂停核验）`,
		retryAfterSeconds: Math.ceil(waitMs / 1000)
	});
	if ('waitMs' in attempt) return tooMany(attempt.waitMs);
	let result: VerifyAnswer;
	try {
		result = await run();
	} catch (e) {
		attempt.release();
		throw e;
	}
	await app.store.audit.append(
		auditEntry(app.time.now().toISOString(), actorId ?? ANONYMOUS_ACTOR, 'licence.verify', undefined, { licence: key, status: result.status, address })
	);
	if (!FAILED.has(result.status)) {
		attempt.succeed();
		return { ok: true, answer: result };
	}
	const { locked, waitMs } = attempt.fail();
	return locked.length ? tooMany(waitMs) : { ok: true, answer: result };
}
