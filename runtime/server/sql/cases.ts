// Cases, their event logs, tasks, and the unit of work (StoreTx) over SQL.
import { ConflictError, type CaseEvent, type CaseRecord, type Licence, type Page, type Store, type StoreTx, type Task } from '../../core/store';
import { appendMessage } from './messages';
import { creditTx } from './credit';
import { factsRow, factsTx, FACT_COLUMNS, UPSERT_FACTS } from './metrics';
import type { CasePageFilter, TaskFilter } from '../../core/store';
import { clampLimit, decodeCursor, encodeCursor, LIMITS } from '../store-common';
import { chainTx } from './audit-chain';
import { nameKey, type PiiCodec } from '../pii-records';
import type { Driver, Queryable, Row } from './driver';
import {
	AUDIT_COLUMNS,
	auditRow,
	CASE_COLUMNS,
	caseFromRow,
	caseRow,
	EVENT_COLUMNS,
	eventFromRow,
	eventRow,
	insertChunked,
	insertFromJson,
	insertRows,
	json,
	OUTBOX_COLUMNS,
	outboxRow,
	TASK_COLUMNS,
	taskFromRow,
	taskRow
} from './rows';

/** Collects parameters and hands back their $n placeholders. */
export class Params {
	readonly values: unknown[] = [];
	add(v: unknown) {
		this.values.push(v);
		return `$${this.values.length}`;
	}
}

/** Loads the cases matching `where` (newest first) with their event logs. */
async function loadCases(q: Queryable, pii: PiiCodec, where: string, p: Params, limit: number): Promise<CaseRecord[]> {
	const { rows } = await q.query(`SELECT * FROM cases WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT ${p.add(limit)}`, p.values);
	if (!rows.length) return [];
	const events = await q.query('SELECT * FROM case_events WHERE case_id = ANY($1::text[]) ORDER BY case_id, seq', [rows.map((r) => r.id)]);
	const logs = new Map<string, CaseEvent[]>();
	for (const e of events.rows) {
		const log = logs.get(e.case_id as string) ?? logs.set(e.case_id as string, []).get(e.case_id as string)!;
		log.push(eventFromRow(e, pii));
	}
	return rows.map((r) => ({ ...caseFromRow(r, pii), events: logs.get(r.id as string) ?? [] }));
}

