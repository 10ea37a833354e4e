import { createHash } from 'node:crypto';
import type { Item } from '../model';
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

/** 审批结果: one per approved item; electronic ones become licences in the library (their ids derive from the case, so re-issuing is idempotent). */
export function issueResults(c: CaseRecord, items: Item[], applicant: Account | undefined, now: string): IssuedResult[] {
	const outcomes = c.state.machine.context.outcomes;
	const approved = items.filter((i) => c.service.kind === 'item' || outcomes[i.id] === 'approved');
	const holder = holderOf(applicant, c.state.machine.context.data, c.applicantId);
	const day = localDate(now).replace(/-/g, '');
	return approved.map((item, i): IssuedResult => {
		const number = `${day}${c.receiptNumber.slice(-6)}${String(i + 1).padStart(2, '0')}`;
		const licence: Licence | undefined = item.result.electronicLicence
			? {
					id: `lic-${createHash('sha256').update(`${c.id}/${item.id}`).digest('hex').slice(0, 16)}`,
					number: `${item.result.licenceType}-${number}`,
					type: item.result.licenceType!,
					name: item.result.name,
					holderId: holder.id,
					holderName: holder.name,
					issuer: item.department,
					issuedAt: now,
					...(item.result.validYears ? { validUntil: new Date(Date.parse(now) + item.result.validYears * 365.25 * 864e5).toISOString() } : {}),
					caseId: c.id,
					data: { item: item.id, itemName: item.name, receiptNumber: c.receiptNumber }
				}
			: undefined;
		return {
			item: item.id,
			name: item.result.name,
			type: item.result.type,
			number: licence?.number ?? number,
			issuer: item.department,
			issuedAt: now,
			...(licence ? { licence } : {})
		};
	});
}
