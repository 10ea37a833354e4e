// 统一公共支付 over the API, against the built server: the provider's callback pays an order once (a replay gets the same
// answer), a wrong amount or an old or unsigned callback pays nothing, a new order closes the unpaid one, and a withdrawn
// case is refunded. Needs `npx vite build` first.
import { describe, expect, it } from 'vitest';
import { signPayment } from '../../runtime/core/payments/provider';
import { provideMaterials } from './helpers/catalog-data';
import type { Client } from './helpers/server';
import { useServer } from './helpers/use-server';

const SECRET = `whsec_${Buffer.from('payments-api-test-secret-123').toString('base64')}`;
const server = useServer({ env: { PAYMENT_LOCAL_SECRET: SECRET } });
const SERVICE = { kind: 'item', id: 'putonghua-ceshi' } as const;

async function apply(citizen: Client): Promise<string> {
	const svc = (await citizen.post('/api/compose', { service: SERVICE, answers: {} })).body;
	const r = await citizen.post('/api/cases', {
		service: SERVICE,
		answers: {},
		data: { applicant_name: '张三', applicant_idNumber: '350502198506122344', contact_phone: '13805951234', workUnit: '泉州市第五中学' },
		materials: await provideMaterials(server.url, citizen, svc.materials),
		consents: { licenceFetch: true }
	});
	expect(r.status, JSON.stringify(r.body)).toBe(201);
	return r.body.id;
}

/** The provider's callback for an order, signed with the configured key (or another), at `at` seconds. */
function callback(orderId: string, amountFen: number, o: { at?: number; secret?: string; ref?: string } = {}) {
	const ts = o.at ?? Math.floor(Date.now() / 1000);
	const body = JSON.stringify({ orderId, providerRef: o.ref ?? `REF-${orderId}`, amountFen, paidAt: new Date(ts * 1000).toISOString(), status: 'paid' });
	return fetch(`${server.url}/api/payments/callback`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'payment-id': orderId,
			'payment-timestamp': String(ts),
			'payment-signature': signPayment(o.secret ?? SECRET, orderId, ts, body)
		},
		body
	}).then(async (r) => ({ status: r.status, body: await r.json() }));
}

describe('payments API', () => {
	it('pays an order once, refuses wrong amounts and unsigned or old callbacks, and refunds a withdrawn case', { timeout: 120_000 }, async () => {
		const citizen = await server.as('zhangsan');
		const id = await apply(citizen);
		const before = (await citizen.get(`/api/cases/${id}/payments`)).body;
		expect(before).toMatchObject({ dueFen: 5000, paidFen: 0, payable: true, orders: [] });

		const first = await citizen.post(`/api/cases/${id}/payments`, {});
		expect(first.status).toBe(201);
		expect(first.body.payUrl).toBe(`/pay/${first.body.order.id}`);
		// a second order (the citizen came back later) closes the first, which can no longer be paid
		const second = (await citizen.post(`/api/cases/${id}/payments`, {})).body.order;
		expect((await callback(first.body.order.id, 5000)).status).toBe(409);

		expect(await callback(second.id, 4999)).toMatchObject({ status: 422, body: { message: '回调金额 49.99 元 与订单金额 50.00 元 不符' } });
		expect(await callback(second.id, 5000, { at: Math.floor(Date.now() / 1000) - 3600 })).toMatchObject({
			status: 401,
			body: { message: '回调时间戳超出允许范围' }
		});
		expect((await callback(second.id, 5000, { secret: `whsec_${Buffer.from('not-the-provider-key-000').toString('base64')}` })).status).toBe(401);

		const paid = await callback(second.id, 5000);
		expect(paid.status).toBe(200);
		expect(paid.body).toMatchObject({ ok: true, order: second.id, status: 'paid' });
		expect(paid.body.receipt).toMatch(/^PJ\d{12}$/);
		// the provider retries: the same answer, one 票据
		expect(await callback(second.id, 5000)).toEqual(paid);
		const after = (await citizen.get(`/api/cases/${id}/payments`)).body;
		expect(after.orders.map((o: { status: string }) => o.status)).toEqual(['closed', 'paid']);
		expect(after).toMatchObject({ dueFen: 0, paidFen: 5000, payable: false });

		const version = (await citizen.get(`/api/cases/${id}`)).body.case.version;
		expect((await citizen.post(`/api/cases/${id}/events`, { type: 'WITHDRAW', version, reason: '报名时间冲突' })).status).toBe(200);
		const refunded = (await citizen.get(`/api/cases/${id}/payments`)).body;
		expect(refunded.orders.map((o: { status: string }) => o.status)).toEqual(['closed', 'refunded']);
		expect(refunded.orders[1].refund.reason).toBe('申请人撤回，全额退费');
		expect(refunded.orders[1].receipt.number).toBe(paid.body.receipt);
		expect((await citizen.post(`/api/cases/${id}/payments`, {})).status).toBe(409);

		const admin = await server.as('admin');
		const actions = (await admin.get(`/api/audit?case=${id}&limit=200`)).body;
		const names = actions.entries.map((e: { action: string }) => e.action);
		expect(names.filter((a: string) => a === 'payment.paid')).toHaveLength(1);
		expect(names).toContain('payment.refund');
	});
});
