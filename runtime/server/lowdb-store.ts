// The small-pilot store: every collection in one file, DATA_DIR/store.json, so each write is atomic (a temp file flushed to
// disk and renamed; the replaced version stays as store.json.bak, and a damaged file is caught at start: lowdb-file.ts). One global queue runs every write; a unit of work stages its writes on copies of the
// collections it touches (its reads see them), and at commit swaps them in and writes the file once. A throw discards them.
// Every write rewrites the whole file: fine for a pilot, not for a service centre (see the README's measured ceiling).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { normaliseIdentifier } from './pii';
import {
	ConflictError,
	type Account,
	type AuditChainState,
	type AuditEntry,
	type AuditLink,
	type CasePageFilter,
	type CaseRecord,
	type DefinitionRecord,
	type Draft,
	type FileRecord,
	type Licence,
	type MaterialMark,
	type OpinionTemplate,
	type PaymentOrder,
	type OutboxMessage,
	type InboxMessage,
	type Rating,
	type SessionRecord,
	type Store,
	type StoreTx,
	type Task,
	type TaskLoad
} from '../core/store';
import { clampLimit, CLAIM_LEASE_MS, cmp, compact, decodeCursor, diskBlobs, encodeCursor, LIMITS, loadOrder, taskMatches, taskOrder } from './store-common';
import { DurableJSONFile } from './lowdb-file';
import { lowdbDefinitions } from './lowdb-definitions';
import { lowdbReview } from './lowdb-review';
import { lowdbMessages } from './lowdb-messages';
import { lowdbCredit, lowdbCreditTx, type CreditCollections } from './lowdb-credit';
import { lowdbPayments } from './lowdb-payments';
import { lowdbMetrics, lowdbMetricsTx } from './lowdb-metrics';
import type { CaseFacts } from '../core/metrics/facts';
import { actedOn, actedOnPage, auditNewestFirst, auditPage, ratingPage, ratingsOf } from './lowdb-lists';

/** An audit entry as the file keeps it: its chain link once the sealer reached it. */
type StoredAudit = AuditEntry & { chain?: AuditLink };
import { sealedFile } from './pii-lowdb';
import { normaliseName, type PiiCodec, type ResealPii } from './pii-records';

interface Data extends CreditCollections {
	definitions: Record<string, DefinitionRecord>;
	cases: Record<string, CaseRecord>;
	tasks: Record<string, Task>;
	audit: StoredAudit[];
	/** the chain's head and archive anchor, written only by the sealer and the archiver */
	auditChain: AuditChainState;
	outbox: Record<string, OutboxMessage>;
	messages: InboxMessage[];
	files: Record<string, FileRecord>;
	licences: Record<string, Licence>;
	ratings: Record<string, Rating>;
	drafts: Record<string, Draft>;
	materialMarks: MaterialMark[];
	opinionTemplates: Record<string, OpinionTemplate>;
	payments: Record<string, PaymentOrder>;
	accounts: Record<string, Account>;
	meta: Record<string, unknown>;
	sequences: Record<string, number>;
	sessions: Record<string, SessionRecord>;
	caseMetrics: Record<string, CaseFacts>;
}

const empty = (): Data => ({
	definitions: {},
	cases: {},
	tasks: {},
	audit: [],
	auditChain: { head: { seq: 0, hash: '' }, anchor: { seq: 0, hash: '' } },
	outbox: {},
	messages: [],
	files: {},
	licences: {},
	ratings: {},
	drafts: {},
	materialMarks: [],
	opinionTemplates: {},
	creditRecords: {},
	complaints: {},
	payments: {},
	accounts: {},
	meta: {},
	sequences: {},
	sessions: {},
	caseMetrics: {}
});

/** What is stored is exactly what the file will hold after a restart (undefined keys gone). */
const norm = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
const copy = <T>(v: T): T => (v === undefined ? v : structuredClone(v));
const draftKey = (userId: string, kind: string, id: string) => JSON.stringify([userId, kind, id]);
const newestFirst = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) => cmp(b.createdAt, a.createdAt) || cmp(b.id, a.id);
const unsealedEntry = ({ chain: _, ...entry }: StoredAudit): AuditEntry => entry;
const withoutEvents = ({ events: _, ...rest }: CaseRecord): Omit<CaseRecord, 'events'> => rest;

