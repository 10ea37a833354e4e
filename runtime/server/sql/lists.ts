// Keyset pages and counts of the audit log, 已办 and ratings over SQL (the rest of those collections: store.ts).
import type { AuditFilter, Page, Rating, Store } from '../../core/store';
import { clampLimit, decodeCursor, encodeCursor, LIMITS } from '../store-common';
import { Params } from './cases';
import type { Driver, Row } from './driver';
import { auditFromRow } from './rows';

/** `rows` fetched one past `n`: the page and, when there is more, the cursor of its last row. */
function pageOf<T>(rows: Row[], n: number, map: (r: Row) => T, key: (r: Row) => unknown[]): Page<T> {
	const last = rows.length > n ? rows[n - 1] : undefined;
	const page = rows.slice(0, n).map(map);
	return last ? { rows: page, next: encodeCursor(key(last)) } : { rows: page };
}

function auditWhere(f: AuditFilter, p: Params): string[] {
	const w: string[] = [];
	if (f.caseId !== undefined) w.push(`case_id = ${p.add(f.caseId)}`);
	if (f.actorId !== undefined) w.push(`actor_id = ${p.add(f.actorId)}`);
	return w;
}

/** 已办: what counts as acting on a case (viewing does not). */
const ACTED = `actor_id = $1 AND case_id IS NOT NULL AND action LIKE 'case.%' AND action <> 'case.view'`;

export function auditLists(db: Driver): Pick<Store['audit'], 'page' | 'count' | 'actedOn' | 'actedOnCount'> {
	return {
		page: async (f, limit, cursor) => {
			const p = new Params();
			const w = auditWhere(f, p);
			if (cursor) {
				const [at, seq] = decodeCursor(cursor, 2);
				if (typeof at !== 'string' || typeof seq !== 'string' || !/^\d+$/.test(seq)) throw new Error('invalid cursor');
				w.push(`(at, seq) < (${p.add(at)}, ${p.add(seq)}::bigint)`);
			}
			const n = clampLimit(limit, LIMITS.page);
			const { rows } = await db.query(`SELECT * FROM audit WHERE ${w.join(' AND ') || 'TRUE'} ORDER BY at DESC, seq DESC LIMIT ${p.add(n + 1)}`, p.values);
			return pageOf(rows, n, auditFromRow, (r) => [r.at, String(r.seq)]);
		},
		count: async (f) => {
			const p = new Params();
			const { rows } = await db.query(`SELECT count(*) AS n FROM audit WHERE ${auditWhere(f, p).join(' AND ') || 'TRUE'}`, p.values);
			return Number(rows[0].n);
		},
		actedOn: async (actorId, limit, cursor) => {
			const p = new Params();
			p.add(actorId);
			let having = '';
			if (cursor) {
				const [at, caseId] = decodeCursor(cursor, 2);
				if (typeof at !== 'string' || typeof caseId !== 'string') throw new Error('invalid cursor');
				const a = p.add(at);
				having = ` HAVING max(at) < ${a} OR (max(at) = ${a} AND case_id COLLATE "C" < ${p.add(caseId)})`;
			}
			const n = clampLimit(limit, LIMITS.page);
			const { rows } = await db.query(
				`SELECT case_id, max(at) AS at FROM audit WHERE ${ACTED} GROUP BY case_id${having} ORDER BY 2 DESC, case_id COLLATE "C" DESC LIMIT ${p.add(n + 1)}`,
				p.values
			);
			return pageOf(
				rows,
				n,
				(r) => ({ caseId: r.case_id as string, at: r.at as string }),
				(r) => [r.at, r.case_id]
			);
		},
		actedOnCount: async (actorId) => Number((await db.query(`SELECT count(DISTINCT case_id) AS n FROM audit WHERE ${ACTED}`, [actorId])).rows[0].n)
	};
}

const poorWhere = (poor: boolean | undefined) => (poor === undefined ? 'TRUE' : poor ? 'grade <= 2' : 'grade > 2');

export function ratingLists(db: Driver): Pick<Store['ratings'], 'page' | 'count'> {
	return {
		page: async (f, limit, cursor) => {
			const p = new Params();
			const w = [poorWhere(f.poor)];
			if (cursor) {
				const [createdAt, id] = decodeCursor(cursor, 2);
				if (typeof createdAt !== 'string' || typeof id !== 'string') throw new Error('invalid cursor');
				w.push(`(created_at, id) < (${p.add(createdAt)}, ${p.add(id)})`);
			}
			const n = clampLimit(limit, LIMITS.page);
			const { rows } = await db.query(`SELECT doc FROM ratings WHERE ${w.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ${p.add(n + 1)}`, p.values);
			return pageOf(
				rows,
				n,
				(r) => r.doc as Rating,
				(r) => [(r.doc as Rating).createdAt, (r.doc as Rating).id]
			);
		},
		count: async (f) => Number((await db.query(`SELECT count(*) AS n FROM ratings WHERE ${poorWhere(f.poor)}`)).rows[0].n)
	};
}
