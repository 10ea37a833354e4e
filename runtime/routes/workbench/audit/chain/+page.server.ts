import { getApp } from '$server/app';
import { requireAdmin } from '$server/admin';
import { sharedChainStatus } from '$server/audit-status';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const app = await getApp();
	const status = await sharedChainStatus(app.store, { suite: app.cryptoSuite, retentionDays: app.auditRetentionDays, now: app.time.now() });
	const caseId = status.break?.caseId;
	const receiptNumber = caseId ? (await app.store.cases.get(caseId))?.receiptNumber : undefined;
	return { status, receiptNumber };
};
