import { auditEntry } from '$core/audit';
import { notFound } from '$core/errors';
import { api, requireRole } from '$server/http';

/** An administrator ends every session of an account (given by id or username) at once; audited as session.revoke. */
export const DELETE = api(async ({ app, event, actor }) => {
	const admin = requireRole(actor, 'admin');
	const key = event.params.account!;
	const account = (await app.store.accounts.get(key)) ?? (await app.store.accounts.byUsername(key));
	if (!account) throw notFound(`账号「${key}」`);
	const ended = await app.sessions.endAll(account.id);
	await app.store.audit.append(
		auditEntry(app.time.now().toISOString(), admin.id, 'session.revoke', undefined, { account: account.id, username: account.username, ended })
	);
	return { account: account.id, ended };
});
