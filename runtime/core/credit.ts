// 信用记录 after a false 告知承诺 (国办发〔2020〕42号): the 核查 that finds a commitment false records it against the applicant,
// and for a configured period the applicant may not use 告知承诺 for that item again (they supply the material instead).
import { randomUUID } from 'node:crypto';
import type { ComposedMaterial } from './compose';
import type { CaseRecord, CreditRecord, InboxMessage } from './store';
import type { Verification } from './cases/state';
import { formatDate, SERVICE_TIME_ZONE } from './dates';

/** Calendar days a false commitment bars 告知承诺 for the item, unless CREDIT_RESTRICTION_DAYS says otherwise. */
export const DEFAULT_RESTRICTION_DAYS = 365;
export const MAX_RESTRICTION_DAYS = 3650;
export const CREDIT_BASIS =
	'《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）：申请人作出不实承诺的，记入信用记录，一定期限内不适用告知承诺制';

/** CREDIT_RESTRICTION_DAYS: whole calendar days from 1 to MAX_RESTRICTION_DAYS; a bad value stops the start with its reason. */
export function restrictionDays(env: Record<string, string | undefined>): number {
	const raw = env.CREDIT_RESTRICTION_DAYS;
	if (raw === undefined || raw.trim() === '') return DEFAULT_RESTRICTION_DAYS;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1 || n > MAX_RESTRICTION_DAYS)
		throw new Error(`CREDIT_RESTRICTION_DAYS 应为 1 到 ${MAX_RESTRICTION_DAYS} 之间的整数天数（收到「${raw.slice(0, 20)}」）`);
	return n;
}

const DAY = 86400e3;
const SHANGHAI = 8 * 3600e3;
/** The local (Asia/Shanghai) midnight that ends `days` calendar days after `at`: the restriction lifts at the start of a day. */
export const restrictionEnd = (at: string, days: number) => new Date(Math.ceil((Date.parse(at) + days * DAY + SHANGHAI) / DAY) * DAY - SHANGHAI).toISOString();

/** The record a false verification writes: one per verification (its id is the case's and the verification's). */
export function creditRecordFor(
	c: CaseRecord,
	v: Verification,
	finding: string,
	who: { id: string; subjectName: string; itemName: string },
	at: string,
	days: number
): CreditRecord {
	return {
		id: `credit-${c.id}-${v.id}`,
		subjectId: c.applicantId,
		subjectName: who.subjectName,
		item: v.item,
		itemName: who.itemName,
		caseId: c.id,
		receiptNumber: c.receiptNumber,
		material: v.material,
		materialName: v.materialName,
		at,
		basis: CREDIT_BASIS,
		finding,
		department: v.department,
		recordedBy: who.id,
		restrictedUntil: restrictionEnd(at, days)
	};
}

/** Records still restricting at `now`, by item (the latest end wins). */
export function activeRestrictions(records: CreditRecord[], now: Date): Map<string, CreditRecord> {
	const out = new Map<string, CreditRecord>();
	const t = now.toISOString();
	for (const r of records) if (r.restrictedUntil > t && (!out.has(r.item) || out.get(r.item)!.restrictedUntil < r.restrictedUntil)) out.set(r.item, r);
	return out;
}

/** The restriction that bars 告知承诺 for a material: one on any item the material is asked for. */
export function restrictionOf(m: Pick<ComposedMaterial, 'origins'>, active: Map<string, CreditRecord>): CreditRecord | undefined {
	for (const o of m.origins) {
		const r = active.get(o.item);
		if (r) return r;
	}
	return undefined;
}

const day = (iso: string) => formatDate(iso, { locale: 'zh-CN', timeZone: SERVICE_TIME_ZONE });

/** Why 告知承诺 is not open to the applicant for a material (the refusal at submission and the apply page's note). */
export function restrictionText(m: Pick<ComposedMaterial, 'name'>, r: CreditRecord): string {
	return `「${m.name}」不能以告知承诺方式提供：您在办理「${r.itemName}」时的告知承诺经核查不实（${day(r.at)}），已记入信用记录，${day(r.restrictedUntil)} 前办理该事项不适用告知承诺制，请提交材料`;
}

/** Errors for commitments the applicant may not make now, keyed `materials.<id>`. */
export function commitmentRefusals(
	materials: Pick<ComposedMaterial, 'id' | 'name' | 'origins'>[],
	provided: Record<string, { source: string }>,
	active: Map<string, CreditRecord>
): { path: string; message: string }[] {
	if (!active.size) return [];
	return materials.flatMap((m) => {
		const r = provided[m.id]?.source === 'commitment' ? restrictionOf(m, active) : undefined;
		return r ? [{ path: `materials.${m.id}`, message: restrictionText(m, r) }] : [];
	});
}

/** The applicant's 消息中心 entry for a new record. */
export function creditMessage(r: CreditRecord): InboxMessage {
	return {
		id: randomUUID(),
		recipientId: r.subjectId,
		at: r.at,
		topic: 'credit.recorded',
		caseId: r.caseId,
		title: `「${r.itemName}」（${r.receiptNumber}）告知承诺经核查不实，已记入信用记录`,
		lines: [`核查情况：${r.finding}`, `${day(r.restrictedUntil)} 前办理「${r.itemName}」不适用告知承诺制`],
		link: '/me/credit'
	};
}
