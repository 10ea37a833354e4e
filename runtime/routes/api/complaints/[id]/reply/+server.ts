import { api, readJson } from '$server/http';

/** A supervisor of the complaint's department (or an administrator) replies, once; the citizen is told in 消息中心. */
export const POST = api(async ({ app, event, actor }) => ({
	complaint: await app.complaints.reply(actor!, event.params.id!, await readJson(event.request, 16 * 1024))
}));
