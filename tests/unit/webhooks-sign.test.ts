// 推送 signing and matching, without a server.
import { describe, expect, it } from 'vitest';
import { inScope, kindsOfEvent } from '../../runtime/core/webhooks';
import { newSecret, sign } from '../../runtime/server/webhooks';

describe('webhook signatures', () => {
	it('reproduce the Standard Webhooks published test vector, so any of its libraries verifies our deliveries', () => {
		const signature = sign('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
		expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
	});

	it('each subscription gets its own secret of 24 random bytes', () => {
		const a = newSecret();
		expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
		expect(newSecret()).not.toBe(a);
	});
});

describe('what a subscription gets', () => {
	const bundleCase = { service: { kind: 'bundle' as const, id: 'bonus-bundle' }, items: ['edu-confirm', 'ovs-confirm'], departments: ['center', 'edu', 'ovs'] };

	it('matches by item, bundle or department, and everything without a scope', () => {
		expect(inScope(undefined, bundleCase)).toBe(true);
		expect(inScope({ kind: 'item', id: 'ovs-confirm' }, bundleCase)).toBe(true);
		expect(inScope({ kind: 'item', id: 'eth-confirm' }, bundleCase)).toBe(false);
		expect(inScope({ kind: 'bundle', id: 'bonus-bundle' }, bundleCase)).toBe(true);
		expect(inScope({ kind: 'bundle', id: 'edu-confirm' }, { ...bundleCase, service: { kind: 'item', id: 'edu-confirm' } })).toBe(false);
		expect(inScope({ kind: 'department', id: 'edu' }, bundleCase)).toBe(true);
		expect(inScope({ kind: 'department', id: 'eth' }, bundleCase)).toBe(false);
	});

	it('every workflow event is a step; accepting, deciding and issuing are also their own kinds', () => {
		expect(kindsOfEvent('PASS')).toEqual(['case.step']);
		expect(kindsOfEvent('ACCEPT')).toEqual(['case.step', 'case.accepted']);
		expect(kindsOfEvent('DENY')).toEqual(['case.step', 'case.decided']);
		expect(kindsOfEvent('ISSUE')).toEqual(['case.step', 'case.issued']);
	});
});
