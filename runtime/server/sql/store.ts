// The SQL adapter: one implementation of Store over plain parameterised SQL, on PGlite or a PostgreSQL server (see driver.ts).
import { join } from 'node:path';
import { ConflictError, type Account, type Draft, type Licence, type Rating, type SessionRecord, type Store } from '../../core/store';
import type { PiiCodec, ResealPii } from '../pii-records';
import { clampLimit, CLAIM_LEASE_MS, diskBlobs, LIMITS } from '../store-common';
import { chainRead } from './audit-chain';
import { sqlDefinitions } from './definitions';
import { caseApi, Params, taskApi, txApi } from './cases';
import { auditLists, ratingLists } from './lists';
import type { Driver, Queryable, Row } from './driver';
import { migrate } from './migrations';
import { indexAccounts, sqlReseal } from './pii-reseal';
import { sqlMaterialMarks, sqlOpinionTemplates } from './review';
import { sqlMessages } from './messages';
import { sqlCredit } from './credit';
import { sqlPayments } from './payments';
import { sqlCaseMetrics } from './metrics';
import { AUDIT_COLUMNS, auditFromRow, auditRow, fileFromRow, insertRows, json, outboxFromRow } from './rows';

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

/** holder_id is the keyed hash of the holder's id (an ID number is personal); the document is sealed. */
const licenceSql = (pii: PiiCodec) => ({
	get: async (q: Queryable, id: string) => {
		const d = (await q.query('SELECT doc FROM licences WHERE id = $1', [id])).rows[0]?.doc as Licence | undefined;
		return d && pii.open('licence', d);
	},
	put: async (q: Queryable, l: Licence) =>
		void (await q.query(
			`INSERT INTO licences (id, holder_id, case_id, issued_at, doc) VALUES ($1, $2, $3, $4, $5::jsonb)
			ON CONFLICT (id) DO UPDATE SET holder_id = EXCLUDED.holder_id, case_id = EXCLUDED.case_id, issued_at = EXCLUDED.issued_at, doc = EXCLUDED.doc`,
			[l.id, pii.cipher.lookup(l.holderId), l.caseId ?? null, l.issuedAt, json(pii.seal('licence', l))]
		))
});

const stepsOf = (r: Rating | undefined) => r?.followUp?.steps.length ?? 0;

