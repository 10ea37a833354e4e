import { json } from '@sveltejs/kit';
import { HttpError } from '$core/errors';
import { trackCase, TrackQuery } from '$server/case-track';
import { api, parseBody, readJson } from '$server/http';

/**
 * 办件查询 for outside platforms, no sign-in: `{receiptNumber, identifier}` (an ID or mobile number the application holds)
 * → the status, service, dates and steps, without personal data. A pair that matches nothing: 404 with one message
 * whether or not the 受理编号 exists; too many such: 429 with Retry-After.
 */
export const POST = api(
	async ({ app, event, actor }) => {
		const q = parseBody(TrackQuery, await readJson(event.request, 4096));
		const outcome = await trackCase(app, q, event.getClientAddress(), actor?.id);
		if (outcome.ok) return outcome.result;
		if (outcome.status === 429)
			return json(
				{ message: outcome.message, errors: [{ path: '(根)', message: outcome.message }], retryAfterSeconds: outcome.retryAfterSeconds },
				{ status: 429, headers: { 'retry-after': String(outcome.retryAfterSeconds) } }
			);
		throw new HttpError(outcome.status, outcome.message);
	},
	{ auth: false }
);
