import { badRequest } from '$core/errors';
import { api } from '$server/http';
import { inbox, INBOX_LIMIT, INBOX_MAX_LIMIT, isTab } from '$server/inbox';

/**
 * The inbox: one page of the tasks the caller's roles and department may act on now, soonest deadline first.
 * `?tab=&service=&state=&receiptNumber=&dueBefore=&cursor=&limit=` → {tasks, next?, counts}; `next` is absent on the last page.
 */
export const GET = api(async ({ app, event, actor }) => {
	const q = event.url.searchParams;
	const tab = q.get('tab') || undefined;
	if (tab !== undefined && !isTab(tab)) throw badRequest('tab', `没有「${tab}」这个待办分类`);
	const limit = q.get('limit') ? Number(q.get('limit')) : INBOX_LIMIT;
	if (!Number.isInteger(limit) || limit < 1 || limit > INBOX_MAX_LIMIT) throw badRequest('limit', `limit 应为 1 到 ${INBOX_MAX_LIMIT} 的整数`);
	const dueBefore = q.get('dueBefore') || undefined;
	if (dueBefore !== undefined && Number.isNaN(Date.parse(dueBefore))) throw badRequest('dueBefore', 'dueBefore 应为 ISO 时间');
	const page = await inbox(app, actor!, {
		tab,
		service: q.get('service') ?? undefined,
		state: q.get('state') ?? undefined,
		receiptNumber: q.get('receiptNumber') ?? undefined,
		dueBefore: dueBefore && new Date(dueBefore).toISOString(),
		cursor: q.get('cursor') ?? undefined,
		limit
	});
	return { tasks: page.rows, next: page.next, counts: page.counts };
});
