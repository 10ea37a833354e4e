// 统一公共支付: the interface a payment provider (the province's public payment platform, a bank) implements, and the registry
// the app picks one from (PAYMENT_PROVIDER, default `local`). Callbacks are signed like our webhooks (Standard Webhooks):
//   Payment-Id: the order id · Payment-Timestamp: seconds since the epoch
//   Payment-Signature: v1,<base64 HMAC-SHA256(key, `${id}.${timestamp}.${body}`)>
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface ProviderOrder {
	id: string;
	amountFen: number;
	/** what the payer sees: the service and the 受理编号 */
	subject: string;
}

/** What a verified callback tells: the order was paid. */
export interface PaidNotice {
	orderId: string;
	providerRef: string;
	amountFen: number;
	paidAt: string;
}

export interface PaymentProvider {
	key: string;
	/** shown to the citizen, e.g. 统一公共支付平台（测试） */
	name: string;
	/** opens the order at the provider; `payUrl` is where the citizen pays (absolute, or a path on this site) */
	createOrder(order: ProviderOrder): Promise<{ payUrl: string }>;
	/** checks a callback's signature and age; throws PaymentCallbackError when it is not the provider's */
	verifyCallback(headers: Headers, body: string, now: Date): PaidNotice;
	/** returns the money of a paid order; the provider's refund id */
	refund(order: ProviderOrder & { providerRef: string }, reason: string): Promise<{ providerRef: string }>;
}

export class PaymentCallbackError extends Error {}

/** Callbacks older or newer than this are refused (replays). */
export const CALLBACK_TOLERANCE_S = 300;

const keyOf = (secret: string) => Buffer.from(secret.replace(/^whsec_/, ''), 'base64');

export function signPayment(secret: string, id: string, timestamp: number, body: string): string {
	return `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** Verifies Payment-* headers over the raw body; returns the parsed body. */
export function verifySigned(secret: string, headers: Headers, body: string, now: Date): Record<string, unknown> {
	const id = headers.get('payment-id') ?? '';
	const ts = Number(headers.get('payment-timestamp'));
	const given = headers.get('payment-signature') ?? '';
	if (!id || !Number.isInteger(ts) || !given) throw new PaymentCallbackError('缺少 Payment-Id、Payment-Timestamp 或 Payment-Signature');
	if (Math.abs(now.getTime() / 1000 - ts) > CALLBACK_TOLERANCE_S) throw new PaymentCallbackError('回调时间戳超出允许范围');
	const expected = Buffer.from(signPayment(secret, id, ts, body));
	const ok = given.split(' ').some((s) => {
		const b = Buffer.from(s);
		return b.length === expected.length && timingSafeEqual(b, expected);
	});
	if (!ok) throw new PaymentCallbackError('回调签名不正确');
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		throw new PaymentCallbackError('回调内容不是 JSON');
	}
	if (!parsed || typeof parsed !== 'object' || (parsed as { orderId?: unknown }).orderId !== id) throw new PaymentCallbackError('回调内容与 Payment-Id 不一致');
	return parsed as Record<string, unknown>;
}

/**
 * The local test provider: its pay page is /pay/<order> on this site, where a signed-in payer confirms; it then posts a
 * signed callback to /api/payments/callback exactly as a real platform would. Refunds always succeed. Never for production money.
 */
export class LocalTestProvider implements PaymentProvider {
	readonly key = 'local';
	readonly name = '统一公共支付平台（本地测试）';
	private refunds = 0;
	constructor(private secret: string) {}

	async createOrder(order: ProviderOrder) {
		return { payUrl: `/pay/${encodeURIComponent(order.id)}` };
	}

	/** The callback the platform sends once the payer confirmed: headers and body. */
	paidCallback(order: ProviderOrder, now: Date): { headers: Record<string, string>; body: string } {
		const ts = Math.floor(now.getTime() / 1000);
		const body = JSON.stringify({
			orderId: order.id,
			providerRef: `LOCAL${ts}${order.id.slice(-6).toUpperCase()}`,
			amountFen: order.amountFen,
			paidAt: now.toISOString(),
			status: 'paid'
		});
		return {
			headers: {
				'content-type': 'application/json',
				'payment-id': order.id,
				'payment-timestamp': String(ts),
				'payment-signature': signPayment(this.secret, order.id, ts, body)
			},
			body
		};
	}

	verifyCallback(headers: Headers, body: string, now: Date): PaidNotice {
		const b = verifySigned(this.secret, headers, body, now);
		if (b.status !== 'paid' || typeof b.providerRef !== 'string' || !Number.isInteger(b.amountFen) || typeof b.paidAt !== 'string')
			throw new PaymentCallbackError('回调内容不完整（status、providerRef、amountFen、paidAt）');
		return { orderId: String(b.orderId), providerRef: b.providerRef, amountFen: b.amountFen as number, paidAt: b.paidAt };
	}

	async refund(order: ProviderOrder & { providerRef: string }) {
		return { providerRef: `REFUND-${order.providerRef}-${++this.refunds}` };
	}
}

/** The providers a deployment knows; a real platform's adapter registers itself under its key. */
export class PaymentProviders {
	private byKey = new Map<string, PaymentProvider>();
	register(p: PaymentProvider) {
		this.byKey.set(p.key, p);
		return this;
	}
	get(key: string): PaymentProvider {
		const p = this.byKey.get(key);
		if (!p) throw new Error(`未登记的支付渠道：${key}（已登记：${[...this.byKey.keys()].join('、') || '无'}）`);
		return p;
	}
}
