// 推送 (webhooks): the administrator subscribes endpoints, reads each delivery's attempts, re-sends dead letters, and keeps
// the department API keys that let a department's own system post its results.
import { getApp } from '$server/app';
import { requireAdmin } from '$server/admin';
import { createApiKey, listApiKeys, revokeApiKey } from '$server/api-keys';
import { guardActions } from '$server/body-limits';
import { withRefusals } from '$server/form-actions';
import { attemptsOf, createSubscription, recentDeliveries, resend, setSubscriptionActive } from '$server/webhooks';
import { loadSubscriptions, WEBHOOK_KIND_LABELS, WEBHOOK_KINDS } from '$core/webhooks';
import { auditEntry } from '$core/audit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const app = await getApp();
	const deliveries = await recentDeliveries(app.store);
	return {
		kinds: WEBHOOK_KINDS.map((k) => ({ id: k, label: WEBHOOK_KIND_LABELS[k] })),
		departments: app.catalog.dictionaries.departments.map((d) => ({ id: d.id, name: d.name })),
		subscriptions: (await loadSubscriptions(app.store)).map(({ secret: _, ...s }) => s),
		keys: (await listApiKeys(app.store)).map(({ hash: _, ...k }) => k),
		deliveries: deliveries.map((m) => ({
			id: m.id,
			topic: m.topic,
			caseId: m.caseId,
			status: m.status,
			attempts: m.attempts,
			lastError: m.lastError,
			log: attemptsOf(m)
		}))
	};
};

/** runs an administrator's change and records it in the audit log */
async function adminDoes<T>(
	event: RequestEvent,
	action: string,
	run: (app: Awaited<ReturnType<typeof getApp>>, f: FormData, at: string) => Promise<T>,
	detail?: (r: T) => Record<string, unknown>
) {
	const actor = requireAdmin(event);
	const app = await getApp();
	const f = await event.request.formData();
	const at = app.time.now().toISOString();
	return withRefusals(async () => {
		const r = await run(app, f, at);
		await app.store.audit.append(auditEntry(at, actor.id, action, undefined, detail?.(r)));
		return r;
	});
}

const text = (f: FormData, k: string) => String(f.get(k) ?? '').trim();

export const actions: Actions = guardActions({
	subscribe: (event) =>
		adminDoes(
			event,
			'webhook.subscribe',
			async (app, f, at) => {
				const kind = text(f, 'scopeKind');
				const input = { url: text(f, 'url'), events: f.getAll('events').map(String), ...(kind ? { scope: { kind, id: text(f, 'scopeId') } } : {}) };
				const sub = await createSubscription(app.store, input, requireAdmin(event).id, at);
				return { created: { id: sub.id, url: sub.url, secret: sub.secret } };
			},
			(r) => ({ subscription: r.created.id })
		),
	toggle: (event) =>
		adminDoes(
			event,
			'webhook.toggle',
			async (app, f) => {
				await setSubscriptionActive(app.store, text(f, 'id'), text(f, 'active') === 'true');
				return { toggled: text(f, 'id') };
			},
			(r) => ({ subscription: r.toggled })
		),
	resend: (event) =>
		adminDoes(
			event,
			'webhook.resend',
			async (app, f) => {
				await resend(app.store, text(f, 'id'), app.time.now());
				return { resent: text(f, 'id') };
			},
			(r) => ({ delivery: r.resent })
		),
	createKey: (event) =>
		adminDoes(
			event,
			'apikey.create',
			async (app, f, at) => {
				const departments = app.catalog.dictionaries.departments.map((d) => d.id);
				const { record, key } = await createApiKey(app.store, departments, text(f, 'department'), text(f, 'name'), requireAdmin(event).id, at);
				return { key: { id: record.id, department: record.department, value: key } };
			},
			(r) => ({ key: r.key.id, department: r.key.department })
		),
	revokeKey: (event) =>
		adminDoes(
			event,
			'apikey.revoke',
			async (app, f, at) => {
				await revokeApiKey(app.store, text(f, 'id'), at);
				return { revoked: text(f, 'id') };
			},
			(r) => ({ key: r.revoked })
		)
});
