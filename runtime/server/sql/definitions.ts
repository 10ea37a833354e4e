// Definitions in SQL: records with their immutable published versions, the catalog's index (heads), bulk seeding, and a
// stamp every write changes (kept in meta, written in the write's own transaction) so other processes see a change cheaply.
import { randomUUID } from 'node:crypto';
import { ConflictError, type DefinitionHead, type DefinitionKind, type DefinitionRecord, type PublishedVersion, type Store } from '../../core/store';
import { LIMITS } from '../store-common';
import type { Driver, Queryable, Row } from './driver';
import { insertRows, json } from './rows';

const STAMP_KEY = 'definitions.stamp';
const VERSION_COLUMNS = ['kind', 'id', 'version', 'hash', 'published_at', 'published_by', 'note', 'definition'] as const;
/** rows per statement of the bulk paths (a statement carries its rows as one JSON parameter) */
const CHUNK = 500;

const versionFromRow = (r: Row): PublishedVersion => ({
	version: Number(r.version),
	hash: r.hash as string,
	publishedAt: r.published_at as string,
	publishedBy: r.published_by as string,
	note: r.note as string,
	definition: r.definition
});

const versionRows = (record: DefinitionRecord, versions: PublishedVersion[]) =>
	versions.map((v) => ({
		kind: record.kind,
		id: record.id,
		version: v.version,
		hash: v.hash,
		published_at: v.publishedAt,
		published_by: v.publishedBy,
		note: v.note,
		definition: v.definition
	}));

/** Definition rows plus their published versions, ordered by kind and id. */
async function loadDefinitions(q: Queryable, where: string, params: unknown[], limit: number): Promise<DefinitionRecord[]> {
	const defs = await q.query(`SELECT * FROM definitions WHERE ${where} ORDER BY kind, id LIMIT ${limit}`, params);
	if (!defs.rows.length) return [];
	const vs = await q.query(`SELECT * FROM definition_versions WHERE ${where} ORDER BY kind, id, version`, params);
	const byKey = new Map<string, PublishedVersion[]>();
	for (const v of vs.rows) {
		const key = `${v.kind}\u0000${v.id}`;
		(byKey.get(key) ?? byKey.set(key, []).get(key)!).push(versionFromRow(v));
	}
	return defs.rows.map((d) => {
		const versions = byKey.get(`${d.kind}\u0000${d.id}`) ?? [];
		const record: DefinitionRecord = { kind: d.kind as DefinitionKind, id: d.id as string, rev: Number(d.rev), versions };
		if (d.draft !== null) record.draft = d.draft as DefinitionRecord['draft'];
		return record;
	});
}

const getDefinition = async (q: Queryable, kind: DefinitionKind, id: string) => (await loadDefinitions(q, 'kind = $1 AND id = $2', [kind, id], 1))[0];

