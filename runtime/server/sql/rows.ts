// Records ↔ rows. Optional fields are NULL in a column and absent in a record; jsonb documents keep the rest as written.
import type { AuditEntry, CaseEvent, CaseRecord, FileRecord, OutboxMessage, Task } from '../../core/store';
import type { PiiCodec } from '../pii-records';
import { compact } from '../store-common';
import type { Queryable, Row } from './driver';

type R = Row;
const str = (v: unknown) => v as string;
const opt = (v: unknown) => (v === null ? undefined : (v as string));

export const CASE_COLUMNS = [
	'id',
	'receipt_number',
	'version',
	'status',
	'applicant_id',
	'service_kind',
	'service_id',
	'service_name',
	'pins',
	'state',
	'deferred_due_at',
	'created_at',
	'updated_at',
	'pii_hashes'
] as const;

/** Personal identifiers in the state are sealed; their keyed hashes go to pii_hashes (the lookup's index). */
export const caseRow = (c: CaseRecord | Omit<CaseRecord, 'events'>, pii: PiiCodec) => ({
	id: c.id,
	receipt_number: c.receiptNumber,
	version: c.version,
	status: c.status,
	applicant_id: c.applicantId,
	service_kind: c.service.kind,
	service_id: c.service.id,
	service_name: c.service.name,
	pins: c.pins,
	state: pii.seal('state', c.state),
	deferred_due_at: c.deferredDueAt ?? null,
	created_at: c.createdAt,
	updated_at: c.updatedAt,
	pii_hashes: pii.caseLookups(c.state)
});

export const caseFromRow = (r: R, pii: PiiCodec): Omit<CaseRecord, 'events'> =>
	compact({
		id: str(r.id),
		receiptNumber: str(r.receipt_number),
		version: Number(r.version),
		service: { kind: r.service_kind, id: str(r.service_id), name: str(r.service_name) },
		pins: r.pins,
		applicantId: str(r.applicant_id),
		status: r.status,
		state: pii.open('state', r.state as CaseRecord['state']),
		deferredDueAt: opt(r.deferred_due_at),
		createdAt: str(r.created_at),
		updatedAt: str(r.updated_at)
	}) as Omit<CaseRecord, 'events'>;

export const EVENT_COLUMNS = ['case_id', 'seq', 'at', 'actor', 'type', 'branch', 'payload', 'comment', 'state_after'] as const;

export const eventRow = (caseId: string, e: CaseEvent, pii: PiiCodec) => ({
	case_id: caseId,
	seq: e.seq,
	at: e.at,
	actor: e.actor,
	type: e.type,
	branch: e.branch ?? null,
	payload: pii.seal('payload', e.payload),
	comment: e.comment ?? null,
	state_after: e.stateAfter ?? null
});

export const eventFromRow = (r: R, pii: PiiCodec): CaseEvent =>
	compact({
		seq: Number(r.seq),
		at: str(r.at),
		actor: r.actor,
		type: str(r.type),
		branch: opt(r.branch),
		payload: pii.open('payload', r.payload as CaseEvent['payload']),
		comment: opt(r.comment),
		stateAfter: r.state_after
	}) as CaseEvent;

export const TASK_COLUMNS = [
	'id',
	'case_id',
	'case_version',
	'service_id',
	'receipt_number',
	'state_path',
	'branch',
	'role',
	'department',
	'label',
	'events',
	'entered_at',
	'due_at',
	'limit_due_at',
	'claimed_by',
	'claimed_at',
	'verification',
	'applicant'
] as const;

export const taskRow = (t: Task) => ({
	id: t.id,
	case_id: t.caseId,
	case_version: t.caseVersion,
	service_id: t.serviceId,
	receipt_number: t.receiptNumber,
	state_path: t.statePath,
	branch: t.branch ?? null,
	role: t.role,
	department: t.department,
	label: t.label,
	events: t.events,
	entered_at: t.enteredAt,
	due_at: t.dueAt ?? null,
	limit_due_at: t.limitDueAt ?? null,
	claimed_by: t.claimedBy ?? null,
	claimed_at: t.claimedAt ?? null,
	verification: t.verification ?? null,
	applicant: t.applicant ?? null
});

