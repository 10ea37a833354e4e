// 办件查询: a plain form post (works without JavaScript); the same lookup as POST /api/cases/track.
import { fail } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { guardActions } from '$server/body-limits';
import { trackCase, TrackQuery } from '$server/case-track';
import { m } from '$lib/paraglide/messages';
import type { Actions } from './$types';

export const actions: Actions = guardActions({
	default: async ({ request, getClientAddress, setHeaders, locals }) => {
		const form = await request.formData();
		// the 受理编号 is shown again on a refusal; the ID or phone number never is
		const receiptNumber = String(form.get('receiptNumber') ?? '').slice(0, 40);
		const parsed = TrackQuery.safeParse({ receiptNumber, identifier: String(form.get('identifier') ?? '').slice(0, 40) });
		if (!parsed.success)
			return fail(400, {
				receiptNumber,
				message: m.errors_fix_these(),
				errors: parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? 'receiptNumber'), message: i.message }))
			});
		const app = await getApp();
		const outcome = await trackCase(app, parsed.data, getClientAddress(), locals.actor?.id);
		if (outcome.ok) return { receiptNumber: parsed.data.receiptNumber, result: outcome.result };
		if (outcome.retryAfterSeconds) setHeaders({ 'retry-after': String(outcome.retryAfterSeconds) });
		return fail(outcome.status, { receiptNumber: parsed.data.receiptNumber, message: outcome.message, errors: [] });
	}
});
