import { createHash } from 'node:crypto';
import type { Item } from '../model';
import type { CaseRecord, Licence } from '../store';
import { localDate } from '../calendar';

export interface IssuedResult {
	item: string;
	name: string;
	type: Item['result']['type'];
	number: string;
	issuer: string;
	issuedAt: string;
	licence?: Licence;
}

/** 审批结果: one per approved item; electronic ones become licences in the library (their ids derive from the case, so re-issuing is idempotent). */
export function issueResults(c: CaseRecord, items: Item[], now: string): IssuedResult[] {
	const outcomes = c.snapshot.context.outcomes as Record<string, string>;
	const approved = items.filter((i) => c.service.kind === 'item' || outcomes[i.id] === 'approved');
	const holderId = String(c.data.org_creditCode ?? c.data.student_idNumber ?? c.data.applicant_idNumber ?? c.applicantId);
	const holderName = String(c.data.org_name ?? c.data.student_name ?? c.data.applicant_name ?? '');
	const day = localDate(now).replace(/-/g, '');
	const results = approved.map((item, i): IssuedResult => {
		const number = `${day}${c.receiptNumber.slice(-6)}${String(i + 1).padStart(2, '0')}`;
		const licence: Licence | undefined = item.result.electronicLicence
			? {
					id: `lic-${createHash('sha256').update(`${c.id}/${item.id}`).digest('hex').slice(0, 16)}`,
					number: `${item.result.licenceType}-${number}`,
					type: item.result.licenceType!,
					name: item.result.name,
					holderId,
					holderName,
					issuer: item.department,
					issuedAt: now,
					validUntil: item.result.validYears ? new Date(Date.parse(now) + item.result.validYears * 365.25 * 864e5).toISOString() : undefined,
					caseId: c.id,
					data: { item: item.id, itemName: item.name, receiptNumber: c.receiptNumber }
				}
			: undefined;
		return { item: item.id, name: item.result.name, type: item.result.type, number: licence?.number ?? number, issuer: item.department, issuedAt: now, licence };
	});
	c.extra.results = results;
	return results;
}
