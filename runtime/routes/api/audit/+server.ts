import { api, requireRole } from '$server/http';
import { searchAudit } from '$server/audit';

/** The audit log: `?case=` 受理编号 or case id, `?actor=` username or account id, `?limit=`. */
export const GET = api(async ({ app, event, actor }) => {
	requireRole(actor, 'admin');
	const q = event.url.searchParams;
	return { entries: await searchAudit(app, { case: q.get('case'), actor: q.get('actor'), limit: Number(q.get('limit') ?? 200) }) };
});