/** One unit of work: copy-on-write collections, swapped in at commit. */
class Unit {
	readonly changed: Partial<Data> = {};
	constructor(private data: Data) {}
	read<K extends keyof Data>(k: K): Data[K] {
		return (this.changed[k] ?? this.data[k]) as Data[K];
	}
	write<K extends keyof Data>(k: K): Data[K] {
		const base = this.data[k];
		return (this.changed[k] ??= (Array.isArray(base) ? [...base] : { ...base }) as Data[K]);
	}
}

/**
 * Personal identifiers are sealed with pii in the file (pii-lowdb.ts). `restoreFromBackup`: a damaged store.json is moved
 * aside and store.json.bak put in its place (else the start is refused).
 */
export async function openLowdbStore(dir: string, pii: PiiCodec, opts: { restoreFromBackup?: boolean } = {}): Promise<Store & { resealPii: ResealPii }> {
	if (!existsSync(join(dir, 'store.json')) && existsSync(join(dir, 'cases.json')))
		console.warn(`${dir}: found the old one-file-per-collection layout; it is not read (import it first)`);
	const file = sealedFile(new DurableJSONFile<Data>(join(dir, 'store.json'), opts), pii);
	const db = new Low<Data>(file.adapter, empty());
	await db.read();
	db.data = { ...empty(), ...db.data };
	const data = db.data;
	const blobs = diskBlobs(join(dir, 'files'));
	let queue: Promise<unknown> = Promise.resolve();

	/** Runs fn alone among writers; commits its staged collections and writes the file once, or drops them when it throws. */
	const run = <T>(fn: (u: Unit) => T | Promise<T>): Promise<T> => {
		const result = queue.then(async () => {
			const u = new Unit(data);
			const value = await fn(u);
			const keys = Object.keys(u.changed) as (keyof Data)[];
			if (!keys.length) return value;
			const previous: Partial<Data> = {};
			for (const k of keys) Object.assign(previous, { [k]: data[k] });
			Object.assign(data, u.changed);
			try {
				await db.write();
			} catch (e) {
				Object.assign(data, previous);
				throw e;
			}
			return value;
		});
		queue = result.catch(() => undefined);
		return result;
	};

	const casesOf = (f: CasePageFilter) => {
		const identifier = f.identifier === undefined ? undefined : normaliseIdentifier(f.identifier);
		return Object.values(data.cases).filter(
			(c) =>
				(f.applicantId === undefined || c.applicantId === f.applicantId) &&
				(f.status === undefined || c.status === f.status) &&
				(identifier === undefined || pii.caseIdentifiers(c.state).includes(identifier))
		);
	};
	const tasksOf = (tasks: Record<string, Task>, f: Parameters<typeof taskMatches>[1], cases: Record<string, CaseRecord> = data.cases) => {
		// the applicant's name is compared in memory, where the records are plaintext (sealed only in the file)
		const name = f.applicantName === undefined ? undefined : normaliseName(f.applicantName);
		const named = (t: Task) => name === undefined || (!!cases[t.caseId] && pii.caseNames(cases[t.caseId].state).includes(name));
		return Object.values(tasks)
			.filter((t) => taskMatches(t, f) && named(t))
			.sort(taskOrder);
	};

	const txOf = (u: Unit): StoreTx => ({
		cases: {
			get: async (id) => copy(u.read('cases')[id]),
			insert: async (record) => {
				const cases = u.read('cases');
				if (cases[record.id] || Object.values(cases).some((c) => c.receiptNumber === record.receiptNumber))
					throw new ConflictError(`办件 ${record.id}（${record.receiptNumber}）已存在`);
				u.write('cases')[record.id] = norm(record);
			},
			update: async (record, expectedVersion, appended) => {
				const current = u.read('cases')[record.id];
				if (!current) throw new ConflictError(`办件 ${record.id} 不存在`);
				if (current.version !== expectedVersion) throw new ConflictError(`办件已被他人更新（当前第 ${current.version} 版），请刷新后重试`, copy(current));
				u.write('cases')[record.id] = norm({ ...record, events: [...current.events, ...appended] });
			}
		},
		tasks: {
			forCase: async (caseId) => copy(tasksOf(u.read('tasks'), { caseId })),
			replaceForCase: async (caseId, tasks) => {
				const all = u.write('tasks');
				for (const t of Object.values(all)) if (t.caseId === caseId) delete all[t.id];
				for (const t of tasks) all[t.id] = norm(t);
			}
		},
		audit: {
			append: async (e) => void u.write('audit').push(unsealedEntry(norm(e))),
			// one writer at a time already (the queue), in one process: the lock is always free
			lockChain: async () => true,
			chainState: async () => copy(u.read('auditChain')),
			unsealed: async (limit) => {
				const out: { ref: string; entry: AuditEntry }[] = [];
				const all = u.read('audit');
				for (let i = 0; i < all.length && out.length < limit; i++) if (!all[i].chain) out.push({ ref: String(i), entry: copy(all[i]) });
				return out;
			},
			seal: async (links) => {
				if (!links.length) return;
				const all = u.write('audit');
				for (const { ref, link } of links) {
					const current = all[Number(ref)];
					if (!current || current.chain) throw new ConflictError(`审计记录封存冲突：第 ${link.seq} 条对应的记录已被封存或已不存在`);
					all[Number(ref)] = { ...current, chain: norm(link) };
				}
				const last = links[links.length - 1].link;
				u.write('auditChain').head = { seq: last.seq, hash: last.hash };
			},
			prune: async (throughSeq) => {
				const state = u.read('auditChain');
				if (throughSeq <= state.anchor.seq) return 0;
				if (throughSeq > state.head.seq) throw new ConflictError(`只能归档已封存的记录：第 ${throughSeq} 条尚未封存（当前封存到第 ${state.head.seq} 条）`);
				const last = u.read('audit').find((e) => e.chain?.seq === throughSeq);
				if (!last) throw new ConflictError(`审计链第 ${throughSeq} 条不存在，无法作为归档锚点`);
				const before = u.read('audit');
				const kept = before.filter((e) => !e.chain || e.chain.seq > throughSeq);
				u.changed.audit = kept;
				u.write('auditChain').anchor = { seq: throughSeq, hash: last.chain!.hash, at: last.at };
				return before.length - kept.length;
			}
		},
		outbox: {
			append: async (m) => {
				if (u.read('outbox')[m.id]) throw new ConflictError(`消息 ${m.id} 已存在`);
				u.write('outbox')[m.id] = norm(m);
			}
		},
		messages: {
			append: async (m) => {
				if (u.read('messages').some((x) => x.id === m.id)) throw new ConflictError(`消息 ${m.id} 已存在`);
				u.write('messages').push(norm(m));
			}
		},
		licences: {
			get: async (id) => copy(u.read('licences')[id]),
			put: async (l) => void (u.write('licences')[l.id] = norm(l))
		},
		caseMetrics: lowdbMetricsTx(u),
		nextSequence: async (name) => {
			const seq = u.write('sequences');
			return (seq[name] = (seq[name] ?? 0) + 1);
		},
		...lowdbCreditTx(u)
	});

	return {
		transaction: (fn) => run((u) => fn(txOf(u))),
		takeNumber: (name) => run((u) => txOf(u).nextSequence(name)),
		definitions: lowdbDefinitions(data, run),
		cases: {
			get: async (id) => copy(data.cases[id]),
			list: async (f = {}) => {
				const ids = f.ids && new Set(f.ids);
				const rows = Object.values(data.cases).filter(
					(c) =>
						(f.applicantId === undefined || c.applicantId === f.applicantId) &&
						(!ids || ids.has(c.id)) &&
						(f.receiptNumber === undefined || c.receiptNumber === f.receiptNumber) &&
						(f.identifier === undefined || pii.caseIdentifiers(c.state).includes(normaliseIdentifier(f.identifier))) &&
						(f.status === undefined || c.status === f.status) &&
						(f.deferredDueBefore === undefined || (c.status === 'active' && c.deferredDueAt !== undefined && c.deferredDueAt < f.deferredDueBefore)) &&
						(f.createdFrom === undefined || c.createdAt >= f.createdFrom) &&
						(f.createdBefore === undefined || c.createdAt < f.createdBefore)
				);
				return copy(rows.sort(newestFirst).slice(0, clampLimit(f.limit, LIMITS.list)));
			},
			page: async (f, limit, cursor) => {
				const n = clampLimit(limit, LIMITS.page);
				const after = cursor && (decodeCursor(cursor, 2) as [string, string]);
				const rows = casesOf(f)
					.filter((c) => !after || newestFirst(c, { createdAt: after[0], id: after[1] }) > 0)
					.sort(newestFirst);
				const page = rows.slice(0, n).map((c) => copy(withoutEvents(c)));
				const last = page.at(-1);
				return rows.length > n && last ? { rows: page, next: encodeCursor([last.createdAt, last.id]) } : { rows: page };
			},
			create: (record, tasks, audit, facts) =>
				run(async (u) => {
					const tx = txOf(u);
					await tx.cases.insert(record);
					for (const e of audit) await tx.audit.append(e);
					await tx.tasks.replaceForCase(record.id, tasks);
					if (facts) await tx.caseMetrics.put(facts);
				}),
			count: async (f) => casesOf(f).length,
			importMany: (records) =>
				run((u) => {
					const cases = u.write('cases');
					const tasks = u.write('tasks');
					for (const { record, tasks: ts } of records) {
						if (cases[record.id]) throw new ConflictError(`办件 ${record.id} 已存在`);
						cases[record.id] = norm(record);
						for (const t of ts) tasks[t.id] = norm(t);
					}
				})
		},
		tasks: {
			query: async (f) => copy(tasksOf(data.tasks, f).slice(0, LIMITS.list)),
			page: async (f, limit, cursor) => {
				const n = clampLimit(limit, LIMITS.page);
				let rows = tasksOf(data.tasks, f);
				if (cursor) {
					const [due, id] = decodeCursor(cursor, 2) as [string | null, string];
					const mark = { dueAt: due ?? undefined, id } as Task;
					rows = rows.filter((t) => taskOrder(t, mark) > 0);
				}
				const page = copy(rows.slice(0, n));
				const last = page.at(-1);
				return rows.length > n && last ? { rows: page, next: encodeCursor([last.dueAt ?? null, last.id]) } : { rows: page };
			},
			count: async (f) => {
				const counts = new Map<string, { role: string; verification: boolean; count: number }>();
				for (const t of tasksOf(data.tasks, f)) {
					const verification = t.verification ?? false;
					const key = JSON.stringify([t.role, verification]);
					const c = counts.get(key) ?? counts.set(key, { role: t.role, verification, count: 0 }).get(key)!;
					c.count++;
				}
				return [...counts.values()].sort((a, b) => cmp(a.role, b.role) || Number(a.verification) - Number(b.verification));
			},
			get: async (id) => copy(data.tasks[id]),
			workload: async (f) => {
				const loads = new Map<string, TaskLoad>();
				for (const t of tasksOf(data.tasks, f)) {
					const key = JSON.stringify([t.claimedBy ?? null, t.label]);
					const l = loads.get(key) ?? loads.set(key, compact({ claimedBy: t.claimedBy, label: t.label, count: 0 })).get(key)!;
					l.count++;
				}
				return [...loads.values()].sort(loadOrder);
			},
			setClaim: (id, claimedBy, expected, at) =>
				run((u) => {
					const t = u.read('tasks')[id];
					if (!t) throw new ConflictError('待办已不存在（办件已流转），请刷新');
					if (t.claimedBy !== expected) throw new ConflictError(`该待办已由 ${t.claimedBy ?? '他人'} 处理，请刷新`, copy(t));
					const next = compact({ ...t, claimedBy, claimedAt: claimedBy ? at : undefined });
					u.write('tasks')[id] = next;
					return copy(next);
				})
		},
		outbox: {
			list: async (f = {}) =>
				copy(
					Object.values(data.outbox)
						.filter(
							(m) =>
								(f.caseId === undefined || m.caseId === f.caseId) &&
								(f.status === undefined || m.status === f.status) &&
								(f.id === undefined || m.id === f.id) &&
								(f.channel === undefined || m.channel === f.channel)
						)
						.sort((a, b) => (f.newest ? -1 : 1) * (cmp(a.at, b.at) || cmp(a.id, b.id)))
						.slice(0, clampLimit(f.limit, LIMITS.list))
				),
			claim: (limit, now, _worker) =>
				run((u) => {
					const lease = new Date(Date.parse(now) + CLAIM_LEASE_MS).toISOString();
					const due = Object.values(u.read('outbox'))
						.filter((m) => m.status === 'pending' && m.nextAttemptAt <= now)
						.sort((a, b) => cmp(a.nextAttemptAt, b.nextAttemptAt) || cmp(a.id, b.id))
						.slice(0, clampLimit(limit, LIMITS.list));
					if (!due.length) return [];
					const outbox = u.write('outbox');
					const taken = due.map((m) => (outbox[m.id] = { ...m, nextAttemptAt: lease }));
					return copy(taken.sort((a, b) => cmp(a.at, b.at) || cmp(a.id, b.id)));
				}),
			settle: (id, o) =>
				run((u) => {
					const m = u.read('outbox')[id];
					if (!m) throw new ConflictError(`消息 ${id} 不存在`);
					u.write('outbox')[id] = compact({ ...m, ...o, payload: o.payload ? norm(o.payload) : m.payload, sentAt: o.sentAt, lastError: o.lastError });
				})
		},
		files: {
			put: async (meta, bytes) => {
				await blobs.put(meta.id, bytes);
				await run((u) => void (u.write('files')[meta.id] = norm(meta)));
			},
			get: async (id) => copy(data.files[id]),
			getMany: async (ids) => copy([...new Set(ids)].slice(0, LIMITS.list).flatMap((id) => data.files[id] ?? [])),
			read: async (id) => (data.files[id] ? blobs.read(id) : undefined),
			listByOwner: async (ownerId, limit) =>
				copy(
					Object.values(data.files)
						.filter((f) => f.ownerId === ownerId)
						.sort(newestFirst)
						.slice(0, clampLimit(limit, LIMITS.list))
				)
		},
		accounts: {
			get: async (id) => copy(data.accounts[id]),
			byUsername: async (name) => copy(Object.values(data.accounts).find((a) => a.username === name)),
			byIdentifier: async (value) =>
				copy(
					Object.values(data.accounts)
						.filter((a) => pii.accountIdentifiers(a).includes(normaliseIdentifier(value)))
						.sort((a, b) => cmp(a.username, b.username))
						.slice(0, 20)
				),
			list: async () =>
				copy(
					Object.values(data.accounts)
						.sort((a, b) => cmp(a.username, b.username))
						.slice(0, LIMITS.list)
				),
			put: (a) =>
				run((u) => {
					if (Object.values(u.read('accounts')).some((x) => x.username === a.username && x.id !== a.id))
						throw new ConflictError(`用户名 ${a.username} 已被占用`);
					u.write('accounts')[a.id] = norm(a);
				})
		},
		licences: {
			get: async (id) => copy(data.licences[id]),
			byHolder: async (h) =>
				copy(
					Object.values(data.licences)
						.filter((l) => l.holderId === h)
						.sort((a, b) => cmp(b.issuedAt, a.issuedAt) || cmp(b.id, a.id))
						.slice(0, LIMITS.list)
				),
			byApplicant: async (accountId) =>
				copy(
					Object.values(data.licences)
						.filter((l) => l.caseId && data.cases[l.caseId]?.applicantId === accountId)
						.sort((a, b) => cmp(b.issuedAt, a.issuedAt) || cmp(b.id, a.id))
						.slice(0, LIMITS.list)
				),
			put: (l) => run((u) => void (u.write('licences')[l.id] = norm(l)))
		},
		audit: {
			append: (e) => run((u) => txOf(u).audit.append(e)),
			list: async (f = {}) =>
				copy(
					auditNewestFirst(data.audit, f)
						.slice(0, clampLimit(f.limit, LIMITS.recent, LIMITS.list))
						.map(unsealedEntry)
				),
			page: async (f, limit, cursor) => {
				const page = auditPage(data.audit, f, limit, cursor);
				return { ...page, rows: copy(page.rows.map(unsealedEntry)) };
			},
			count: async (f) => auditNewestFirst(data.audit, f).length,
			actedOn: async (actorId, limit, cursor) => actedOnPage(data.audit, actorId, limit, cursor),
			actedOnCount: async (actorId) => actedOn(data.audit, actorId).length,
			chain: async (afterSeq, limit) =>
				copy(
					data.audit
						.filter((e) => e.chain && e.chain.seq > afterSeq)
						.sort((a, b) => a.chain!.seq - b.chain!.seq)
						.slice(0, Math.max(0, Math.floor(limit)))
						.map((e) => ({ entry: unsealedEntry(e), link: e.chain! }))
				),
			chainState: async () => copy(data.auditChain),
			pending: async () => {
				const waiting = data.audit.filter((e) => !e.chain);
				const oldestAt = waiting.map((e) => e.at).sort(cmp)[0];
				return oldestAt === undefined ? { count: 0 } : { count: waiting.length, oldestAt };
			}
		},
		ratings: {
			get: async (id) => copy(data.ratings[id]),
			byCase: async (caseId) => copy(Object.values(data.ratings).find((r) => r.caseId === caseId)),
			list: async (f = {}) => {
				const cases = f.caseIds && new Set(f.caseIds);
				const all = Object.values(data.ratings).filter((r) => !cases || cases.has(r.caseId));
				return copy(ratingsOf(all, f.poor).slice(0, clampLimit(f.limit, LIMITS.recent, LIMITS.list)));
			},
			page: async (f, limit, cursor) => {
				const page = ratingPage(Object.values(data.ratings), f.poor, limit, cursor);
				return { ...page, rows: copy(page.rows) };
			},
			count: async (f) => ratingsOf(Object.values(data.ratings), f.poor).length,
			create: (rating) =>
				run((u) => {
					const all = u.read('ratings');
					if (Object.values(all).some((r) => r.caseId === rating.caseId)) throw new ConflictError('该办件已评价，每件只能评价一次');
					if (all[rating.id]) throw new ConflictError(`评价 ${rating.id} 已存在`);
					u.write('ratings')[rating.id] = norm(rating);
				}),
			update: (rating, expectedSteps) =>
				run((u) => {
					const current = u.read('ratings')[rating.id];
					if (!current) throw new ConflictError(`评价 ${rating.id} 不存在`);
					const steps = current.followUp?.steps.length ?? 0;
					if (expectedSteps !== undefined && steps !== expectedSteps)
						throw new ConflictError(`差评处理已被他人更新（已有 ${steps} 步），请刷新后重试`, copy(current));
					u.write('ratings')[rating.id] = norm(rating);
				})
		},
		drafts: {
			get: async (userId, kind, id) => copy(data.drafts[draftKey(userId, kind, id)]),
			put: (d) => run((u) => void (u.write('drafts')[draftKey(d.userId, d.serviceKind, d.serviceId)] = norm(d))),
			delete: (userId, kind, id) =>
				run((u) => {
					const key = draftKey(userId, kind, id);
					if (!u.read('drafts')[key]) return false;
					delete u.write('drafts')[key];
					return true;
				}),
			listByUser: async (userId) =>
				copy(
					Object.values(data.drafts)
						.filter((d) => d.userId === userId)
						.sort((a, b) => cmp(b.updatedAt, a.updatedAt) || cmp(a.serviceKind, b.serviceKind) || cmp(a.serviceId, b.serviceId))
						.slice(0, LIMITS.drafts)
				)
		},
		...lowdbReview(data, run),
		caseMetrics: lowdbMetrics(data),
		messages: lowdbMessages(data, run),
		...lowdbCredit(data),
		payments: lowdbPayments(data, run),
		sessions: {
			create: (s) => run((u) => void (u.write('sessions')[s.id] = norm(s))),
			get: async (id, now) => {
				const s = data.sessions[id];
				// sessions made before lastSeenAt existed count from their creation
				return s && s.expiresAt > now ? copy({ ...s, lastSeenAt: s.lastSeenAt ?? s.createdAt }) : undefined;
			},
			withAccount: async (id, now) => {
				const s = data.sessions[id];
				if (!s || s.expiresAt <= now) return undefined;
				return copy({ session: { ...s, lastSeenAt: s.lastSeenAt ?? s.createdAt }, account: data.accounts[s.accountId] });
			},
			delete: (id) => run((u) => void delete u.write('sessions')[id]),
			touch: (id, lastSeenAt) =>
				run((u) => {
					if (u.read('sessions')[id]) u.write('sessions')[id] = { ...u.read('sessions')[id], lastSeenAt };
				}),
			deleteForAccount: (accountId) =>
				run((u) => {
					const ended = Object.values(u.read('sessions')).filter((s) => s.accountId === accountId);
					for (const s of ended) delete u.write('sessions')[s.id];
					return ended.length;
				}),
			purgeExpired: (now) =>
				run((u) => {
					const expired = Object.values(u.read('sessions')).filter((s) => s.expiresAt <= now);
					for (const s of expired) delete u.write('sessions')[s.id];
					return expired.length;
				})
		},
		meta: {
			get: async <T>(key: string) => copy(data.meta[key] as T | undefined),
			set: (key, value) => run((u) => void (u.write('meta')[key] = norm(value)))
		},
		resealPii: async (log) => {
			const n = await run(async () => {
				file.reset();
				await db.write();
				return Object.keys(data.cases).length + Object.keys(data.drafts).length + Object.keys(data.accounts).length + Object.keys(data.licences).length;
			});
			if (n) log?.(`store.json：${n} 条记录已按当前密钥重新加密`);
			return n;
		},
		close: async () => {
			await queue;
		}
	};
}
