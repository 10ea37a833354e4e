import { api, readJson } from '$server/http';
import { consultService } from '$server/consult';

/** The addressee's answer `{answer}`, once: a second answer gets 409 naming who answered first. */
export const POST = api(async ({ app, event, actor }) => ({
	consultation: await consultService(app).answer(actor!, event.params.id!, event.params.cid!, await readJson(event.request, 16 * 1024))
}));
