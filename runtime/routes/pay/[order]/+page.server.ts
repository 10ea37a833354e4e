// The local test provider's pay page (a real platform's page lives on its own site): the payer confirms, and the platform
// posts its signed callback to /api/payments/callback as it would from outside.
import { error, fail, redirect } from '@sveltejs/kit';
import { formatYuan } from '$core/payments/fees';
import { LocalTestProvider } from '$core/payments/provider';
import { getApp } from '$server/app';
import { orError } from '$server/portal';
import { requireSignedIn } from '$server/staff';
import { guardActions } from '$server/body-limits';
import type { Actions, PageServerLoad } from './$types';

const STATUS: Record<string, string> = { created: '待支付', paid: '支付', refunded: '退款', closed: '关闭' };

export const load: PageServerLoad = async (event) => {
	const actor = requireSignedIn(event);
	const app = await getApp();
	const { order, subject } = await orError(app.payments.orderFor(actor, event.params.order));
	return {
		provider: app.payments.providers.get(order.provider).name,
		order: {
			id: order.id,
			caseId: order.caseId,
			subject,
			amount: formatYuan(order.amountFen),
			lines: order.lines.map((l) => ({ name: l.name, amount: formatYuan(l.fen) })),
			open: order.status === 'created',
			status: STATUS[order.status],
			mine: order.applicantId === actor.id
		}
	};
};

export const actions: Actions = guardActions({
	confirm: async (event) => {
		const actor = requireSignedIn(event);
		const app = await getApp();
		const { order, subject } = await orError(app.payments.orderFor(actor, event.params.order));
		if (order.applicantId !== actor.id) error(403, '只有申请人本人可以支付');
		const provider = app.payments.providers.get(order.provider);
		if (!(provider instanceof LocalTestProvider)) error(404, '该订单不在本地测试渠道支付');
		if (order.status !== 'created') return fail(409, { message: `该订单已${STATUS[order.status]}` });
		const cb = provider.paidCallback({ id: order.id, amountFen: order.amountFen, subject }, app.time.now());
		const res = await event.fetch('/api/payments/callback', { method: 'POST', headers: cb.headers, body: cb.body });
		if (!res.ok) return fail(res.status, { message: ((await res.json().catch(() => ({}))) as { message?: string }).message ?? '支付失败' });
		redirect(303, `/cases/${encodeURIComponent(order.caseId)}?paid`);
	}
});
