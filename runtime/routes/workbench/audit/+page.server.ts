import { getApp } from '$server/app';
import { requireAdmin } from '$server/admin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const app = await getApp();
	const q = event.url.searchParams;
	const caseQuery = q.get('case')?.trim() || undefined;
	const actorQuery = q.get('actor')?.trim() || undefined;
	// a case by 受理编号 or id; a person by username or id
	const caseId = caseQuery && /^QZ\d+$/i.test(caseQuery) ? ((await app.store.cases.list()).find((c) => c.receiptNumber === caseQuery.toUpperCase())?.id ?? caseQuery) : caseQuery;
	const actorId = actorQuery ? ((await app.store.accounts.byUsername(actorQuery))?.id ?? actorQuery) : undefined;
	const entries = await app.store.audit.list({ caseId, actorId, limit: 500 });
	const accounts = Object.fromEntries((await app.store.accounts.list()).map((a) => [a.id, `${a.name}（${a.username}）`]));
	const ids = [...new Set(entries.map((e) => e.caseId).filter((x): x is string => !!x))];
	const receipts = Object.fromEntries((ids.length ? await app.store.cases.list({ ids }) : []).map((c) => [c.id, c.receiptNumber]));
	return { entries, accounts, receipts, filter: { case: caseQuery ?? '', actor: actorQuery ?? '' } };
};
