// What a case owes: each charged fee of each item the case handles, from its answers and form, exactly in 分 (integers).
import { evaluate, readPath, type Item } from '../model';
import type { FeeCharge } from '../model/fees';
import { formatYuan, toFen } from './amounts';

export { formatYuan, toFen } from './amounts';

export interface FeeLine {
	item: string;
	itemName: string;
	name: string;
	/** 收费依据 */
	basis: string;
	standard: string;
	/** 计费数量 (1 without `per`) */
	quantity: number;
	unitFen: number;
	fen: number;
}

export interface FeeBill {
	lines: FeeLine[];
	totalFen: number;
}

/** How a member's own question ids and field names read in the case (a bundle scopes them); identity for a single item. */
export interface MemberNames {
	answers?: Record<string, string>;
	fields?: Record<string, string>;
}

function quantityOf(charge: FeeCharge, data: Record<string, unknown>, names: MemberNames): number {
	if (!charge.per) return 1;
	const [head, ...rest] = charge.per.split('.');
	const raw = readPath(data, [names.fields?.[head] ?? head, ...rest].join('.'));
	const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : 0;
	// a count is a whole, non-negative number; anything else charges nothing rather than a guess
	return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The fees one item charges for these answers and form data. */
export function itemFees(
	item: Pick<Item, 'id' | 'name' | 'fees'>,
	answers: Record<string, unknown>,
	data: Record<string, unknown>,
	names: MemberNames = {}
): FeeLine[] {
	if (item.fees.free) return [];
	const out: FeeLine[] = [];
	for (const f of item.fees.items) {
		if (!f.charge) continue;
		const ctx = {
			answers,
			data,
			answerKey: (id: string) => names.answers?.[id] ?? id,
			fieldKey: (p: string) => {
				const [head, ...rest] = p.split('.');
				return [names.fields?.[head] ?? head, ...rest].join('.');
			}
		};
		if (!evaluate(f.charge.when, ctx)) continue;
		const quantity = quantityOf(f.charge, data, names);
		const unitFen = toFen(f.charge.yuan);
		if (!quantity || !unitFen) continue;
		out.push({ item: item.id, itemName: item.name, name: f.name, basis: f.basis, standard: f.standard, quantity, unitFen, fen: unitFen * quantity });
	}
	return out;
}

/** The bill of a case: the fees of the items given (a bundle's members handled by the case, each read in its own names). */
export function billOf(
	items: Pick<Item, 'id' | 'name' | 'fees'>[],
	answers: Record<string, unknown>,
	data: Record<string, unknown>,
	names: Record<string, MemberNames> = {}
): FeeBill {
	const lines = items.flatMap((i) => itemFees(i, answers, data, names[i.id]));
	return { lines, totalFen: lines.reduce((s, l) => s + l.fen, 0) };
}

/** The guide's words for a charge: "50.00 元", "每份 10.00 元", "符合条件时 …". */
export function chargeText(charge: FeeCharge): string {
	const amount = `${formatYuan(toFen(charge.yuan))} 元`;
	return `${charge.when ? '符合收费情形时 ' : ''}${charge.per ? `每份 ${amount}` : amount}，可在线缴纳`;
}
