// 消息中心 over SQL: each recipient's messages by insertion order, newest first; unread ones indexed.
import type { InboxMessage, Store } from '../../core/store';
import { clampLimit, decodeCursor, encodeCursor, LIMITS } from '../store-common';
import type { Driver, Queryable } from './driver';
import { json } from './rows';

export const appendMessage = async (q: Queryable, m: InboxMessage) =>
	void (await q.query('INSERT INTO messages (recipient_id, id, at, read_at, doc) VALUES ($1, $2, $3, $4, $5::jsonb)', [
		m.recipientId,
		m.id,
		m.at,
		m.readAt ?? null,
		json(m)
	]));

const fromRow = (r: { doc: unknown; read_at: string | null }) => ({ ...(r.doc as InboxMessage), ...(r.read_at ? { readAt: r.read_at } : {}) });

export function sqlMessages(db: Driver): Store['messages'] {
	return {
		page: async (recipientId, limit, cursor) => {
			const n = clampLimit(limit, 20, LIMITS.page);
			const params: unknown[] = [recipientId, n + 1];
			let after = '';
			if (cursor) {
				const [seq] = decodeCursor(cursor, 1);
				if (typeof seq !== 'string' || !/^\d+$/.test(seq)) throw new Error('invalid cursor');
				params.push(seq);
				after = ' AND seq < $3::bigint';
			}
			const { rows } = await db.query<{ doc: unknown; read_at: string | null; seq: string }>(
				`SELECT doc, read_at, seq FROM messages WHERE recipient_id = $1${after} ORDER BY seq DESC LIMIT $2`,
				params
			);
			const page = rows.slice(0, n).map(fromRow);
			return rows.length > n ? { rows: page, next: encodeCursor([String(rows[n - 1].seq)]) } : { rows: page };
		},
		unread: async (recipientId) =>
			Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM messages WHERE recipient_id = $1 AND read_at IS NULL', [recipientId])).rows[0].n),
		markRead: async (recipientId, ids, at) => {
			if (ids !== 'all' && !ids.length) return 0;
			const { count } =
				ids === 'all'
					? await db.query('UPDATE messages SET read_at = $2 WHERE recipient_id = $1 AND read_at IS NULL', [recipientId, at])
					: await db.query('UPDATE messages SET read_at = $2 WHERE recipient_id = $1 AND read_at IS NULL AND id = ANY($3::text[])', [
							recipientId,
							at,
							ids.slice(0, LIMITS.list)
						]);
			return count ?? 0;
		}
	};
}
