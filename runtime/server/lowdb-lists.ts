// Keyset pages of the lowdb store's in-memory lists (audit, 已办, ratings): the same order and cursors' meaning as SQL.
import type { AuditEntry, AuditFilter, Page, Rating } from '../core/store';
import { clampLimit, cmp, decodeCursor, encodeCursor, LIMITS } from './store-common';

/** One page of `sorted` starting after the cursor's row (`after` says whether a row comes after it). */
function pageOf<T>(
	sorted: T[],
	limit: number,
	cursor: string | undefined,
	key: (r: T) => [string, string],
	after: (r: T, k: [string, string]) => boolean
): Page<T> {
	const n = clampLimit(limit, LIMITS.page);
	let rows = sorted;
	if (cursor) {
		const k = decodeCursor(cursor, 2);
		if (typeof k[0] !== 'string' || typeof k[1] !== 'string') throw new Error('invalid cursor');
		rows = rows.filter((r) => after(r, k as [string, string]));
	}
	const page = rows.slice(0, n);
	const last = page.at(-1);
	return rows.length > n && last ? { rows: page, next: encodeCursor(key(last)) } : { rows: page };
}

const auditMatches = (e: AuditEntry, f: AuditFilter) =>
	(f.caseId === undefined || e.caseId === f.caseId) && (f.actorId === undefined || e.actorId === f.actorId);

/** Newest first: by time, then the later-appended first (the log is kept in append order). */
export const auditNewestFirst = <E extends AuditEntry>(log: E[], f: AuditFilter): E[] =>
	log
		.filter((e) => auditMatches(e, f))
		.reverse()
		.sort((a, b) => cmp(b.at, a.at));

/** The cursor names its row by time and id; a row gone since (archived) continues with the older entries. */
export function auditPage<E extends AuditEntry>(log: E[], f: AuditFilter, limit: number, cursor?: string): Page<E> {
	const sorted = auditNewestFirst(log, f);
	let from = 0;
	if (cursor) {
		const [at, id] = decodeCursor(cursor, 2);
		if (typeof at !== 'string' || typeof id !== 'string') throw new Error('invalid cursor');
		const i = sorted.findIndex((e) => e.id === id);
		from = i >= 0 ? i + 1 : sorted.findIndex((e) => e.at < at);
		if (from < 0) from = sorted.length;
	}
	return pageOf(
		sorted.slice(from),
		limit,
		undefined,
		(e) => [e.at, e.id],
		() => true
	);
}

/** 已办: the cases an account acted on (not merely viewed), by its latest such action, most recent first. */
export function actedOn(log: AuditEntry[], actorId: string): { caseId: string; at: string }[] {
	const latest = new Map<string, string>();
	for (const e of log)
		if (e.actorId === actorId && e.caseId && e.action.startsWith('case.') && e.action !== 'case.view' && e.at > (latest.get(e.caseId) ?? ''))
			latest.set(e.caseId, e.at);
	return [...latest].map(([caseId, at]) => ({ caseId, at })).sort((a, b) => cmp(b.at, a.at) || cmp(b.caseId, a.caseId));
}

export const actedOnPage = (log: AuditEntry[], actorId: string, limit: number, cursor?: string) =>
	pageOf(
		actedOn(log, actorId),
		limit,
		cursor,
		(r) => [r.at, r.caseId],
		(r, [at, caseId]) => r.at < at || (r.at === at && r.caseId < caseId)
	);

const isPoorMatch = (r: Rating, poor: boolean | undefined) => poor === undefined || r.grade <= 2 === poor;

export const ratingsOf = (all: Rating[], poor: boolean | undefined) =>
	all.filter((r) => isPoorMatch(r, poor)).sort((a, b) => cmp(b.createdAt, a.createdAt) || cmp(b.id, a.id));

export const ratingPage = (all: Rating[], poor: boolean | undefined, limit: number, cursor?: string) =>
	pageOf(
		ratingsOf(all, poor),
		limit,
		cursor,
		(r) => [r.createdAt, r.id],
		(r, [createdAt, id]) => r.createdAt < createdAt || (r.createdAt === createdAt && r.id < id)
	);
