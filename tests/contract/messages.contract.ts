// The store contract for 消息中心: messages written inside a transaction (rolled back with it), each person's newest
// first a page at a time, unread counted, read marks that touch only the recipient's own messages.
import { expect, it } from 'vitest';
import type { InboxMessage, Store } from '../../runtime/core/store';
import { iso, uid } from './fixtures';

const message = (recipientId: string, n: number): InboxMessage => ({
	id: uid('msg'),
	recipientId,
	at: iso(n),
	topic: 'case.ACCEPT',
	caseId: `case-${n}`,
	title: `第 ${n} 条`,
	lines: [`第 ${n} 条的说明`],
	link: `/cases/case-${n}`
});

export function messagesContract(s: () => Store) {
	it('keeps each person’s messages, newest first a page at a time; counts and marks the unread ones', async () => {
		const me = uid('citizen');
		const other = uid('citizen');
		const mine = Array.from({ length: 5 }, (_, i) => message(me, i + 1));
		await s().transaction(async (tx) => {
			for (const m of mine) await tx.messages.append(m);
			await tx.messages.append(message(other, 9));
		});
		// a transaction that fails writes none
		await s()
			.transaction(async (tx) => {
				await tx.messages.append(message(me, 10));
				throw new Error('rolled back');
			})
			.catch(() => undefined);
		const first = await s().messages.page(me, 2);
		expect(first.rows.map((m) => m.title)).toEqual(['第 5 条', '第 4 条']);
		expect(first.rows[0]).toEqual(mine[4]);
		const second = await s().messages.page(me, 2, first.next);
		const third = await s().messages.page(me, 2, second.next);
		expect([...second.rows, ...third.rows].map((m) => m.title)).toEqual(['第 3 条', '第 2 条', '第 1 条']);
		expect(third.next).toBeUndefined();
		expect(await s().messages.unread(me)).toBe(5);

		const at = iso(20);
		expect(await s().messages.markRead(me, [mine[4].id, mine[3].id, (await s().messages.page(other)).rows[0].id], at)).toBe(2);
		expect(await s().messages.unread(me)).toBe(3);
		expect(await s().messages.unread(other)).toBe(1);
		expect((await s().messages.page(me, 1)).rows[0].readAt).toBe(at);
		expect(await s().messages.markRead(me, 'all', at)).toBe(3);
		expect(await s().messages.unread(me)).toBe(0);
		expect(await s().messages.markRead(me, 'all', at)).toBe(0);
		await expect(s().messages.page(me, 2, 'not-a-cursor')).rejects.toThrow();
	});
}
