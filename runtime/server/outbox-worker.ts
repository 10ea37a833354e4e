// The outbox worker: delivers the messages a transaction wrote (notifications, webhooks) after it committed.
// Every process runs one; `store.outbox.claim` hands each due message to one worker only (FOR UPDATE SKIP LOCKED on
// PostgreSQL, a lease of CLAIM_LEASE_MS), so two servers on one database deliver each message once.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { OutboxMessage, Store } from '../core/store';
import type { TimeSource } from '../core/time';
import type { App } from './app';
import { syncTestClock } from './deadlines';
import { startPeriodic } from './periodic';
import { webhookProvider } from './webhooks';

export interface Delivery {
	delivered: boolean;
	error?: string;
	/** the message's payload to store with the outcome (e.g. with the attempt logged) */
	payload?: Record<string, unknown>;
}

/** One way of delivering a channel's messages; throwing counts as a failed attempt. */
export type Provider = (message: OutboxMessage) => Promise<Delivery>;
export type Providers = Partial<Record<OutboxMessage['channel'], Provider>>;

/** Notifications become a log line (an SMS or 闽政通 push provider slots in here); webhooks: runtime/server/webhooks.ts. */
export const logProviders: Providers = {
	notification: async (m) => {
		console.log(`[通知] ${m.id} → ${m.recipientId ?? '-'}：${m.topic}${m.payload.receiptNumber ? ` ${String(m.payload.receiptNumber)}` : ''}`);
		return { delivered: true };
	},
	webhook: async () => ({ delivered: false, error: '未配置 webhook' })
};

/** Waits after the 1st, 2nd, 3rd (and 4th) failed attempt; the 5th failure is final. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000] as const;
export const MAX_ATTEMPTS = 5;

/** What to record after one attempt: sent; pending again after the backoff; or failed after MAX_ATTEMPTS. */
export function settlement(m: OutboxMessage, result: Delivery, now: Date): Parameters<Store['outbox']['settle']>[1] {
	const attempts = m.attempts + 1;
	const at = now.toISOString();
	const payload = result.payload ? { payload: result.payload } : {};
	if (result.delivered) return { status: 'sent', attempts, nextAttemptAt: at, sentAt: at, ...payload };
	const lastError = result.error ?? '投递失败';
	if (attempts >= MAX_ATTEMPTS) return { status: 'failed', attempts, nextAttemptAt: at, lastError, ...payload };
	const delay = RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1];
	return { status: 'pending', attempts, nextAttemptAt: new Date(now.getTime() + delay).toISOString(), lastError, ...payload };
}

export interface OutboxDeps {
	store: Store;
	time: TimeSource;
	providers?: Providers;
	/** names this worker's claims (claimed_by); unique per process */
	worker?: string;
	/** messages claimed at once */
	batch?: number;
}

export const workerId = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** Claims and delivers due messages until none is left; returns how many were sent, retried later, or failed for good. */
export async function deliverDue({ store, time, providers = logProviders, worker = workerId(), batch = 50 }: OutboxDeps) {
	const counts = { sent: 0, retried: 0, failed: 0 };
	for (;;) {
		const claimed = await store.outbox.claim(batch, time.now().toISOString(), worker);
		// a batch at once: one slow webhook receiver (up to its timeout) holds up the batch, never the lease of the rest
		await Promise.all(
			claimed.map(async (m) => {
				const provider = providers[m.channel];
				let result: Delivery;
				try {
					result = provider ? await provider(m) : { delivered: false, error: `没有「${m.channel}」的投递方式` };
				} catch (e) {
					result = { delivered: false, error: e instanceof Error ? e.message : String(e) };
				}
				const outcome = settlement(m, result, time.now());
				await store.outbox.settle(m.id, outcome);
				counts[outcome.status === 'sent' ? 'sent' : outcome.status === 'failed' ? 'failed' : 'retried']++;
			})
		);
		if (claimed.length < batch) return counts;
	}
}

/** Runs the worker at start and every `everyMs` (never two runs at once in this process); returns a stop function. */
export function startOutboxWorker(
	app: App,
	everyMs = 15_000,
	/** replaces the defaults channel by channel (the app passes its notification provider) */
	overrides: Providers = {}
): () => void {
	const providers: Providers = { ...logProviders, webhook: webhookProvider(app.store, () => app.time.now()), ...overrides };
	const worker = workerId();
	const deliver = async () => {
		await syncTestClock(app);
		await deliverDue({ store: app.store, time: app.time, providers, worker });
	};
	return startPeriodic(deliver, everyMs, '消息投递失败');
}
