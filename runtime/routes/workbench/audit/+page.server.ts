import { getApp } from '$server/app';
import { requireAdmin } from '$server/admin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const app = await getApp();
	const q = event.url.searchParams;
	const entries = await app.store.audit.list({ caseId: q.get('case') || undefined, actorId: q.get('actor') || undefined, limit: 500 });
	const accounts = Object.fromEntries((await app.store.accounts.list()).map((a) => [a.id, `${a.name}（${a.username}）`]));
	return { entries, accounts, filter: { case: q.get('case') ?? '', actor: q.get('actor') ?? '' } };
};
