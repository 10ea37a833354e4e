import { mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { ConflictError, type Account, type AuditEntry, type CaseRecord, type DefinitionRecord, type Draft, type FileRecord, type Licence, type Rating, type Store, type Task } from '../core/store';

/** One lowdb file per collection; writes are serialised per collection and atomic (temp file + rename). */
class Collection<T> {
	private db: Low<{ rows: T[] }>;
	private queue: Promise<unknown> = Promise.resolve();
	constructor(file: string) {
		this.db = new Low(new JSONFile<{ rows: T[] }>(file), { rows: [] });
	}
	async load() {
		await this.db.read();
		this.db.data ??= { rows: [] };
	}
	get rows(): T[] {
		return this.db.data.rows;
	}
	/** Runs check-and-write as one critical section, then persists before resolving. */
	write<R>(fn: (rows: T[]) => R): Promise<R> {
		const run = this.queue.then(async () => {
			const result = fn(this.db.data.rows);
			await this.db.write();
			return result;
		});
		this.queue = run.catch(() => undefined);
		return run;
	}
	settled() {
		return this.queue;
	}
}

const copy = <T>(v: T): T => (v === undefined ? v : structuredClone(v));
const SAFE_ID = /^[A-Za-z0-9_-]+$/;
const sameDraft = (d: Draft, userId: string, kind: string, id: string) => d.userId === userId && d.serviceKind === kind && d.serviceId === id;

export async function openLowdbStore(dir: string): Promise<Store> {
	mkdirSync(join(dir, 'files'), { recursive: true });
	const c = {
		definitions: new Collection<DefinitionRecord>(join(dir, 'definitions.json')),
		cases: new Collection<CaseRecord>(join(dir, 'cases.json')),
		tasks: new Collection<Task>(join(dir, 'tasks.json')),
		accounts: new Collection<Account>(join(dir, 'accounts.json')),
		licences: new Collection<Licence>(join(dir, 'licences.json')),
		audit: new Collection<AuditEntry>(join(dir, 'audit.json')),
		files: new Collection<FileRecord>(join(dir, 'files.json')),
		ratings: new Collection<Rating>(join(dir, 'ratings.json')),
		drafts: new Collection<Draft>(join(dir, 'drafts.json')),
		meta: new Collection<{ key: string; value: unknown }>(join(dir, 'meta.json'))
	};
	await Promise.all(Object.values(c).map((x) => x.load()));
	const caseIndex = new Map(c.cases.rows.map((r, i) => [r.id, i]));

	return {
		definitions: {
			get: async (kind, id) => copy(c.definitions.rows.find((r) => r.kind === kind && r.id === id)),
			list: async (kind) => copy(c.definitions.rows.filter((r) => !kind || r.kind === kind)),
			put: (record, expectedRev) =>
				c.definitions.write((rows) => {
					const i = rows.findIndex((r) => r.kind === record.kind && r.id === record.id);
					const current = i >= 0 ? rows[i] : undefined;
					if ((current?.rev ?? 0) !== expectedRev || (expectedRev === 0 && current))
						throw new ConflictError('定义已被他人修改，请刷新后重试', copy(current));
					const stored = { ...copy(record), rev: expectedRev + 1 };
					if (i >= 0) rows[i] = stored;
					else rows.push(stored);
					return copy(stored);
				})
		},
		cases: {
			get: async (id) => {
				const i = caseIndex.get(id);
				return i === undefined ? undefined : copy(c.cases.rows[i]);
			},
			list: async (filter = {}) => {
				const due = (r: CaseRecord) =>
					r.status === 'active' && ((r.snapshot.context.pending as { dueAt: string }[] | undefined) ?? []).some((p) => p.dueAt < filter.deferredDueBefore!);
				return copy(
					c.cases.rows.filter(
						(r) =>
							(!filter.applicantId || r.applicantId === filter.applicantId) &&
							(!filter.ids || filter.ids.includes(r.id)) &&
							(!filter.receiptNumber || r.receiptNumber === filter.receiptNumber) &&
							(!filter.deferredDueBefore || due(r))
					)
				);
			},
			create: (record) =>
				c.cases.write((rows) => {
					if (caseIndex.has(record.id)) throw new ConflictError(`办件 ${record.id} 已存在`);
					caseIndex.set(record.id, rows.push(copy(record)) - 1);
				}),
			update: (record, expectedVersion) =>
				c.cases.write((rows) => {
					const i = caseIndex.get(record.id);
					if (i === undefined) throw new ConflictError(`办件 ${record.id} 不存在`);
					if (rows[i].version !== expectedVersion)
						throw new ConflictError(`办件已被他人更新（当前第 ${rows[i].version} 版），请刷新后重试`, copy(rows[i]));
					rows[i] = copy(record);
				})
		},
		tasks: {
			replaceForCase: (caseId, tasks) =>
				c.tasks.write((rows) => {
					const keep = rows.filter((t) => t.caseId !== caseId);
					rows.length = 0;
					rows.push(...keep, ...copy(tasks));
				}),
			query: async (f) =>
				copy(
					c.tasks.rows
						.filter((t) => (!f.roles || f.roles.includes(t.role)) && (!f.department || t.department === f.department) && (!f.caseId || t.caseId === f.caseId))
						.sort((a, b) => (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff'))
				),
			get: async (id) => copy(c.tasks.rows.find((t) => t.id === id)),
			setClaim: (id, claimedBy, expected, at) =>
				c.tasks.write((rows) => {
					const t = rows.find((x) => x.id === id);
					if (!t) throw new ConflictError('待办已不存在（办件已流转），请刷新');
					if (t.claimedBy !== expected) throw new ConflictError(`该待办已由 ${t.claimedBy ?? '他人'} 处理，请刷新`, copy(t));
					t.claimedBy = claimedBy;
					t.claimedAt = claimedBy ? at : undefined;
					return copy(t);
				})
		},
		files: {
			put: async (meta, bytes) => {
				if (!SAFE_ID.test(meta.id)) throw new Error(`invalid file id ${meta.id}`);
				const path = join(dir, 'files', meta.id);
				await writeFile(`${path}.tmp`, bytes);
				await rename(`${path}.tmp`, path);
				await c.files.write((rows) => void rows.push(copy(meta)));
			},
			get: async (id) => copy(c.files.rows.find((f) => f.id === id)),
			read: async (id) => {
				if (!SAFE_ID.test(id) || !c.files.rows.some((f) => f.id === id)) return undefined;
				return new Uint8Array(await readFile(join(dir, 'files', id)));
			}
		},
		accounts: {
			get: async (id) => copy(c.accounts.rows.find((a) => a.id === id)),
			byUsername: async (u) => copy(c.accounts.rows.find((a) => a.username === u)),
			list: async () => copy(c.accounts.rows),
			put: (a) =>
				c.accounts.write((rows) => {
					const i = rows.findIndex((x) => x.id === a.id);
					if (i >= 0) rows[i] = copy(a);
					else rows.push(copy(a));
				})
		},
		licences: {
			get: async (id) => copy(c.licences.rows.find((l) => l.id === id)),
			byHolder: async (h) => copy(c.licences.rows.filter((l) => l.holderId === h)),
			put: (l) =>
				c.licences.write((rows) => {
					const i = rows.findIndex((x) => x.id === l.id);
					if (i >= 0) rows[i] = copy(l);
					else rows.push(copy(l));
				})
		},
		audit: {
			append: (e) => c.audit.write((rows) => void rows.push(copy(e))),
			list: async (f = {}) =>
				copy(
					c.audit.rows
						.filter((e) => (!f.caseId || e.caseId === f.caseId) && (!f.actorId || e.actorId === f.actorId))
						.slice()
						.reverse()
						.slice(0, f.limit ?? 200)
				)
		},
		ratings: {
			get: async (id) => copy(c.ratings.rows.find((r) => r.id === id)),
			byCase: async (caseId) => copy(c.ratings.rows.find((r) => r.caseId === caseId)),
			list: async (f = {}) =>
				copy(
					c.ratings.rows
						.filter((r) => f.poor === undefined || (r.grade <= 2) === f.poor)
						.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
				),
			create: (rating) =>
				c.ratings.write((rows) => {
					if (rows.some((r) => r.caseId === rating.caseId)) throw new ConflictError('该办件已评价，每件只能评价一次');
					if (rows.some((r) => r.id === rating.id)) throw new ConflictError(`评价 ${rating.id} 已存在`);
					rows.push(copy(rating));
				}),
			update: (rating, expectedSteps) =>
				c.ratings.write((rows) => {
					const i = rows.findIndex((r) => r.id === rating.id);
					if (i < 0) throw new ConflictError(`评价 ${rating.id} 不存在`);
					if (expectedSteps !== undefined && (rows[i].followUp?.steps.length ?? 0) !== expectedSteps)
						throw new ConflictError('差评处理已被他人更新，请刷新后重试', copy(rows[i]));
					rows[i] = copy(rating);
				})
		},
		drafts: {
			get: async (userId, kind, id) => copy(c.drafts.rows.find((d) => sameDraft(d, userId, kind, id))),
			put: (draft) =>
				c.drafts.write((rows) => {
					const i = rows.findIndex((d) => sameDraft(d, draft.userId, draft.serviceKind, draft.serviceId));
					if (i >= 0) rows[i] = copy(draft);
					else rows.push(copy(draft));
				}),
			delete: (userId, kind, id) =>
				c.drafts.write((rows) => {
					const i = rows.findIndex((d) => sameDraft(d, userId, kind, id));
					if (i >= 0) rows.splice(i, 1);
					return i >= 0;
				}),
			listByUser: async (userId) =>
				copy(c.drafts.rows.filter((d) => d.userId === userId).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)))
		},
		meta: {
			get: async <T>(key: string) => copy(c.meta.rows.find((m) => m.key === key)?.value as T | undefined),
			set: (key, value) =>
				c.meta.write((rows) => {
					const m = rows.find((x) => x.key === key);
					if (m) m.value = copy(value);
					else rows.push({ key, value: copy(value) });
				})
		},
		close: async () => {
			await Promise.all(Object.values(c).map((x) => x.settled()));
		}
	};
}
