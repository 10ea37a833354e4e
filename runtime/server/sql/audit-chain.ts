// The audit chain in SQL: the chain columns of `audit` and the one-row `audit_chain` (migration 5). Appends never touch
// them; the sealer (one at a time across processes, by a transaction-scoped advisory lock) links unsealed rows in
// `seq` order (the insert order) and moves the head; the archiver removes the oldest links and keeps their last as the anchor.
import { ConflictError, type AuditChainState, type AuditLink, type HashAlg, type SealedAuditEntry } from '../../core/store';
import type { Queryable, Row } from './driver';
import { auditFromRow } from './rows';

/** Arbitrary constant naming the chain's sealing lock (pg_try_advisory_xact_lock's bigint key). */
const CHAIN_LOCK = 7_410_221_002;

const linkFromRow = (r: Row): AuditLink => ({
	seq: Number(r.chain_seq),
	prevHash: r.prev_hash as string,
	hash: r.hash as string,
	alg: r.hash_alg as HashAlg
});

export const sealedFromRow = (r: Row): SealedAuditEntry => ({ entry: auditFromRow(r), link: linkFromRow(r) });

export async function chainState(q: Queryable): Promise<AuditChainState> {
	const r = (await q.query('SELECT * FROM audit_chain')).rows[0];
	if (!r) throw new Error('audit_chain 表缺少状态行（迁移 5 未完成）');
	const anchor: AuditChainState['anchor'] = { seq: Number(r.anchor_seq), hash: r.anchor_hash as string };
	if (r.anchor_at !== null) anchor.at = r.anchor_at as string;
	return { head: { seq: Number(r.head_seq), hash: r.head_hash as string }, anchor };
}

/** The transaction half: what the sealer and the archiver do with the chain locked. */
export const chainTx = (q: Queryable) => ({
	lockChain: async () => (await q.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [CHAIN_LOCK])).rows[0].ok === true,
	chainState: () => chainState(q),
	unsealed: async (limit: number) =>
		(await q.query('SELECT * FROM audit WHERE chain_seq IS NULL ORDER BY seq LIMIT $1', [Math.max(0, Math.floor(limit))])).rows.map((r) => ({
			ref: String(r.seq),
			entry: auditFromRow(r)
		})),
	seal: async (links: { ref: string; link: AuditLink }[]) => {
		if (!links.length) return;
		const rows = links.map(({ ref, link }) => ({ seq: Number(ref), chain_seq: link.seq, prev_hash: link.prevHash, hash: link.hash, hash_alg: link.alg }));
		const { count } = await q.query(
			`UPDATE audit a SET chain_seq = x.chain_seq, prev_hash = x.prev_hash, hash = x.hash, hash_alg = x.hash_alg
			FROM json_to_recordset($1::json) AS x(seq bigint, chain_seq bigint, prev_hash text, hash text, hash_alg text)
			WHERE a.seq = x.seq AND a.chain_seq IS NULL`,
			[JSON.stringify(rows)]
		);
		if (count !== links.length) throw new ConflictError(`审计记录封存冲突：应封存 ${links.length} 条，实际 ${count} 条（已被封存或已不存在）`);
		const last = links[links.length - 1].link;
		await q.query('UPDATE audit_chain SET head_seq = $1, head_hash = $2', [last.seq, last.hash]);
	},
	prune: async (throughSeq: number) => {
		const state = await chainState(q);
		if (throughSeq <= state.anchor.seq) return 0;
		if (throughSeq > state.head.seq) throw new ConflictError(`只能归档已封存的记录：第 ${throughSeq} 条尚未封存（当前封存到第 ${state.head.seq} 条）`);
		const last = (await q.query('SELECT hash, at FROM audit WHERE chain_seq = $1', [throughSeq])).rows[0];
		if (!last) throw new ConflictError(`审计链第 ${throughSeq} 条不存在，无法作为归档锚点`);
		const { count } = await q.query('DELETE FROM audit WHERE chain_seq IS NOT NULL AND chain_seq <= $1', [throughSeq]);
		await q.query('UPDATE audit_chain SET anchor_seq = $1, anchor_hash = $2, anchor_at = $3', [throughSeq, last.hash, last.at]);
		return count;
	}
});

/** The read half, outside transactions. */
export const chainRead = (q: Queryable) => ({
	chain: async (afterSeq: number, limit: number) =>
		(await q.query('SELECT * FROM audit WHERE chain_seq > $1 ORDER BY chain_seq LIMIT $2', [afterSeq, Math.max(0, Math.floor(limit))])).rows.map(sealedFromRow),
	chainState: () => chainState(q),
	pending: async () => {
		const r = (await q.query('SELECT count(*) AS n, min(at) AS oldest FROM audit WHERE chain_seq IS NULL')).rows[0];
		const out: { count: number; oldestAt?: string } = { count: Number(r.n) };
		if (r.oldest !== null) out.oldestAt = r.oldest as string;
		return out;
	}
});
