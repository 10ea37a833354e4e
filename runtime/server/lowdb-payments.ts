// 统一公共支付 orders in the lowdb store: each write commits with its audit entry; updates compare the stored status first.
import { ConflictError, type AuditEntry, type PaymentOrder, type Store } from '../core/store';
import { cmp, LIMITS } from './store-common';

const norm = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const copy = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

interface Collections {
	payments: Record<string, PaymentOrder>;
	audit: AuditEntry[];
}
interface Unit {
	read<K extends keyof Collections>(k: K): Collections[K];
	write<K extends keyof Collections>(k: K): Collections[K];
}
type Run = <T>(fn: (u: Unit) => T | Promise<T>) => Promise<T>;

/** `data` is the committed state; `run` is the store's one writer queue. */
export function lowdbPayments(data: Collections, run: Run): Store['payments'] {
	return {
		get: async (id) => copy(data.payments[id]),
		forCase: async (caseId) =>
			copy(
				Object.values(data.payments)
					.filter((p) => p.caseId === caseId)
					.sort((a, b) => cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id))
					.slice(0, LIMITS.list)
			),
		create: (order, audit) =>
			run((u) => {
				if (u.read('payments')[order.id]) throw new ConflictError(`缴费订单 ${order.id} 已存在`);
				u.write('payments')[order.id] = norm(order);
				u.write('audit').push(norm(audit));
			}),
		update: (order, expectedStatus, audit) =>
			run((u) => {
				const current = u.read('payments')[order.id];
				if (!current || current.status !== expectedStatus)
					throw new ConflictError(current ? `缴费订单 ${order.id} 已是「${current.status}」状态` : `缴费订单 ${order.id} 不存在`, copy(current));
				const stored = norm(order);
				u.write('payments')[order.id] = stored;
				u.write('audit').push(norm(audit));
				return copy(stored);
			})
	};
}
