import { api } from '$server/http';
import { limitParam, withCursor } from '$server/paging';

/** 消息中心 for apps and other platforms: the caller's messages, newest first, one page (`?cursor=&limit=`), and how many are unread. */
export const GET = api(async ({ app, event, actor }) => {
	const q = event.url.searchParams;
	const [page, unread] = await Promise.all([
		withCursor(() => app.store.messages.page(actor!.id, limitParam(q), q.get('cursor') || undefined)),
		app.store.messages.unread(actor!.id)
	]);
	return { messages: page.rows.map((x) => ({ ...x, unread: !x.readAt })), next: page.next, unread };
});
