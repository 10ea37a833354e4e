import { auditEntry } from '$core/audit';
import { notFound } from '$core/errors';
import { api, requireRole } from '$server/http';

/**
 * An administrator resets an account's two-factor sign-in (a lost phone): its secret is removed, so its next sign-in asks
 * for a new enrolment where REQUIRE_2FA covers it, and for the password alone otherwise. Audited as totp.reset.
 * Its current sessions go on; DELETE /api/accounts/{account}/sessions ends them.
 */
export const DELETE = api(async ({ app, event, actor }) => {
	const admin = requireRole(actor, 'admin');
	const key = event.params.account!;
	const account = (await app.store.accounts.get(key)) ?? (await app.store.accounts.byUsername(key));
	if (!account) throw notFound(`账号「${key}」`);
	const { totp, ...rest } = account;
	if (totp) await app.store.accounts.put(rest);
	await app.store.audit.append(
		auditEntry(app.time.now().toISOString(), admin.id, 'totp.reset', undefined, { account: account.id, username: account.username, wasEnrolled: !!totp })
	);
	return { account: account.id, reset: !!totp };
});
