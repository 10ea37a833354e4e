import { badRequest } from '$core/errors';
import { api } from '$server/http';
import { inbox, INBOX_LIMIT, INBOX_MAX_LIMIT, isTab } from '$server/inbox';
import { limitParam } from '$server/paging';

/**
 * The inbox: one page of the tasks the caller's roles and department may act on now, soonest deadline first.
 * `?tab=&service=&state=&receiptNumber=&dueBefore=&cursor=&limit=` → {tasks, next?, counts, total}; `next` is absent on the
 * last page; `total` counts the tab's tasks (every tab's without one), `counts` each tab's.
 */
export const GET = api(async ({ app, event, actor }) => {
	const q = event.url.searchParams;
	const tab = q.get('tab') || undefined;
	if (tab !== undefined && !isTab(tab)) throw badRequest('tab', `没有「${tab}」这个待办分类`);
	const limit = limitParam(q, INBOX_LIMIT, INBOX_MAX_LIMIT);
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
	const total = tab ? page.counts[tab] : Object.values(page.counts).reduce((a, b) => a + b, 0);
	return { tasks: page.rows, next: page.next, counts: page.counts, total };
});
