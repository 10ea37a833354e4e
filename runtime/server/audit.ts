// The audit log as administrators search it: a case by 受理编号 or id, a person by username or id.
import type { App } from './app';
import { maskLooseValues } from './pii-records';

/** The newest entries shown by default, and the most one request may ask for (the store's ceiling). */
export const AUDIT_LIMIT = 200;
export const AUDIT_MAX_LIMIT = 1000;

/** The newest `limit` matching entries (at most AUDIT_MAX_LIMIT). */
export async function searchAudit(app: App, query: { case?: string | null; actor?: string | null; limit?: number }) {
	const caseQuery = query.case?.trim() || undefined;
	const actorQuery = query.actor?.trim() || undefined;
	const caseId =
		caseQuery && /^QZ\d+$/i.test(caseQuery) ? ((await app.store.cases.list({ receiptNumber: caseQuery.toUpperCase() }))[0]?.id ?? caseQuery) : caseQuery;
	const actorId = actorQuery ? ((await app.store.accounts.byUsername(actorQuery))?.id ?? actorQuery) : undefined;
	const limit = Math.max(1, Math.min(Math.floor(query.limit ?? AUDIT_LIMIT) || AUDIT_LIMIT, AUDIT_MAX_LIMIT));
	// identifiers in details (a username typed as an ID number at sign-in) are shown masked
	return (await app.store.audit.list({ caseId, actorId, limit })).map((e) => (e.detail ? { ...e, detail: maskLooseValues(e.detail) } : e));
}
