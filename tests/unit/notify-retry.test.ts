// A notification retried after its e-mail failed does not text the citizen again.
import { describe, expect, it } from 'vitest';
import { notificationProvider, type Channel } from '../../runtime/server/notify';
import type { OutboxMessage } from '../../runtime/core/store';

describe('notification retries', () => {
	it('resends only the channel that failed', async () => {
		const texts: string[] = [];
		let mailUp = false;
		const sms: Channel = { send: async (to) => void texts.push(to) };
		const email: Channel = {
			send: async () => {
				if (!mailUp) throw new Error('连接邮件服务器失败');
			}
		};
		const account = { id: 'u1', profile: { phone: '13905951234', notify: { sms: true, email: 'a@example.cn' } } };
		const provider = notificationProvider({ accounts: { get: async () => account } } as never, { sms, email });
		let m = { id: 'm1', recipientId: 'u1', topic: 'case.ACCEPT', attempts: 0, payload: { title: '已受理', lines: [] } } as unknown as OutboxMessage;
		const first = await provider(m);
		expect(first.delivered).toBe(false);
		expect(first.error).toContain('电子邮件');
		m = { ...m, attempts: 1, payload: first.payload ?? m.payload };
		mailUp = true;
		expect((await provider(m)).delivered).toBe(true);
		expect(texts).toEqual(['13905951234']);
	});
});
