// 信用记录 and 办不成事反映 complaints in the lowdb store: the transaction's writes and the lists read outside one.
import { ConflictError, type Complaint, type CreditRecord, type Store, type StoreTx } from '../core/store';
import { clampLimit, cmp, LIMITS } from './store-common';

const norm = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const copy = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

export interface CreditCollections {
	creditRecords: Record<string, CreditRecord>;
	complaints: Record<string, Complaint>;
}
/** a unit of work of the lowdb store: reads see its staged writes */
interface Unit {
	read<K extends keyof CreditCollections>(k: K): CreditCollections[K];
	write<K extends keyof CreditCollections>(k: K): CreditCollections[K];
}

const newest =
	<T extends { id: string }>(at: (x: T) => string) =>
	(a: T, b: T) =>
		cmp(at(b), at(a)) || cmp(b.id, a.id);
const byAt = newest<CreditRecord>((r) => r.at);
const byCreated = newest<Complaint>((c) => c.createdAt);

export function lowdbCreditTx(u: Unit): Pick<StoreTx, 'credit' | 'complaints'> {
	return {
		credit: {
			add: async (r) => {
				if (u.read('creditRecords')[r.id]) throw new ConflictError(`信用记录 ${r.id} 已存在`);
				u.write('creditRecords')[r.id] = norm(r);
			}
		},
		complaints: {
			get: async (id) => copy(u.read('complaints')[id]),
			put: async (c) => void (u.write('complaints')[c.id] = norm(c))
		}
	};
}

/** `data` is the committed state. */
export function lowdbCredit(data: CreditCollections): Pick<Store, 'credit' | 'complaints'> {
	return {
		credit: {
			bySubject: async (subjectId) =>
				copy(
					Object.values(data.creditRecords)
						.filter((r) => r.subjectId === subjectId)
						.sort(byAt)
						.slice(0, LIMITS.list)
				),
			list: async (limit) =>
				copy(
					Object.values(data.creditRecords)
						.sort(byAt)
						.slice(0, clampLimit(limit, LIMITS.recent, LIMITS.list))
				)
		},
		complaints: {
			get: async (id) => copy(data.complaints[id]),
			list: async (f = {}) =>
				copy(
					Object.values(data.complaints)
						.filter(
							(c) =>
								(f.complainantId === undefined || c.complainantId === f.complainantId) &&
								(f.department === undefined || c.department === f.department) &&
								(f.caseId === undefined || c.caseId === f.caseId) &&
								(f.status === undefined || c.status === f.status) &&
								(f.createdFrom === undefined || c.createdAt >= f.createdFrom) &&
								(f.createdBefore === undefined || c.createdAt < f.createdBefore)
						)
						.sort(byCreated)
						.slice(0, clampLimit(f.limit, LIMITS.recent, LIMITS.list))
				)
		}
	};
}