async function getCase(q: Queryable, pii: PiiCodec, id: string, lock: boolean): Promise<CaseRecord | undefined> {
	const { rows } = await q.query(`SELECT * FROM cases WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
	if (!rows.length) return undefined;
	const events = await q.query('SELECT * FROM case_events WHERE case_id = $1 ORDER BY seq', [id]);
	return { ...caseFromRow(rows[0], pii), events: events.rows.map((e) => eventFromRow(e, pii)) };
}

const appendEvents = (q: Queryable, pii: PiiCodec, caseId: string, events: CaseEvent[]) =>
	insertRows(
		q,
		'case_events',
		EVENT_COLUMNS,
		events.map((e) => eventRow(caseId, e, pii))
	);

function taskWhere(f: TaskFilter, p: Params, pii: PiiCodec): string {
	const w: string[] = [];
	if (f.roles) w.push(f.roles.length === 1 ? `role = ${p.add(f.roles[0])}` : `role = ANY(${p.add(f.roles)}::text[])`);
	if (f.department !== undefined) w.push(`department = ${p.add(f.department)}`);
	if (f.caseId !== undefined) w.push(`case_id = ${p.add(f.caseId)}`);
	if (f.serviceId !== undefined) w.push(`service_id = ${p.add(f.serviceId)}`);
	if (f.receiptNumber !== undefined) w.push(`receipt_number = ${p.add(f.receiptNumber)}`);
	if (f.verification !== undefined) w.push(`coalesce(verification, false) = ${p.add(f.verification)}`);
	if (f.dueBefore !== undefined) w.push(`due_at < ${p.add(f.dueBefore)}`);
	if (f.claimedBy !== undefined) w.push(`claimed_by = ${p.add(f.claimedBy)}`);
	if (f.claimed !== undefined) w.push(`claimed_by IS ${f.claimed ? 'NOT ' : ''}NULL`);
	if (f.claimedBefore !== undefined) w.push(`claimed_at < ${p.add(f.claimedBefore)}`);
	if (f.applicantName !== undefined)
		w.push(`case_id IN (SELECT id FROM cases WHERE pii_hashes && ${p.add(pii.cipher.lookups(nameKey(f.applicantName)))}::text[])`);
	if (f.state !== undefined) {
		const s = p.add(f.state);
		w.push(`(state_path = ${s} OR right(state_path, length(${s}::text) + 1) = '.' || ${s})`);
	}
	return w.length ? w.join(' AND ') : 'TRUE';
}

const TASK_ORDER = 'ORDER BY due_at ASC NULLS LAST, id ASC';

export interface LicenceSql {
	get(q: Queryable, id: string): Promise<Licence | undefined>;
	put(q: Queryable, l: Licence): Promise<void>;
}

/** The unit of work's view of the store: every statement through the transaction's client. */
export function txApi(q: Queryable, licences: LicenceSql, pii: PiiCodec): StoreTx {
	return {
		cases: {
			get: (id) => getCase(q, pii, id, true),
			insert: async (record) => {
				const n = await insertRows(q, 'cases', CASE_COLUMNS, [caseRow(record, pii)], 'ON CONFLICT DO NOTHING');
				if (!n) throw new ConflictError(`办件 ${record.id}（${record.receiptNumber}）已存在`);
				await appendEvents(q, pii, record.id, record.events);
			},
			update: async (record, expectedVersion, appended) => {
				const r = caseRow(record, pii);
				const params: unknown[] = [r.id, expectedVersion, r.receipt_number, r.version, r.status, r.applicant_id, r.service_kind, r.service_id];
				params.push(r.service_name, json(r.pins), json(r.state), r.deferred_due_at, r.created_at, r.updated_at, r.pii_hashes);
				const { count } = await q.query(
					`UPDATE cases SET receipt_number = $3, version = $4, status = $5, applicant_id = $6, service_kind = $7, service_id = $8, service_name = $9,
						pins = $10::jsonb, state = $11::jsonb, deferred_due_at = $12, created_at = $13, updated_at = $14, pii_hashes = $15::text[]
					WHERE id = $1 AND version = $2`,
					params
				);
				if (!count) {
					const current = await getCase(q, pii, record.id, false);
					if (!current) throw new ConflictError(`办件 ${record.id} 不存在`);
					throw new ConflictError(`办件已被他人更新（当前第 ${current.version} 版），请刷新后重试`, current);
				}
				await appendEvents(q, pii, record.id, appended);
			}
		},
		tasks: {
			forCase: async (caseId) => (await q.query(`SELECT * FROM tasks WHERE case_id = $1 ${TASK_ORDER}`, [caseId])).rows.map(taskFromRow),
			replaceForCase: async (caseId, tasks) => {
				await q.query('DELETE FROM tasks WHERE case_id = $1', [caseId]);
				await insertRows(q, 'tasks', TASK_COLUMNS, tasks.map(taskRow));
			}
		},
		audit: { append: async (e) => void (await insertRows(q, 'audit', AUDIT_COLUMNS, [auditRow(e)])), ...chainTx(q) },
		outbox: { append: async (m) => void (await insertRows(q, 'outbox', OUTBOX_COLUMNS, [outboxRow(m)])) },
		messages: { append: (m) => appendMessage(q, m) },
		licences: { get: (id) => licences.get(q, id), put: (l) => licences.put(q, l) },
		caseMetrics: factsTx(q),
		nextSequence: async (name) => {
			// the row stays locked until the transaction ends: counters are gapless and roll back with it
			const { rows } = await q.query<{ value: string | number }>(
				'INSERT INTO sequences (name, value) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value',
				[name]
			);
			return Number(rows[0].value);
		},
		...creditTx(q)
	};
}

function casePageWhere(f: CasePageFilter, p: Params, pii: PiiCodec): string[] {
	const w: string[] = [];
	if (f.applicantId !== undefined) w.push(`applicant_id = ${p.add(f.applicantId)}`);
	if (f.identifier !== undefined) w.push(`pii_hashes && ${p.add(pii.cipher.lookups(f.identifier))}::text[]`);
	if (f.status !== undefined) w.push(`status = ${p.add(f.status)}`);
	return w;
}

export function caseApi(db: Driver, pii: PiiCodec): Store['cases'] {
	return {
		get: (id) => getCase(db, pii, id, false),
		list: async (f = {}) => {
			const p = new Params();
			const w: string[] = [];
			if (f.applicantId !== undefined) w.push(`applicant_id = ${p.add(f.applicantId)}`);
			if (f.ids) w.push(`id = ANY(${p.add(f.ids)}::text[])`);
			if (f.receiptNumber !== undefined) w.push(`receipt_number = ${p.add(f.receiptNumber)}`);
			if (f.identifier !== undefined) w.push(`pii_hashes && ${p.add(pii.cipher.lookups(f.identifier))}::text[]`);
			if (f.status !== undefined) w.push(`status = ${p.add(f.status)}`);
			if (f.deferredDueBefore !== undefined) w.push(`status = 'active' AND deferred_due_at < ${p.add(f.deferredDueBefore)}`);
			if (f.createdFrom !== undefined) w.push(`created_at >= ${p.add(f.createdFrom)}`);
			if (f.createdBefore !== undefined) w.push(`created_at < ${p.add(f.createdBefore)}`);
			return loadCases(db, pii, w.length ? w.join(' AND ') : 'TRUE', p, clampLimit(f.limit, LIMITS.list));
		},
		page: async (f, limit, cursor) => {
			const p = new Params();
			const w = casePageWhere(f, p, pii);
			if (cursor) {
				const [createdAt, id] = decodeCursor(cursor, 2);
				w.push(`(created_at, id) < (${p.add(createdAt)}, ${p.add(id)})`);
			}
			const n = clampLimit(limit, LIMITS.page);
			const { rows } = await db.query(
				`SELECT * FROM cases WHERE ${w.join(' AND ') || 'TRUE'} ORDER BY created_at DESC, id DESC LIMIT ${p.add(n + 1)}`,
				p.values
			);
			const page = rows.slice(0, n).map((r) => caseFromRow(r, pii));
			const last = page.at(-1);
			return rows.length > n && last ? { rows: page, next: encodeCursor([last.createdAt, last.id]) } : { rows: page };
		},
		create: async (record, tasks, audit, facts) => {
			// one statement, so one round trip and atomic without BEGIN/COMMIT; the rest is written only when the case row is new
			const { rows } = await db.query<{ n: number }>(
				`WITH c AS (${insertFromJson('cases', CASE_COLUMNS, '$1')} ON CONFLICT DO NOTHING RETURNING id),
					e AS (${insertFromJson('case_events', EVENT_COLUMNS, '$2')} WHERE EXISTS (SELECT 1 FROM c)),
					t AS (${insertFromJson('tasks', TASK_COLUMNS, '$3')} WHERE EXISTS (SELECT 1 FROM c)),
					a AS (${insertFromJson('audit', AUDIT_COLUMNS, '$4')} WHERE EXISTS (SELECT 1 FROM c)),
					m AS (${insertFromJson('case_metrics', FACT_COLUMNS, '$5')} WHERE EXISTS (SELECT 1 FROM c) ${UPSERT_FACTS})
				SELECT count(*)::int AS n FROM c`,
				[
					JSON.stringify([caseRow(record, pii)]),
					JSON.stringify(record.events.map((e) => eventRow(record.id, e, pii))),
					JSON.stringify(tasks.map(taskRow)),
					JSON.stringify(audit.map(auditRow)),
					JSON.stringify(facts ? [factsRow(facts)] : [])
				]
			);
			if (!Number(rows[0]?.n)) throw new ConflictError(`办件 ${record.id}（${record.receiptNumber}）已存在`);
		},
		count: async (f) => {
			const p = new Params();
			const { rows } = await db.query(`SELECT count(*) AS n FROM cases WHERE ${casePageWhere(f, p, pii).join(' AND ') || 'TRUE'}`, p.values);
			return Number(rows[0].n);
		},
		importMany: (records) =>
			db.transaction(async (q) => {
				await insertChunked(
					q,
					'cases',
					CASE_COLUMNS,
					records.map((r) => caseRow(r.record, pii))
				);
				await insertChunked(
					q,
					'case_events',
					EVENT_COLUMNS,
					records.flatMap((r) => r.record.events.map((e) => eventRow(r.record.id, e, pii)))
				);
				await insertChunked(
					q,
					'tasks',
					TASK_COLUMNS,
					records.flatMap((r) => r.tasks.map(taskRow))
				);
			})
	};
}

export function taskApi(db: Driver, pii: PiiCodec): Store['tasks'] {
	const page = async (f: TaskFilter, limit: number, cursor?: string): Promise<Page<Task>> => {
		const p = new Params();
		let after = '';
		if (cursor) {
			const [due, id] = decodeCursor(cursor, 2) as [string | null, string];
			const i = p.add(id);
			const d = due === null ? '' : p.add(due);
			after = due === null ? ` AND due_at IS NULL AND id > ${i}` : ` AND (due_at > ${d} OR (due_at = ${d} AND id > ${i}) OR due_at IS NULL)`;
		}
		const n = p.add(limit + 1);
		// several roles of one department: one index-ordered top-N per role, merged (one bitmap scan sorting every row of
		// both roles took 30–380 ms at 1,000,000 cases)
		const branches = f.roles && f.roles.length > 1 && f.department !== undefined ? f.roles.map((role) => ({ ...f, roles: [role] })) : [f];
		const selects = branches.map((b) => `SELECT * FROM tasks WHERE ${taskWhere(b, p, pii)}${after} ${TASK_ORDER} LIMIT ${n}`);
		const sql = selects.length === 1 ? selects[0] : `SELECT * FROM (${selects.map((s) => `(${s})`).join(' UNION ALL ')}) t ${TASK_ORDER} LIMIT ${n}`;
		const { rows } = await db.query(sql, p.values);
		const tasks = rows.slice(0, limit).map(taskFromRow);
		const last = tasks.at(-1);
		return rows.length > limit && last ? { rows: tasks, next: encodeCursor([last.dueAt ?? null, last.id]) } : { rows: tasks };
	};
	return {
		query: async (f) => (await page(f, LIMITS.list)).rows,
		page: (f, limit, cursor) => page(f, clampLimit(limit, LIMITS.page), cursor),
		count: async (f) => {
			const p = new Params();
			const { rows } = await db.query<Row & { role: string; verification: boolean; count: number | string }>(
				`SELECT role, coalesce(verification, false) AS verification, count(*) AS count FROM tasks WHERE ${taskWhere(f, p, pii)}
				GROUP BY 1, 2 ORDER BY role COLLATE "C", 2`,
				p.values
			);
			return rows.map((r) => ({ role: r.role, verification: r.verification, count: Number(r.count) }));
		},
		get: async (id) => {
			const { rows } = await db.query('SELECT * FROM tasks WHERE id = $1', [id]);
			return rows.length ? taskFromRow(rows[0]) : undefined;
		},
		workload: async (f) => {
			const p = new Params();
			const { rows } = await db.query<Row & { claimed_by: string | null; label: string; count: number | string }>(
				`SELECT claimed_by, label, count(*) AS count FROM tasks WHERE ${taskWhere(f, p, pii)}
				GROUP BY 1, 2 ORDER BY claimed_by COLLATE "C" NULLS LAST, label COLLATE "C"`,
				p.values
			);
			return rows.map((r) => ({ ...(r.claimed_by === null ? {} : { claimedBy: r.claimed_by }), label: r.label, count: Number(r.count) }));
		},
		setClaim: async (id, claimedBy, expected, at) => {
			const { rows } = await db.query('UPDATE tasks SET claimed_by = $2, claimed_at = $3 WHERE id = $1 AND claimed_by IS NOT DISTINCT FROM $4 RETURNING *', [
				id,
				claimedBy ?? null,
				claimedBy ? at : null,
				expected ?? null
			]);
			if (rows.length) return taskFromRow(rows[0]);
			const current = await db.query('SELECT * FROM tasks WHERE id = $1', [id]);
			if (!current.rows.length) throw new ConflictError('待办已不存在（办件已流转），请刷新');
			const t = taskFromRow(current.rows[0]);
			throw new ConflictError(`该待办已由 ${t.claimedBy ?? '他人'} 处理，请刷新`, t);
		}
	};
}
