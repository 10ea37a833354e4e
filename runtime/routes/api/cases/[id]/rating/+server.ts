import { api, readJson } from '$server/http';

/** 好差评 of one case: its applicant or an administrator; `{rating: null}` before it is rated. */
export const GET = api(async ({ app, event, actor }) => ({ rating: (await app.ratings.forCase(actor!, event.params.id!)) ?? null }));

/** The applicant rates the finished case (一事一评). */
export const POST = api(
	async ({ app, event, actor }) => ({ rating: await app.ratings.rate(actor!, event.params.id!, await readJson(event.request, 16 * 1024)) }),
	{ status: 201 }
);
