// What both store adapters share: list limits, keyset cursors, the task filter's meaning, the blob folder.
import { mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Task, TaskFilter } from '../core/store';

/** Every list is bounded: the default and the ceiling of each list without a page. */
export const LIMITS = {
	/** cases.list, tasks.query, outbox.list, accounts.list, licences.byHolder */
	list: 1000,
	/** audit.list and ratings.list without an explicit limit */
	recent: 200,
	/** definitions.list (the catalog: every item and bundle of a centre) */
	definitions: 10_000,
	drafts: 100,
	/** the largest page of tasks.page / cases.page */
	page: 1000
} as const;

/** How long a claimed outbox message stays with its worker before another may take it (the worker crashed). */
export const CLAIM_LEASE_MS = 5 * 60_000;

export const clampLimit = (limit: number | undefined, fallback: number, max: number = fallback) => Math.max(0, Math.min(Math.floor(limit ?? fallback), max));

/** Opaque keyset cursor: base64url of the last row's sort key. */
export const encodeCursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string, arity: number): unknown[] {
	try {
		const key = JSON.parse(Buffer.from(cursor, 'base64url').toString());
		if (Array.isArray(key) && key.length === arity) return key;
	} catch {
		/* reported below */
	}
	throw new Error('invalid cursor');
}

/** Code-unit order, the same as PostgreSQL's COLLATE "C" for the ASCII keys and ISO instants we sort by. */
export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The inbox order: soonest due first, undated last, then by id. */
export const taskOrder = (a: Task, b: Task) =>
	a.dueAt === b.dueAt ? cmp(a.id, b.id) : a.dueAt === undefined ? 1 : b.dueAt === undefined ? -1 : cmp(a.dueAt, b.dueAt);

/** `state`: the step key the dotted state path ends with (the whole path or its last segments after a dot). */
export const stateMatches = (statePath: string, state: string) => statePath === state || statePath.endsWith(`.${state}`);

export const taskMatches = (t: Task, f: TaskFilter) =>
	(!f.roles || f.roles.includes(t.role)) &&
	(f.department === undefined || t.department === f.department) &&
	(f.caseId === undefined || t.caseId === f.caseId) &&
	(f.serviceId === undefined || t.serviceId === f.serviceId) &&
	(f.receiptNumber === undefined || t.receiptNumber === f.receiptNumber) &&
	(f.verification === undefined || (t.verification ?? false) === f.verification) &&
	(f.dueBefore === undefined || (t.dueAt !== undefined && t.dueAt < f.dueBefore)) &&
	(f.state === undefined || stateMatches(t.statePath, f.state)) &&
	(f.claimedBy === undefined || t.claimedBy === f.claimedBy) &&
	(f.claimed === undefined || !!t.claimedBy === f.claimed) &&
	(f.claimedBefore === undefined || (t.claimedAt !== undefined && t.claimedAt < f.claimedBefore));

/** The workload order: by holder (unclaimed last), then step label (code points, as SQL's COLLATE "C"). */
export const loadOrder = (a: { claimedBy?: string; label: string }, b: { claimedBy?: string; label: string }) =>
	a.claimedBy === b.claimedBy ? cmp(a.label, b.label) : a.claimedBy === undefined ? 1 : b.claimedBy === undefined ? -1 : cmp(a.claimedBy, b.claimedBy);

/** Drops keys whose value is undefined or null: optional fields come back absent, as they were written. */
export function compact<T extends object>(o: T): T {
	for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined || o[k] === null) delete o[k];
	return o;
}

export const SAFE_ID = /^[A-Za-z0-9_-]+$/;

/** Where file bytes live; metadata stays in the store. */
export interface BlobStore {
	put(id: string, bytes: Uint8Array): Promise<void>;
	read(id: string): Promise<Uint8Array | undefined>;
}

/** Bytes on disk, one file per id (temp file + rename, so a reader never sees half a file). */
export function diskBlobs(dir: string): BlobStore {
	mkdirSync(dir, { recursive: true });
	return {
		put: async (id, bytes) => {
			if (!SAFE_ID.test(id)) throw new Error(`invalid file id ${id}`);
			const path = join(dir, id);
			await writeFile(`${path}.tmp`, bytes);
			await rename(`${path}.tmp`, path);
		},
		read: async (id) => {
			if (!SAFE_ID.test(id)) return undefined;
			try {
				return new Uint8Array(await readFile(join(dir, id)));
			} catch (e) {
				if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
				throw e;
			}
		}
	};
}
