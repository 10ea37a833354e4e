// The audit log as administrators search it: a case by 受理编号 or id, a person by username or id.
import type { App } from './app';

export async function searchAudit(app: App, query: { case?: string | null; actor?: string | null; limit?: number }) {
	const caseQuery = query.case?.trim() || undefined;
	const actorQuery = query.actor?.trim() || undefined;
	const caseId = caseQuery && /^QZ\d+$/i.test(caseQuery) ? ((await app.store.cases.list({ receiptNumber: caseQuery.toUpperCase() }))[0]?.id ?? caseQuery) : caseQuery;
	const actorId = actorQuery ? ((await app.store.accounts.byUsername(actorQuery))?.id ?? actorQuery) : undefined;
	return app.store.audit.list({ caseId, actorId, limit: query.limit ?? 500 });
}
