import { fail } from '@sveltejs/kit';
import { auditEntry } from '$core/audit';
import { getApp } from '$server/app';
import { requireAdmin } from '$server/admin';
import { guardActions } from '$server/body-limits';
import type { Actions, PageServerLoad } from './$types';

/** 通知投递: the SMS and e-mail notifications that failed for good, and those waiting to be retried, with their last error. */
export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const app = await getApp();
	const [failed, pending] = await Promise.all([
		app.store.outbox.list({ channel: 'notification', status: 'failed', limit: 200 }),
		app.store.outbox.list({ channel: 'notification', status: 'pending', limit: 500 })
	]);
	const shown = (list: typeof failed) =>
		list
			.filter((m) => m.status === 'failed' || m.lastError)
			.map((m) => ({
				id: m.id,
				at: m.at,
				caseId: m.caseId,
				receiptNumber: String(m.payload.receiptNumber ?? ''),
				title: String(m.payload.title ?? m.topic),
				recipientId: m.recipientId,
				attempts: m.attempts,
				nextAttemptAt: m.nextAttemptAt,
				lastError: m.lastError ?? ''
			}));
	return { failed: shown(failed), retrying: shown(pending) };
};

export const actions: Actions = guardActions({
	/** a failed notification goes back to the queue for one more round of attempts */
	resend: async (event) => {
		const admin = requireAdmin(event);
		const app = await getApp();
		const id = String((await event.request.formData()).get('id') ?? '');
		const [m] = await app.store.outbox.list({ id, channel: 'notification', status: 'failed', limit: 1 });
		if (!m) return fail(404, { message: '该通知不存在或已不是投递失败状态，请刷新' });
		const now = app.time.now().toISOString();
		await app.store.outbox.settle(id, { status: 'pending', attempts: 0, nextAttemptAt: now, lastError: m.lastError });
		await app.store.audit.append(auditEntry(now, admin.id, 'notification.resend', m.caseId, { message: id }));
		return { resent: id };
	}
});