const touchStamp = (q: Queryable) =>
	q.query(`INSERT INTO meta (key, value) VALUES ($1, to_jsonb($2::text)) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [STAMP_KEY, randomUUID()]);

export function sqlDefinitions(db: Driver): Store['definitions'] {
	return {
		get: (kind, id) => getDefinition(db, kind, id),
		list: (kind) => (kind ? loadDefinitions(db, 'kind = $1', [kind], LIMITS.definitions) : loadDefinitions(db, 'TRUE', [], LIMITS.definitions)),
		put: (record, expectedRev) =>
			db.transaction(async (q) => {
				const { rows } = await q.query('SELECT rev FROM definitions WHERE kind = $1 AND id = $2 FOR UPDATE', [record.kind, record.id]);
				const stored = rows.length ? Number(rows[0].rev) : 0;
				if (stored !== expectedRev || (expectedRev === 0 && rows.length))
					throw new ConflictError('定义已被他人修改，请刷新后重试', await getDefinition(q, record.kind, record.id));
				const key = [record.kind, record.id];
				const published = (await q.query('SELECT version, hash FROM definition_versions WHERE kind = $1 AND id = $2 ORDER BY version', key)).rows;
				if (published.some((v, i) => record.versions[i]?.version !== Number(v.version) || record.versions[i]?.hash !== v.hash))
					throw new ConflictError('已发布的版本不可更改', await getDefinition(q, record.kind, record.id));
				const draft = json(record.draft);
				if (rows.length) await q.query('UPDATE definitions SET rev = $3, draft = $4::jsonb WHERE kind = $1 AND id = $2', [...key, expectedRev + 1, draft]);
				else {
					const ins = await q.query('INSERT INTO definitions (kind, id, rev, draft) VALUES ($1, $2, 1, $3::jsonb) ON CONFLICT DO NOTHING', [...key, draft]);
					if (!ins.count) throw new ConflictError('定义已被他人创建，请刷新后重试');
				}
				await insertRows(q, 'definition_versions', VERSION_COLUMNS, versionRows(record, record.versions.slice(published.length)));
				await touchStamp(q);
				return (await getDefinition(q, record.kind, record.id))!;
			}),
		heads: async () =>
			(
				await db.query(
					`SELECT d.kind, d.id, d.rev, d.draft IS NOT NULL AS has_draft, v.version, v.hash
					FROM definitions d LEFT JOIN (
						SELECT DISTINCT ON (kind, id) kind, id, version, hash FROM definition_versions ORDER BY kind, id, version DESC
					) v ON v.kind = d.kind AND v.id = d.id
					ORDER BY d.kind, d.id`
				)
			).rows.map((r) => {
				const head: DefinitionHead = { kind: r.kind as DefinitionKind, id: r.id as string, rev: Number(r.rev), draft: r.has_draft === true };
				if (r.version !== null) Object.assign(head, { version: Number(r.version), hash: r.hash as string });
				return head;
			}),
		versions: async (keys) => {
			const out: (PublishedVersion & { kind: DefinitionKind; id: string })[] = [];
			for (let i = 0; i < keys.length; i += CHUNK) {
				const slice = keys.slice(i, i + CHUNK);
				const { rows } = await db.query(
					`SELECT v.* FROM definition_versions v
					JOIN unnest($1::text[], $2::text[], $3::int[]) AS k(kind, id, version) ON v.kind = k.kind AND v.id = k.id AND v.version = k.version`,
					[slice.map((k) => k.kind), slice.map((k) => k.id), slice.map((k) => k.version)]
				);
				for (const r of rows) out.push({ kind: r.kind as DefinitionKind, id: r.id as string, ...versionFromRow(r) });
			}
			return out;
		},
		importMany: (records) =>
			db.transaction(async (q) => {
				let inserted = 0;
				for (let i = 0; i < records.length; i += CHUNK) {
					const slice = records.slice(i, i + CHUNK);
					// only the rows this statement inserted get their versions: a record stored meanwhile is skipped whole
					const { rows } = await q.query(
						`INSERT INTO definitions (kind, id, rev, draft) SELECT kind, id, 1, draft FROM json_populate_recordset(NULL::definitions, $1::json)
						ON CONFLICT DO NOTHING RETURNING kind, id`,
						[JSON.stringify(slice.map((r) => ({ kind: r.kind, id: r.id, draft: r.draft ?? null })))]
					);
					const fresh = new Set(rows.map((r) => `${r.kind}\u0000${r.id}`));
					const versions = slice.filter((r) => fresh.delete(`${r.kind}\u0000${r.id}`)).flatMap((r) => versionRows(r, r.versions));
					await insertRows(q, 'definition_versions', VERSION_COLUMNS, versions);
					inserted += rows.length;
				}
				if (inserted) await touchStamp(q);
				return inserted;
			}),
		stamp: async () => ((await db.query('SELECT value FROM meta WHERE key = $1', [STAMP_KEY])).rows[0]?.value as string | undefined) ?? ''
	};
}
