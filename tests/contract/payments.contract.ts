// The store contract for 统一公共支付 orders: created with their audit entry, listed per case oldest first, and moved
// through their statuses by compare-and-set, so a provider's repeated callback or two refunds at once count once.
import { expect, it } from 'vitest';
import { ConflictError, type PaymentOrder, type Store } from '../../runtime/core/store';
import { audit, iso, uid } from './fixtures';

const order = (caseId: string, o: Partial<PaymentOrder> = {}): PaymentOrder => ({
	id: uid('PAY'),
	caseId,
	applicantId: 'u-citizen',
	provider: 'local',
	amountFen: 5000,
	lines: [{ item: 'putonghua-ceshi', name: '普通话水平测试费', basis: '省级价格主管部门核定标准', quantity: 1, fen: 5000 }],
	status: 'created',
	createdAt: iso(10),
	...o
});

const conflict = async (p: Promise<unknown>) => {
	const e = await p.then(
		() => undefined,
		(x: unknown) => x
	);
	expect(e).toBeInstanceOf(ConflictError);
	return e as ConflictError;
};

export function paymentsContract(s: () => Store) {
	it('keeps a case’s payment orders oldest first, each write with its audit entry', async () => {
		const store = s();
		const caseId = uid('case');
		const later = order(caseId, { createdAt: iso(20) });
		const first = order(caseId, { createdAt: iso(5), amountFen: 1250 });
		await store.payments.create(later, audit({ caseId, action: 'payment.order' }));
		await store.payments.create(first, audit({ caseId, action: 'payment.order' }));
		await store.payments.create(order(uid('case')), audit({ action: 'payment.order' }));
		expect((await store.payments.forCase(caseId)).map((o) => o.id)).toEqual([first.id, later.id]);
		expect(await store.payments.get(first.id)).toStrictEqual(first);
		expect(await store.payments.get(uid('PAY'))).toBeUndefined();
		expect(await store.payments.forCase(uid('case'))).toEqual([]);
		await conflict(store.payments.create(first, audit({ caseId, action: 'payment.order' })));
		expect((await store.audit.list({ caseId })).filter((e) => e.action === 'payment.order')).toHaveLength(2);
	});

	it('moves an order on only from the status it expects: a second callback or refund is refused with the current order', async () => {
		const store = s();
		const caseId = uid('case');
		const o = order(caseId);
		await store.payments.create(o, audit({ caseId, action: 'payment.order' }));
		const paid: PaymentOrder = {
			...o,
			status: 'paid',
			providerRef: 'LOCAL-1',
			paidAt: iso(11),
			receipt: { number: 'PJ202600000001', issuedAt: iso(11), payer: '张三' }
		};
		// two callbacks for the same order at once: exactly one pays it
		const outcomes = await Promise.allSettled([
			store.payments.update(paid, 'created', audit({ caseId, action: 'payment.paid' })),
			store.payments.update({ ...paid, providerRef: 'LOCAL-2' }, 'created', audit({ caseId, action: 'payment.paid' }))
		]);
		expect(outcomes.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
		const refused = outcomes.find((x) => x.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(ConflictError);
		const stored = (await store.payments.get(o.id))!;
		expect(stored.status).toBe('paid');
		expect((refused.reason as ConflictError).current).toStrictEqual(stored);
		expect((await store.audit.list({ caseId })).filter((e) => e.action === 'payment.paid')).toHaveLength(1);

		const refunded = await store.payments.update(
			{ ...stored, status: 'refunded', refund: { at: iso(30), reason: '不予许可，全额退费', providerRef: 'R-1' } },
			'paid',
			audit({ caseId, action: 'payment.refund' })
		);
		expect(await store.payments.get(o.id)).toStrictEqual(refunded);
		await conflict(store.payments.update({ ...refunded, refund: { at: iso(31), reason: '再次退费' } }, 'paid', audit({ caseId, action: 'payment.refund' })));
		await conflict(store.payments.update({ ...o, id: uid('PAY') }, 'created', audit({ caseId, action: 'payment.close' })));
		expect((await store.payments.get(o.id))!.refund!.reason).toBe('不予许可，全额退费');
	});
}
