// The 受理 message names the last day to hand in a 容缺 material, not the midnight after it.
import { describe, expect, it } from 'vitest';
import { applicantMessage } from '../../runtime/core/cases/messages';

describe('受理 message', () => {
	it('gives a 容缺 deadline ending 2026-12-04 (midnight into the 5th, UTC+8) as 12月4日', () => {
		const c = {
			id: 'c1',
			applicantId: 'u1',
			receiptNumber: 'R1',
			service: { name: '测试事项' },
			state: { machine: { context: { pending: [{ material: 'm1', dueAt: '2026-12-04T16:00:00.000Z' }] } } }
		};
		const service = { materials: [{ id: 'm1', name: '营业执照' }] };
		const m = applicantMessage(c as never, { type: 'ACCEPT', payload: {} } as never, service as never, '2026-11-27T02:00:00Z');
		expect(m?.lines[0]).toContain('12月4日');
		expect(m?.lines[0]).not.toContain('12月5日');
		expect(m?.lines[0]).toContain('营业执照');
	});
});
