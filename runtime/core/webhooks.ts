// Webhooks (推送): administrators' subscriptions, and the outbox rows (channel 'webhook') a case event fans out to, written
// in the transaction of what they tell. Delivery, signing and the attempt log: runtime/server/webhooks.ts.
import { randomUUID } from 'node:crypto';
import { walkStates } from './workflow/graph';
import type { ComposedService } from './compose';
import type { CaseEvent, CaseRecord, OutboxMessage, Store, StoreTx } from './store';

/** What a subscription may ask for. `case.step` is every workflow event (accepting and deciding included). */
export const WEBHOOK_KINDS = ['case.submitted', 'case.accepted', 'case.step', 'case.decided', 'case.issued', 'rating.created', 'licence.revoked'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

export const WEBHOOK_KIND_LABELS: Record<WebhookKind, string> = {
	'case.submitted': '申请提交',
	'case.accepted': '受理',
	'case.step': '每个办理环节',
	'case.decided': '审批决定',
	'case.issued': '出件',
	'rating.created': '评价',
	'licence.revoked': '证照撤销'
};

export interface WebhookScope {
	kind: 'item' | 'bundle' | 'department';
	id: string;
}

export interface WebhookSubscription {
	id: string;
	url: string;
	/** the HMAC-SHA256 key; shown once when created */
	secret: string;
	events: WebhookKind[];
	/** absent: every case */
	scope?: WebhookScope;
	active: boolean;
	createdAt: string;
	createdBy: string;
}

/** store.meta key of the subscription list (a handful per centre, written by administrators only) */
export const SUBSCRIPTIONS_KEY = 'webhooks.subscriptions';

export const loadSubscriptions = async (store: Pick<Store, 'meta'>) => (await store.meta.get<WebhookSubscription[]>(SUBSCRIPTIONS_KEY)) ?? [];

/** What a case touches, for matching scopes: its service, the items it handles and the departments that act on it. */
export interface CaseScope {
	service: { kind: 'item' | 'bundle'; id: string };
	items: string[];
	departments: string[];
}

export function scopeOf(service: ComposedService): CaseScope {
	const items = service.kind === 'item' ? [service.id] : service.members.filter((m) => m.included).map((m) => m.item);
	const departments = new Set(service.members.filter((m) => m.included).map((m) => m.department));
	for (const e of walkStates(service.workflow)) if (e.node.meta?.department) departments.add(e.node.meta.department);
	return { service: { kind: service.kind, id: service.id }, items, departments: [...departments] };
}

export function inScope(scope: WebhookScope | undefined, c: CaseScope): boolean {
	if (!scope) return true;
	if (scope.kind === 'department') return c.departments.includes(scope.id);
	if (scope.kind === 'item') return c.items.includes(scope.id);
	return c.service.kind === 'bundle' && c.service.id === scope.id;
}

/** The kinds a workflow event is: always a step, and accepted / decided / issued where it is one. */
export function kindsOfEvent(type: string): WebhookKind[] {
	const kinds: WebhookKind[] = ['case.step'];
	if (type === 'ACCEPT') kinds.push('case.accepted');
	if (type === 'APPROVE' || type === 'DENY') kinds.push('case.decided');
	if (type === 'ISSUE') kinds.push('case.issued');
	return kinds;
}

/** The most specific of `kinds` the subscription asked for (one delivery per subscription and event). */
function topicFor(sub: WebhookSubscription, kinds: WebhookKind[]): WebhookKind | undefined {
	return [...kinds].reverse().find((k) => sub.events.includes(k));
}

/** One outbox row per active subscription that asked for one of `kinds` within its scope; the row id is the idempotency key. */
export function webhookMessages(
	subs: WebhookSubscription[],
	kinds: WebhookKind[],
	scope: CaseScope,
	caseId: string,
	at: string,
	data: Record<string, unknown>
) {
	const out: OutboxMessage[] = [];
	for (const sub of subs) {
		const topic = sub.active && inScope(sub.scope, scope) ? topicFor(sub, kinds) : undefined;
		if (!topic) continue;
		const id = `wh_${randomUUID()}`;
		out.push({
			id,
			at,
			channel: 'webhook',
			topic,
			caseId,
			recipientId: sub.id,
			// body: what is POSTed; log: each attempt (runtime/server/webhooks.ts)
			payload: { body: { id, type: topic, timestamp: at, data }, log: [] },
			status: 'pending',
			attempts: 0,
			nextAttemptAt: at
		});
	}
	return out;
}

/** What a delivery tells of a case: no personal data, only identifiers and the step. */
export function caseData(c: Pick<CaseRecord, 'id' | 'receiptNumber' | 'service' | 'status' | 'version'>, event?: CaseEvent) {
	return {
		caseId: c.id,
		receiptNumber: c.receiptNumber,
		service: c.service,
		status: c.status,
		version: c.version,
		...(event
			? {
					event: {
						seq: event.seq,
						type: event.type,
						at: event.at,
						...(event.branch ? { branch: event.branch } : {}),
						actor: { roles: event.actor.roles, ...(event.actor.department ? { department: event.actor.department } : {}) },
						state: event.stateAfter
					}
				}
			: {})
	};
}

/** Fans case facts out to subscriptions: read the subscriptions before the transaction, append inside it. */
export class WebhookFanout {
	constructor(
		private store: Pick<Store, 'meta'>,
		private compose: (c: CaseRecord) => Promise<ComposedService>
	) {}

	subscriptions = () => loadSubscriptions(this.store);

	/** the rows for a fact about a case outside the workflow (rating, licence revocation) */
	async forCase(c: CaseRecord, kind: WebhookKind, at: string, extra: Record<string, unknown>) {
		const subs = (await this.subscriptions()).filter((s) => s.active && s.events.includes(kind));
		if (!subs.length) return [];
		return webhookMessages(subs, [kind], scopeOf(await this.compose(c)), c.id, at, { ...caseData(c), ...extra });
	}

	static async append(tx: StoreTx, rows: OutboxMessage[]) {
		for (const m of rows) await tx.outbox.append(m);
	}
}
