// 信用记录 and 办不成事反映 complaints over SQL: the transaction's writes and the lists read outside one.
import { ConflictError, type Complaint, type CreditRecord, type Store, type StoreTx } from '../../core/store';
import { clampLimit, LIMITS } from '../store-common';
import type { Driver, Queryable } from './driver';
import { json } from './rows';

const getComplaint = async (q: Queryable, id: string, lock: boolean) =>
	(await q.query(`SELECT doc FROM complaints WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0]?.doc as Complaint | undefined;

export function creditTx(q: Queryable): Pick<StoreTx, 'credit' | 'complaints'> {
	return {
		credit: {
			add: async (r: CreditRecord) => {
				const { count } = await q.query(
					'INSERT INTO credit_records (id, subject_id, item, at, restricted_until, doc) VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (id) DO NOTHING',
					[r.id, r.subjectId, r.item, r.at, r.restrictedUntil, json(r)]
				);
				if (!count) throw new ConflictError(`信用记录 ${r.id} 已存在`);
			}
		},
		complaints: {
			get: (id) => getComplaint(q, id, true),
			put: async (c) =>
				void (await q.query(
					`INSERT INTO complaints (id, complainant_id, department, case_id, status, created_at, doc) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
					ON CONFLICT (id) DO UPDATE SET complainant_id = EXCLUDED.complainant_id, department = EXCLUDED.department, case_id = EXCLUDED.case_id,
						status = EXCLUDED.status, created_at = EXCLUDED.created_at, doc = EXCLUDED.doc`,
					[c.id, c.complainantId, c.department, c.caseId ?? null, c.status, c.createdAt, json(c)]
				))
		}
	};
}

export function sqlCredit(db: Driver): Pick<Store, 'credit' | 'complaints'> {
	return {
		credit: {
			bySubject: async (subjectId) =>
				(await db.query('SELECT doc FROM credit_records WHERE subject_id = $1 ORDER BY at DESC, id DESC LIMIT $2', [subjectId, LIMITS.list])).rows.map(
					(r) => r.doc as CreditRecord
				),
			list: async (limit) =>
				(await db.query('SELECT doc FROM credit_records ORDER BY at DESC, id DESC LIMIT $1', [clampLimit(limit, LIMITS.recent, LIMITS.list)])).rows.map(
					(r) => r.doc as CreditRecord
				)
		},
		complaints: {
			get: (id) => getComplaint(db, id, false),
			list: async (f = {}) => {
				const values: unknown[] = [];
				const p = { add: (v: unknown) => `$${values.push(v)}` };
				const w: string[] = [];
				if (f.complainantId !== undefined) w.push(`complainant_id = ${p.add(f.complainantId)}`);
				if (f.department !== undefined) w.push(`department = ${p.add(f.department)}`);
				if (f.caseId !== undefined) w.push(`case_id = ${p.add(f.caseId)}`);
				if (f.status !== undefined) w.push(`status = ${p.add(f.status)}`);
				if (f.createdFrom !== undefined) w.push(`created_at >= ${p.add(f.createdFrom)}`);
				if (f.createdBefore !== undefined) w.push(`created_at < ${p.add(f.createdBefore)}`);
				const limit = p.add(clampLimit(f.limit, LIMITS.recent, LIMITS.list));
				const { rows } = await db.query(
					`SELECT doc FROM complaints WHERE ${w.join(' AND ') || 'TRUE'} ORDER BY created_at DESC, id DESC LIMIT ${limit}`,
					values
				);
				return rows.map((r) => r.doc as Complaint);
			}
		}
	};
}
