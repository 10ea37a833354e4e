// Webhook delivery (推送) after the Standard Webhooks convention (standardwebhooks.com): each POST carries
//   Webhook-Id: the outbox row id (the idempotency key; the same on every retry and re-send)
//   Webhook-Timestamp: seconds since the epoch
//   Webhook-Signature: v1,<base64 HMAC-SHA256(key, `${id}.${timestamp}.${body}`)>, key = base64-decoded secret after `whsec_`
// Subscriptions live in store.meta (runtime/core/webhooks.ts); each delivery's attempts are logged in its outbox row, bounded.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { HttpError, invalid, notFound } from '../core/errors';
import type { OutboxMessage, Store } from '../core/store';
import { loadSubscriptions, SUBSCRIPTIONS_KEY, WEBHOOK_KINDS, type WebhookSubscription } from '../core/webhooks';
import type { Delivery, Provider } from './outbox-worker';

export const DELIVERY_TIMEOUT_MS = 10_000;
/** bytes of a request or response body kept in the attempt log */
const EXCERPT = 2000;
/** attempts kept per delivery (the latest) */
const KEPT_ATTEMPTS = 10;

export interface DeliveryAttempt {
	attempt: number;
	at: string;
	durationMs: number;
	request: { url: string; headers: Record<string, string>; body: string };
	response?: { status: number; body: string };
	error?: string;
}

const excerpt = (s: string) => (s.length > EXCERPT ? `${s.slice(0, EXCERPT)}…（共 ${s.length} 字符）` : s);

/** The signing key of a `whsec_…` secret. */
const keyOf = (secret: string) => Buffer.from(secret.replace(/^whsec_/, ''), 'base64');

export function sign(secret: string, id: string, timestamp: number, body: string): string {
	return `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/** https anywhere; plain http only to this machine (development and tests). */
function checkUrl(raw: string): string | undefined {
	let u: URL;
	try {
		u = new URL(raw);
	} catch {
		return '不是有效的网址';
	}
	if (u.protocol === 'https:') return undefined;
	if (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return undefined;
	return '须为 https 地址（本机测试可用 http://127.0.0.1 或 http://localhost）';
}

export const SubscriptionInput = z.strictObject({
	url: z.string().trim().min(1, '请填写接收地址').max(2000),
	events: z.array(z.enum(WEBHOOK_KINDS, { message: `事件类型应为 ${WEBHOOK_KINDS.join('、')} 之一` })).min(1, '请至少选择一种事件'),
	scope: z
		.strictObject({
			kind: z.enum(['item', 'bundle', 'department'], { message: '范围应为 item、bundle 或 department' }),
			id: z.string().min(1, '请填写范围的编码')
		})
		.optional()
});

export async function createSubscription(store: Store, raw: unknown, by: string, at: string): Promise<WebhookSubscription> {
	const parsed = SubscriptionInput.safeParse(raw);
	if (!parsed.success)
		throw invalid(
			'订阅设置不正确',
			parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
		);
	const bad = checkUrl(parsed.data.url);
	if (bad) throw invalid('订阅设置不正确', [{ path: 'url', message: bad }]);
	const sub: WebhookSubscription = {
		id: `sub_${randomUUID().slice(0, 12)}`,
		url: parsed.data.url,
		secret: newSecret(),
		events: [...new Set(parsed.data.events)],
		...(parsed.data.scope ? { scope: parsed.data.scope } : {}),
		active: true,
		createdAt: at,
		createdBy: by
	};
	await store.meta.set(SUBSCRIPTIONS_KEY, [...(await loadSubscriptions(store)), sub]);
	return sub;
}

export async function setSubscriptionActive(store: Store, id: string, active: boolean) {
	const subs = await loadSubscriptions(store);
	if (!subs.some((s) => s.id === id)) throw notFound(`订阅「${id}」`);
	await store.meta.set(
		SUBSCRIPTIONS_KEY,
		subs.map((s) => (s.id === id ? { ...s, active } : s))
	);
}

/** the attempts logged in a delivery's outbox row */
export const attemptsOf = (m: OutboxMessage) => (Array.isArray(m.payload.log) ? (m.payload.log as DeliveryAttempt[]) : []);

/** The outbox's webhook provider: one signed POST per attempt, 2xx = delivered, every attempt logged. */
export function webhookProvider(store: Store, now: () => Date = () => new Date()): Provider {
	return async (m: OutboxMessage): Promise<Delivery> => {
		const sub = (await loadSubscriptions(store)).find((s) => s.id === m.recipientId);
		if (!sub) return { delivered: false, error: '订阅已删除' };
		if (!sub.active) return { delivered: false, error: '订阅已停用' };
		const body = JSON.stringify(m.payload.body);
		// the receiver compares the timestamp with its own clock: the wall clock, not a test clock
		const timestamp = Math.floor(Date.now() / 1000);
		const headers = {
			'content-type': 'application/json',
			'user-agent': 'OneThing-Webhooks/1',
			'webhook-id': m.id,
			'webhook-timestamp': String(timestamp),
			'webhook-signature': sign(sub.secret, m.id, timestamp, body)
		};
		const started = performance.now();
		const attempt: DeliveryAttempt = {
			attempt: m.attempts + 1,
			at: now().toISOString(),
			durationMs: 0,
			request: { url: sub.url, headers: { ...headers, 'webhook-signature': 'v1,…' }, body: excerpt(body) }
		};
		let result: Delivery;
		try {
			const res = await fetch(sub.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) });
			attempt.response = { status: res.status, body: excerpt(await res.text().catch(() => '')) };
			result = res.ok ? { delivered: true } : { delivered: false, error: `接收方答复 HTTP ${res.status}` };
		} catch (e) {
			const name = (e as Error).name;
			attempt.error = name === 'TimeoutError' ? `${DELIVERY_TIMEOUT_MS / 1000} 秒内无答复` : (e as Error).message;
			result = { delivered: false, error: attempt.error };
		}
		attempt.durationMs = Math.round(performance.now() - started);
		return { ...result, payload: { ...m.payload, log: [...attemptsOf(m), attempt].slice(-KEPT_ATTEMPTS) } };
	};
}

/** The latest webhook deliveries, newest first (dead letters first of all). */
export async function recentDeliveries(store: Store, limit = 100) {
	const failed = await store.outbox.list({ channel: 'webhook', status: 'failed', newest: true, limit });
	const latest = await store.outbox.list({ channel: 'webhook', newest: true, limit });
	return [...failed, ...latest.filter((m) => m.status !== 'failed')].slice(0, limit);
}

/** Re-sends a dead letter: pending again now, with the same id (the receiver's idempotency key); one more failure ends it again. */
export async function resend(store: Store, id: string, now: Date) {
	const [m] = await store.outbox.list({ id, channel: 'webhook', status: 'failed' });
	if (!m) throw new HttpError(409, `投递「${id}」不在死信中，无需重发`);
	await store.outbox.settle(id, { status: 'pending', attempts: m.attempts, nextAttemptAt: now.toISOString(), lastError: m.lastError });
}
