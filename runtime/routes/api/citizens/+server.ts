import { api, readJson } from '$server/http';
import { createWalkIn } from '$server/citizens';

/**
 * 窗口收件 of a walk-in (front desk of a service centre): `{name, idNumber, phone}` → `{citizen, created}`: a new citizen
 * account without a password, or the account that already holds that ID number (`created: false`). Audited.
 */
export const POST = api(async ({ app, event, actor }) => {
	const out = await createWalkIn(app, actor!, await readJson(event.request, 4096));
	return new Response(JSON.stringify(out), { status: out.created ? 201 : 200, headers: { 'content-type': 'application/json' } });
});
