import { badRequest } from '$core/errors';
import { api, requireRole } from '$server/http';
import { AUDIT_LIMIT, AUDIT_MAX_LIMIT, searchAudit } from '$server/audit';

/** The audit log, newest first: `?case=` 受理编号 or case id, `?actor=` username or account id, `?limit=` (default 200, at most 1000). */
export const GET = api(async ({ app, event, actor }) => {
	requireRole(actor, 'admin');
	const q = event.url.searchParams;
	const limit = q.get('limit') ? Number(q.get('limit')) : AUDIT_LIMIT;
	if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_MAX_LIMIT) throw badRequest('limit', `limit 应为 1 到 ${AUDIT_MAX_LIMIT} 的整数`);
	return { entries: await searchAudit(app, { case: q.get('case'), actor: q.get('actor'), limit }) };
});
