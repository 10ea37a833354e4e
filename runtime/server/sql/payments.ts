// 统一公共支付 orders over SQL: each write commits with its audit entry; updates compare the stored status first.
import { ConflictError, type PaymentOrder, type Store } from '../../core/store';
import { LIMITS } from '../store-common';
import type { Driver } from './driver';
import { AUDIT_COLUMNS, auditRow, insertRows, json } from './rows';

export function sqlPayments(db: Driver): Store['payments'] {
	const get = async (id: string) => (await db.query('SELECT doc FROM payments WHERE id = $1', [id])).rows[0]?.doc as PaymentOrder | undefined;
	return {
		get,
		forCase: async (caseId) =>
			(await db.query('SELECT doc FROM payments WHERE case_id = $1 ORDER BY created_at, id LIMIT $2', [caseId, LIMITS.list])).rows.map(
				(r) => r.doc as PaymentOrder
			),
		create: (order, audit) =>
			db.transaction(async (q) => {
				const { count } = await q.query(
					'INSERT INTO payments (id, case_id, status, created_at, doc) VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT (id) DO NOTHING',
					[order.id, order.caseId, order.status, order.createdAt, json(order)]
				);
				if (!count) throw new ConflictError(`缴费订单 ${order.id} 已存在`);
				await insertRows(q, 'audit', AUDIT_COLUMNS, [auditRow(audit)]);
			}),
		update: async (order, expectedStatus, audit) => {
			const stored: PaymentOrder = JSON.parse(JSON.stringify(order));
			const written = await db.transaction(async (q) => {
				const { count } = await q.query('UPDATE payments SET status = $2, doc = $3::jsonb WHERE id = $1 AND status = $4', [
					order.id,
					order.status,
					json(stored),
					expectedStatus
				]);
				if (count) await insertRows(q, 'audit', AUDIT_COLUMNS, [auditRow(audit)]);
				return count > 0;
			});
			if (!written) {
				const current = await get(order.id);
				throw new ConflictError(current ? `缴费订单 ${order.id} 已是「${current.status}」状态` : `缴费订单 ${order.id} 不存在`, current);
			}
			return stored;
		}
	};
}