export const taskFromRow = (r: R): Task =>
	compact({
		id: str(r.id),
		caseId: str(r.case_id),
		caseVersion: Number(r.case_version),
		serviceId: str(r.service_id),
		receiptNumber: str(r.receipt_number),
		statePath: str(r.state_path),
		branch: opt(r.branch),
		role: str(r.role),
		department: str(r.department),
		label: str(r.label),
		events: r.events as string[],
		enteredAt: str(r.entered_at),
		dueAt: opt(r.due_at),
		limitDueAt: opt(r.limit_due_at),
		claimedBy: opt(r.claimed_by),
		claimedAt: opt(r.claimed_at),
		verification: r.verification as boolean | undefined,
		applicant: opt(r.applicant)
	}) as Task;

export const OUTBOX_COLUMNS = [
	'id',
	'at',
	'channel',
	'topic',
	'case_id',
	'recipient_id',
	'payload',
	'status',
	'attempts',
	'next_attempt_at',
	'sent_at',
	'last_error'
] as const;

export const outboxRow = (m: OutboxMessage) => ({
	id: m.id,
	at: m.at,
	channel: m.channel,
	topic: m.topic,
	case_id: m.caseId ?? null,
	recipient_id: m.recipientId ?? null,
	payload: m.payload,
	status: m.status,
	attempts: m.attempts,
	next_attempt_at: m.nextAttemptAt,
	sent_at: m.sentAt ?? null,
	last_error: m.lastError ?? null
});

export const outboxFromRow = (r: R): OutboxMessage =>
	compact({
		id: str(r.id),
		at: str(r.at),
		channel: r.channel,
		topic: str(r.topic),
		caseId: opt(r.case_id),
		recipientId: opt(r.recipient_id),
		payload: r.payload,
		status: r.status,
		attempts: Number(r.attempts),
		nextAttemptAt: str(r.next_attempt_at),
		sentAt: opt(r.sent_at),
		lastError: opt(r.last_error)
	}) as OutboxMessage;

export const AUDIT_COLUMNS = ['id', 'at', 'actor_id', 'action', 'case_id', 'detail'] as const;

export const auditRow = (e: AuditEntry) => ({
	id: e.id,
	at: e.at,
	actor_id: e.actorId,
	action: e.action,
	case_id: e.caseId ?? null,
	detail: e.detail ?? null
});

export const auditFromRow = (r: R): AuditEntry =>
	compact({ id: str(r.id), at: str(r.at), actorId: str(r.actor_id), action: str(r.action), caseId: opt(r.case_id), detail: r.detail }) as AuditEntry;

export const fileFromRow = (r: R): FileRecord => ({
	id: str(r.id),
	ownerId: str(r.owner_id),
	name: str(r.name),
	mime: str(r.mime),
	size: Number(r.size),
	sha256: str(r.sha256),
	createdAt: str(r.created_at)
});

/** Inserts many rows in one statement: the rows travel as one JSON parameter, expanded by json_populate_recordset. */
/** `INSERT INTO table (columns) SELECT columns FROM` the JSON array of rows in parameter `param` */
export function insertFromJson(table: string, columns: readonly string[], param = '$1'): string {
	const cols = columns.join(', ');
	return `INSERT INTO ${table} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${table}, ${param}::json)`;
}

export async function insertRows(q: Queryable, table: string, columns: readonly string[], rows: object[], suffix = ''): Promise<number> {
	if (!rows.length) return 0;
	return (await q.query(`${insertFromJson(table, columns)} ${suffix}`, [JSON.stringify(rows)])).count;
}

/** insertRows in slices, for the bulk path */
export async function insertChunked(q: Queryable, table: string, columns: readonly string[], rows: object[], size = 2000) {
	for (let i = 0; i < rows.length; i += size) await insertRows(q, table, columns, rows.slice(i, i + size));
}

export const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
