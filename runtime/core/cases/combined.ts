// 多证合一: a bundle may declare one combined result, an electronic licence that lists every member approval. Whether it
// is issued follows the bundle's outcome rule; it is issued with the members' results, once (its id derives from the case).
import type { Bundle, Item, LicenceType } from '../model';
import type { Account, CaseRecord, Licence } from '../store';
import { localDate } from '../calendar';
import { holderOf, licenceIdOf, type IssuedResult, type NumberTaker } from './results';

type Outcome = 'approved' | 'denied' | undefined;

/**
 * The members a combined result lists, or undefined when none is issued. Every included member must be decided;
 * outcomeRule 'all' needs every one approved, 'each' lists the approved ones (at least one).
 */
export function combinedMembers(rule: Bundle['outcomeRule'], included: string[], outcomes: Record<string, Outcome | string>): string[] | undefined {
	if (!included.length || included.some((id) => outcomes[id] !== 'approved' && outcomes[id] !== 'denied')) return undefined;
	const approved = included.filter((id) => outcomes[id] === 'approved');
	if (rule === 'all') return approved.length === included.length ? approved : undefined;
	return approved.length ? approved : undefined;
}

/** One member approval as the combined licence lists it. */
export interface CombinedMember {
	item: string;
	itemName: string;
	resultName: string;
	number: string;
	department: string;
	licenceId?: string;
}

export const combinedKey = (bundleId: string) => `combined:${bundleId}`;

/** The combined result of a bundle case whose members were just issued (`memberResults`), or undefined when the rule says none. */
export async function issueCombined(
	c: CaseRecord,
	bundle: Bundle,
	items: Item[],
	memberResults: IssuedResult[],
	applicant: Account | undefined,
	now: string,
	licenceTypes: LicenceType[],
	takeNumber?: NumberTaker
): Promise<IssuedResult | undefined> {
	const spec = bundle.combinedResult;
	if (!spec) return undefined;
	const ctx = c.state.machine.context;
	const included = items.map((i) => i.id);
	const listed = combinedMembers(bundle.outcomeRule, included, ctx.outcomes as Record<string, Outcome>);
	if (!listed) return undefined;
	const department = spec.department ?? bundle.leadDepartment;
	const type = licenceTypes.find((t) => t.code === spec.licenceType);
	const id = licenceIdOf(c.id, combinedKey(bundle.id));
	const region = (items.find((i) => i.department === department) ?? items[0]).region;
	const fallback = `${localDate(now).replace(/-/g, '')}${c.receiptNumber.slice(-6)}00`;
	const number = (await takeNumber?.({ region, result: { electronicLicence: true, licenceType: spec.licenceType } }, id)) ?? fallback;
	const members: CombinedMember[] = listed.map((itemId) => {
		const item = items.find((i) => i.id === itemId)!;
		const r = memberResults.find((x) => x.item === itemId);
		return {
			item: itemId,
			itemName: item.name,
			resultName: r?.name ?? item.result.name,
			number: r?.licence?.number ?? r?.number ?? '',
			department: item.department,
			...(r?.licence ? { licenceId: r.licence.id } : {})
		};
	});
	const holder = holderOf(applicant, ctx.data, c.applicantId);
	const licence: Licence = {
		id,
		number,
		type: spec.licenceType,
		name: spec.name,
		holderId: holder.id,
		holderName: holder.name,
		issuer: department,
		issuedAt: now,
		caseId: c.id,
		data: {
			bundle: bundle.id,
			bundleName: bundle.name,
			receiptNumber: c.receiptNumber,
			...(type ? { typeName: type.name } : {}),
			members: members.map((m) => ({ ...m }))
		}
	};
	return { item: combinedKey(bundle.id), name: spec.name, type: 'licence', number, issuer: department, issuedAt: now, licence };
}

/** The member approvals a licence lists (a combined one), read back from its data. */
export function membersOf(l: Pick<Licence, 'data'>): CombinedMember[] {
	const raw = l.data.members;
	if (!Array.isArray(raw)) return [];
	return raw.filter((m): m is Record<string, string> => !!m && typeof m === 'object' && !Array.isArray(m)) as unknown as CombinedMember[];
}
