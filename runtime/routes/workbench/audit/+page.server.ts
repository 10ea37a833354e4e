import { getApp } from '$server/app';
import { requireAdmin } from '$server/admin';
import { searchAudit } from '$server/audit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const app = await getApp();
	const q = event.url.searchParams;
	const entries = await searchAudit(app, { case: q.get('case'), actor: q.get('actor') });
	const accounts = Object.fromEntries((await app.store.accounts.list()).map((a) => [a.id, `${a.name}（${a.username}）`]));
	const ids = [...new Set(entries.map((e) => e.caseId).filter((x): x is string => !!x))];
	const receipts = Object.fromEntries((ids.length ? await app.store.cases.list({ ids }) : []).map((c) => [c.id, c.receiptNumber]));
	return { entries, accounts, receipts, filter: { case: q.get('case') ?? '', actor: q.get('actor') ?? '' } };
};
