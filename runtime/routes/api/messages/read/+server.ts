import { MessagesReadBody } from '$server/api-bodies';
import { api, parseBody, readJson } from '$server/http';

/** Marks the caller's messages read (`{ids}`, or all without it); another person's ids change nothing. */
export const POST = api(async ({ app, event, actor }) => {
	const body = parseBody(MessagesReadBody, await readJson(event.request));
	const marked = await app.store.messages.markRead(actor!.id, body.ids ?? 'all', app.time.now().toISOString());
	return { marked, unread: await app.store.messages.unread(actor!.id) };
});