/** Opens the store on a driver: runs pending migrations, keeps file bytes in dataDir/files, seals personal identifiers with pii. */
export async function openSqlStore(db: Driver, dataDir: string, pii: PiiCodec): Promise<Store & { resealPii: ResealPii }> {
	try {
		await migrate(db);
		await indexAccounts(db, pii);
	} catch (e) {
		await db.close();
		throw e;
	}
	const blobs = diskBlobs(join(dataDir, 'files'));
	const one = async <T>(text: string, params: unknown[], map: (r: Row) => T) => {
		const { rows } = await db.query(text, params);
		return rows.length ? map(rows[0]) : undefined;
	};
	const doc = <T>(r: Row) => r.doc as T;
	const licences = licenceSql(pii);
	const licenceOf = (r: Row) => pii.open('licence', r.doc as Licence);
	const accountOf = (r: Row) => pii.open('account', r.doc as Account);
	const sessionOf = (r: Row): SessionRecord => ({
		id: r.id as string,
		accountId: r.account_id as string,
		createdAt: r.created_at as string,
		lastSeenAt: r.last_seen_at as string,
		expiresAt: r.expires_at as string
	});
	const draftOf = (r: Row) => pii.open('draft', r.doc as Draft);
	const rating = {
		get: (id: string) => one('SELECT doc FROM ratings WHERE id = $1', [id], doc<Rating>),
		byCase: (caseId: string) => one('SELECT doc FROM ratings WHERE case_id = $1', [caseId], doc<Rating>)
	};

	return {
		transaction: (fn) => db.transaction((q) => fn(txApi(q, licences, pii))),
		takeNumber: async (name) => Number((await db.query<{ value: string }>('SELECT take_number($1) AS value', [name])).rows[0].value),
		definitions: sqlDefinitions(db),
		cases: caseApi(db, pii),
		tasks: taskApi(db, pii),
		messages: sqlMessages(db),
		caseMetrics: sqlCaseMetrics(db),
		outbox: {
			list: async (f = {}) => {
				const p = new Params();
				const w: string[] = [];
				if (f.caseId !== undefined) w.push(`case_id = ${p.add(f.caseId)}`);
				if (f.status !== undefined) w.push(`status = ${p.add(f.status)}`);
				if (f.id !== undefined) w.push(`id = ${p.add(f.id)}`);
				if (f.channel !== undefined) w.push(`channel = ${p.add(f.channel)}`);
				const limit = p.add(clampLimit(f.limit, LIMITS.list));
				const order = f.newest ? 'at DESC, id DESC' : 'at, id';
				return (await db.query(`SELECT * FROM outbox WHERE ${w.join(' AND ') || 'TRUE'} ORDER BY ${order} LIMIT ${limit}`, p.values)).rows.map(outboxFromRow);
			},
			claim: async (limit, now, worker) => {
				// rows another worker is taking right now are skipped, not waited for; the lease hides the taken ones until it ends
				const lease = new Date(Date.parse(now) + CLAIM_LEASE_MS).toISOString();
				const { rows } = await db.query(
					`WITH picked AS (
						SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED
					)
					UPDATE outbox o SET next_attempt_at = $3, claimed_by = $4 FROM picked WHERE o.id = picked.id RETURNING o.*`,
					[now, clampLimit(limit, LIMITS.list), lease, worker]
				);
				return rows.map(outboxFromRow).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
			},
			settle: async (id, o) => {
				const { count } = await db.query(
					`UPDATE outbox SET status = $2, attempts = $3, next_attempt_at = $4, sent_at = $5, last_error = $6, payload = COALESCE($7::jsonb, payload),
						claimed_by = NULL WHERE id = $1`,
					[id, o.status, o.attempts, o.nextAttemptAt, o.sentAt ?? null, o.lastError ?? null, o.payload ? json(o.payload) : null]
				);
				if (!count) throw new ConflictError(`消息 ${id} 不存在`);
			}
		},
		files: {
			put: async (meta, bytes) => {
				await blobs.put(meta.id, bytes);
				await db.query(
					`INSERT INTO files (id, owner_id, name, mime, size, sha256, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
					ON CONFLICT (id) DO UPDATE SET owner_id = EXCLUDED.owner_id, name = EXCLUDED.name, mime = EXCLUDED.mime, size = EXCLUDED.size,
						sha256 = EXCLUDED.sha256, created_at = EXCLUDED.created_at`,
					[meta.id, meta.ownerId, meta.name, meta.mime, meta.size, meta.sha256, meta.createdAt]
				);
			},
			get: (id) => one('SELECT * FROM files WHERE id = $1', [id], fileFromRow),
			getMany: async (ids) =>
				ids.length ? (await db.query('SELECT * FROM files WHERE id = ANY($1::text[])', [[...new Set(ids)].slice(0, LIMITS.list)])).rows.map(fileFromRow) : [],
			read: async (id) => ((await one('SELECT id FROM files WHERE id = $1', [id], (r) => r)) ? blobs.read(id) : undefined),
			listByOwner: async (ownerId, limit) =>
				(
					await db.query('SELECT * FROM files WHERE owner_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2', [ownerId, clampLimit(limit, LIMITS.list)])
				).rows.map(fileFromRow)
		},
		accounts: {
			get: (id) => one('SELECT doc FROM accounts WHERE id = $1', [id], accountOf),
			byUsername: (u) => one('SELECT doc FROM accounts WHERE username = $1', [u], accountOf),
			byIdentifier: async (value) =>
				(await db.query('SELECT doc FROM accounts WHERE pii_hashes && $1::text[] ORDER BY username LIMIT 20', [pii.cipher.lookups(value)])).rows.map(accountOf),
			list: async () => (await db.query('SELECT doc FROM accounts ORDER BY username LIMIT $1', [LIMITS.list])).rows.map(accountOf),
			put: async (a) => {
				try {
					await db.query(
						`INSERT INTO accounts (id, username, doc, pii_hashes) VALUES ($1, $2, $3::jsonb, $4)
						ON CONFLICT (id) DO UPDATE SET username = EXCLUDED.username, doc = EXCLUDED.doc, pii_hashes = EXCLUDED.pii_hashes`,
						[a.id, a.username, json(pii.seal('account', a)), pii.accountLookups(a)]
					);
				} catch (e) {
					if (isUniqueViolation(e)) throw new ConflictError(`用户名 ${a.username} 已被占用`);
					throw e;
				}
			}
		},
		licences: {
			get: (id) => licences.get(db, id),
			byHolder: async (h) =>
				(
					await db.query('SELECT doc FROM licences WHERE holder_id = ANY($1::text[]) ORDER BY issued_at DESC, id DESC LIMIT $2', [
						pii.cipher.lookups(h),
						LIMITS.list
					])
				).rows.map(licenceOf),
			byApplicant: async (accountId) =>
				(
					await db.query(
						'SELECT l.doc FROM licences l JOIN cases c ON c.id = l.case_id WHERE c.applicant_id = $1 ORDER BY l.issued_at DESC, l.id DESC LIMIT $2',
						[accountId, LIMITS.list]
					)
				).rows.map(licenceOf),
			put: (l) => licences.put(db, l)
		},
		audit: {
			append: async (e) => void (await insertRows(db, 'audit', AUDIT_COLUMNS, [auditRow(e)])),
			list: async (f = {}) => {
				const p = new Params();
				const w: string[] = [];
				if (f.caseId !== undefined) w.push(`case_id = ${p.add(f.caseId)}`);
				if (f.actorId !== undefined) w.push(`actor_id = ${p.add(f.actorId)}`);
				const limit = p.add(clampLimit(f.limit, LIMITS.recent, LIMITS.list));
				const { rows } = await db.query(`SELECT * FROM audit WHERE ${w.join(' AND ') || 'TRUE'} ORDER BY at DESC, seq DESC LIMIT ${limit}`, p.values);
				return rows.map(auditFromRow);
			},
			...chainRead(db),
			...auditLists(db)
		},
		ratings: {
			...rating,
			...ratingLists(db),
			list: async (f = {}) => {
				const poor = f.poor === undefined ? 'TRUE' : f.poor ? 'grade <= 2' : 'grade > 2';
				const cases = f.caseIds ? 'case_id = ANY($2::text[])' : 'TRUE';
				const { rows } = await db.query(`SELECT doc FROM ratings WHERE ${poor} AND ${cases} ORDER BY created_at DESC, id DESC LIMIT $1`, [
					clampLimit(f.limit, LIMITS.recent, LIMITS.list),
					...(f.caseIds ? [f.caseIds] : [])
				]);
				return rows.map(doc<Rating>);
			},
			create: async (r) => {
				const { count } = await db.query(
					'INSERT INTO ratings (id, case_id, grade, created_at, doc) VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT DO NOTHING',
					[r.id, r.caseId, r.grade, r.createdAt, json(r)]
				);
				if (count) return;
				if (await rating.byCase(r.caseId)) throw new ConflictError('该办件已评价，每件只能评价一次');
				throw new ConflictError(`评价 ${r.id} 已存在`);
			},
			update: async (r, expectedSteps) => {
				const { count } = await db.query(
					`UPDATE ratings SET case_id = $2, grade = $3, created_at = $4, doc = $5::jsonb
					WHERE id = $1 AND ($6::integer IS NULL OR coalesce(jsonb_array_length(doc -> 'followUp' -> 'steps'), 0) = $6::integer)`,
					[r.id, r.caseId, r.grade, r.createdAt, json(r), expectedSteps ?? null]
				);
				if (count) return;
				const current = await rating.get(r.id);
				if (!current) throw new ConflictError(`评价 ${r.id} 不存在`);
				throw new ConflictError(`差评处理已被他人更新（已有 ${stepsOf(current)} 步），请刷新后重试`, current);
			}
		},
		drafts: {
			get: (userId, kind, id) => one('SELECT doc FROM drafts WHERE user_id = $1 AND service_kind = $2 AND service_id = $3', [userId, kind, id], draftOf),
			put: async (d) =>
				void (await db.query(
					`INSERT INTO drafts (user_id, service_kind, service_id, updated_at, doc) VALUES ($1, $2, $3, $4, $5::jsonb)
					ON CONFLICT (user_id, service_kind, service_id) DO UPDATE SET updated_at = EXCLUDED.updated_at, doc = EXCLUDED.doc`,
					[d.userId, d.serviceKind, d.serviceId, d.updatedAt, json(pii.seal('draft', d))]
				)),
			delete: async (userId, kind, id) =>
				(await db.query('DELETE FROM drafts WHERE user_id = $1 AND service_kind = $2 AND service_id = $3', [userId, kind, id])).count > 0,
			listByUser: async (userId) =>
				(
					await db.query('SELECT doc FROM drafts WHERE user_id = $1 ORDER BY updated_at DESC, service_kind COLLATE "C", service_id COLLATE "C" LIMIT $2', [
						userId,
						LIMITS.drafts
					])
				).rows.map(draftOf)
		},
		materialMarks: sqlMaterialMarks(db),
		opinionTemplates: sqlOpinionTemplates(db),
		...sqlCredit(db),
		payments: sqlPayments(db),
		sessions: {
			// lastSeenAt lives in the data column (no migration); sessions made before it count from created_at
			create: async (s) =>
				void (await db.query('INSERT INTO sessions (id, account_id, created_at, expires_at, data) VALUES ($1, $2, $3, $4, $5::jsonb)', [
					s.id,
					s.accountId,
					s.createdAt,
					s.expiresAt,
					json({ lastSeenAt: s.lastSeenAt })
				])),
			get: async (id, now) =>
				one(
					`SELECT id, account_id, created_at, expires_at, COALESCE(data->>'lastSeenAt', created_at) AS last_seen_at FROM sessions WHERE id = $1 AND expires_at > $2`,
					[id, now],
					sessionOf
				),
			delete: async (id) => void (await db.query('DELETE FROM sessions WHERE id = $1', [id])),
			touch: async (id, lastSeenAt) =>
				void (await db.query(`UPDATE sessions SET data = COALESCE(data, '{}'::jsonb) || jsonb_build_object('lastSeenAt', $2::text) WHERE id = $1`, [
					id,
					lastSeenAt
				])),
			withAccount: async (id, now) =>
				one(
					`SELECT s.id, s.account_id, s.created_at, s.expires_at, COALESCE(s.data->>'lastSeenAt', s.created_at) AS last_seen_at, a.doc
					FROM sessions s LEFT JOIN accounts a ON a.id = s.account_id WHERE s.id = $1 AND s.expires_at > $2`,
					[id, now],
					(r) => ({ session: sessionOf(r), account: r.doc ? accountOf(r) : undefined })
				),
			deleteForAccount: async (accountId) => (await db.query('DELETE FROM sessions WHERE account_id = $1 RETURNING id', [accountId])).rows.length,
			purgeExpired: async (now) => (await db.query('DELETE FROM sessions WHERE expires_at <= $1 RETURNING id', [now])).rows.length
		},
		meta: {
			get: async <T>(key: string) => one('SELECT value FROM meta WHERE key = $1', [key], (r) => r.value as T),
			set: async (key, value) =>
				void (await db.query('INSERT INTO meta (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, json(value)]))
		},
		resealPii: sqlReseal(db, pii),
		close: () => db.close()
	};
}
