import { createHash } from 'node:crypto';
import type { Item, LicenceType } from '../model';
import { certificateValues, formatNumber, numberCounter } from '../certificates';
import type { Account, CaseRecord, Licence } from '../store';
import { localDate } from '../calendar';
import type { IssuedResult } from './state';

export type { IssuedResult };

/** The holder of a result: the organisation the applicant is registered to act for, when the application is for it; else the applicant. */
export function holderOf(applicant: Account | undefined, data: Record<string, unknown>, fallbackId: string): { id: string; name: string } {
	const profile = (applicant?.profile ?? {}) as Record<string, unknown>;
	const creditCode = typeof profile.creditCode === 'string' ? profile.creditCode : undefined;
	if (creditCode && (data.org_creditCode === undefined || data.org_creditCode === creditCode))
		return { id: creditCode, name: String(profile.orgName ?? applicant?.name ?? '') };
	const idNumber = typeof profile.idNumber === 'string' && profile.idNumber ? profile.idNumber : fallbackId;
	return { id: idNumber, name: String(profile.name ?? applicant?.name ?? '') };
}

export const licenceIdOf = (caseId: string, itemId: string) => `lic-${createHash('sha256').update(`${caseId}/${itemId}`).digest('hex').slice(0, 16)}`;

/** The human number of each approved item's licence (already issued ones keep theirs), from its type's numbering rule. */
export type NumberTaker = (item: NumberedResult, licenceId: string) => Promise<string | undefined>;
/** what a number is taken for: an item's result, or a bundle's combined one */
export type NumberedResult = Pick<Item, 'region'> & { result: Pick<Item['result'], 'electronicLicence' | 'licenceType'> };

export function numberTaker(
	licenceTypes: LicenceType[],
	nextSequence: (name: string) => Promise<number>,
	existing: (id: string) => Promise<Licence | undefined>,
	now: string
): NumberTaker {
	const year = localDate(now).slice(0, 4);
	return async (item, licenceId) => {
		const issued = await existing(licenceId);
		if (issued) return issued.number;
		const type = licenceTypes.find((t) => t.code === item.result.licenceType);
		if (!item.result.electronicLicence || !type) return undefined;
		// without a rule of its own, a type's numbers share one counter with no prefix (still unique in the store)
		const rule = type.certificate?.numbering ?? { prefix: '', digits: 6 };
		const seq = await nextSequence(rule.prefix ? numberCounter(type.code, year, item.region) : numberCounter('*', year, item.region));
		return formatNumber(rule, year, item.region, seq);
	};
}

/** 审批结果: one per approved item; electronic ones become licences in the library (their ids derive from the case, so re-issuing is idempotent). */
export async function issueResults(
	c: CaseRecord,
	items: Item[],
	applicant: Account | undefined,
	now: string,
	licenceTypes: LicenceType[] = [],
	takeNumber?: NumberTaker,
	names?: Record<string, { fields: Record<string, string>; answers: Record<string, string> }>
): Promise<IssuedResult[]> {
	const ctx = c.state.machine.context;
	const outcomes = ctx.outcomes;
	const approved = items.filter((i) => c.service.kind === 'item' || outcomes[i.id] === 'approved');
	const holder = holderOf(applicant, ctx.data, c.applicantId);
	const day = localDate(now).replace(/-/g, '');
	const out: IssuedResult[] = [];
	for (const [i, item] of approved.entries()) {
		const fallback = `${day}${c.receiptNumber.slice(-6)}${String(i + 1).padStart(2, '0')}`;
		const id = licenceIdOf(c.id, item.id);
		const type = licenceTypes.find((t) => t.code === item.result.licenceType);
		const number = item.result.electronicLicence ? ((await takeNumber?.(item, id)) ?? fallback) : fallback;
		const validUntil = item.result.validYears ? new Date(Date.parse(now) + item.result.validYears * 365.25 * 864e5).toISOString() : undefined;
		const fields = certificateValues(item, type?.certificate, {
			data: ctx.data,
			answers: ctx.answers,
			names: names?.[item.id],
			receiptNumber: c.receiptNumber,
			submittedAt: c.createdAt,
			issuedAt: now,
			validUntil,
			number
		});
		const licence: Licence | undefined = item.result.electronicLicence
			? {
					id,
					number,
					type: item.result.licenceType!,
					name: item.result.name,
					holderId: holder.id,
					holderName: holder.name,
					issuer: item.department,
					issuedAt: now,
					...(validUntil ? { validUntil } : {}),
					caseId: c.id,
					data: {
						item: item.id,
						itemName: item.name,
						receiptNumber: c.receiptNumber,
						...(type ? { typeName: type.name } : {}),
						...(fields.length ? { fields } : {})
					}
				}
			: undefined;
		out.push({
			item: item.id,
			name: item.result.name,
			type: item.result.type,
			number,
			issuer: item.department,
			issuedAt: now,
			...(licence ? { licence } : {})
		});
	}
	return out;
}
