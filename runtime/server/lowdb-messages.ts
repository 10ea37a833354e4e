// 消息中心 in the lowdb store: one list in append order (its index is the keyset cursor), newest first.
import type { InboxMessage, Store } from '../core/store';
import { clampLimit, decodeCursor, encodeCursor, LIMITS } from './store-common';

const copy = <T>(v: T): T => structuredClone(v);
interface Unit {
	read(k: 'messages'): InboxMessage[];
	write(k: 'messages'): InboxMessage[];
}
type Run = <T>(fn: (u: Unit) => T | Promise<T>) => Promise<T>;

export function lowdbMessages(data: { messages: InboxMessage[] }, run: Run): Store['messages'] {
	return {
		page: async (recipientId, limit, cursor) => {
			const n = clampLimit(limit, 20, LIMITS.page);
			let before = data.messages.length;
			if (cursor) {
				const [at] = decodeCursor(cursor, 1);
				if (typeof at !== 'number') throw new Error('invalid cursor');
				before = at;
			}
			const rows: { m: InboxMessage; i: number }[] = [];
			for (let i = Math.min(before, data.messages.length) - 1; i >= 0 && rows.length <= n; i--)
				if (data.messages[i].recipientId === recipientId) rows.push({ m: data.messages[i], i });
			const page = rows.slice(0, n).map((r) => copy(r.m));
			return rows.length > n ? { rows: page, next: encodeCursor([rows[n - 1].i]) } : { rows: page };
		},
		unread: async (recipientId) => data.messages.filter((m) => m.recipientId === recipientId && !m.readAt).length,
		markRead: (recipientId, ids, at) =>
			run((u) => {
				const wanted = ids === 'all' ? undefined : new Set(ids);
				const hit = (m: InboxMessage) => m.recipientId === recipientId && !m.readAt && (!wanted || wanted.has(m.id));
				const count = u.read('messages').filter(hit).length;
				if (count) {
					const list = u.write('messages');
					for (let i = 0; i < list.length; i++) if (hit(list[i])) list[i] = { ...list[i], readAt: at };
				}
				return count;
			})
	};
}
