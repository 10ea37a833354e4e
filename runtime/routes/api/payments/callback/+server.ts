import { HttpError } from '$core/errors';
import { api } from '$server/http';

/** Callbacks are small JSON documents: anything larger is not the provider's. */
const MAX = 16 * 1024;

/**
 * The payment provider's callback (no sign-in: its Payment-Signature is the proof). The order is paid once and its 票据
 * numbered; a repeated callback gets the same answer. 401 on a bad signature or an old timestamp.
 */
export const POST = api(
	async ({ app, event }) => {
		const body = await event.request.text();
		if (body.length > MAX) throw new HttpError(413, '回调内容过大');
		const order = await app.payments.callback(event.request.headers, body);
		return { ok: true, order: order.id, status: order.status, receipt: order.receipt?.number };
	},
	{ auth: false }
);
