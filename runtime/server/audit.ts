// The audit log as administrators search it: a case by 受理编号 or id, a person by username or id.
import type { App } from './app';
import { maskLooseValues } from './pii-records';

/** One page of the matching entries, newest first, and how many match in all. */
export async function searchAudit(app: App, query: { case?: string | null; actor?: string | null }, limit: number, cursor?: string) {
	const caseQuery = query.case?.trim() || undefined;
	const actorQuery = query.actor?.trim() || undefined;
	const caseId =
		caseQuery && /^QZ\d+$/i.test(caseQuery) ? ((await app.store.cases.list({ receiptNumber: caseQuery.toUpperCase() }))[0]?.id ?? caseQuery) : caseQuery;
	const actorId = actorQuery ? ((await app.store.accounts.byUsername(actorQuery))?.id ?? actorQuery) : undefined;
	const filter = { caseId, actorId };
	const [page, total] = await Promise.all([app.store.audit.page(filter, limit, cursor), app.store.audit.count(filter)]);
	// identifiers in details (a username typed as an ID number at sign-in) are shown masked
	return { rows: page.rows.map((e) => (e.detail ? { ...e, detail: maskLooseValues(e.detail) } : e)), next: page.next, total };
}
