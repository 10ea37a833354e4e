import { api, requireRole } from '$server/http';
import { sharedChainStatus } from '$server/audit-status';

/** The audit chain walked now: 完整, or 断裂 with the first broken seq, entry id and time. Read-only: no API edits or deletes audit entries. */
export const GET = api(async ({ app, actor }) => {
	requireRole(actor, 'admin');
	return sharedChainStatus(app.store, { suite: app.cryptoSuite, retentionDays: app.auditRetentionDays, now: app.time.now() });
});
