import { api, readJson } from '$server/http';

/** Administrators record the next 差评 step: callback → verification → rectification (if justified) → outcome. */
export const POST = api(async ({ app, event, actor }) => ({
	rating: await app.ratings.followUp(actor!, event.params.id!, await readJson(event.request, 16 * 1024))
}));
