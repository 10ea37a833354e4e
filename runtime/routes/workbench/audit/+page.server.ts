import { getApp } from '$server/app';
import { requireAdmin } from '$server/admin';
import { AUDIT_LIMIT, AUDIT_MAX_LIMIT, searchAudit } from '$server/audit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const app = await getApp();
	const q = event.url.searchParams;
	// the newest `limit` entries; 显示更多 asks for twice as many, up to the store's ceiling
	const limit = Math.max(1, Math.min(Math.floor(Number(q.get('limit'))) || AUDIT_LIMIT, AUDIT_MAX_LIMIT));
	const entries = await searchAudit(app, { case: q.get('case'), actor: q.get('actor'), limit });
	const actorIds = [...new Set(entries.map((e) => e.actorId))];
	const accounts = Object.fromEntries(
		(await Promise.all(actorIds.map((id) => app.store.accounts.get(id)))).filter((a) => !!a).map((a) => [a!.id, `${a!.name}（${a!.username}）`])
	);
	const ids = [...new Set(entries.map((e) => e.caseId).filter((x): x is string => !!x))];
	const receipts = Object.fromEntries((ids.length ? await app.store.cases.list({ ids, limit: ids.length }) : []).map((c) => [c.id, c.receiptNumber]));
	const more = entries.length === limit && limit < AUDIT_MAX_LIMIT ? Math.min(limit * 2, AUDIT_MAX_LIMIT) : undefined;
	return { entries, accounts, receipts, limit, more, filter: { case: q.get('case') ?? '', actor: q.get('actor') ?? '' } };
};
