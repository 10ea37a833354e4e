import { api } from '$server/http';

/** Administrators: all ratings, newest first; `?poor=1` for 差评 only, `?poor=0` for the others. */
export const GET = api(async ({ app, event, actor }) => {
	const poor = event.url.searchParams.get('poor');
	return { ratings: await app.ratings.list(actor!, poor === null || poor === '' ? {} : { poor: poor === '1' || poor === 'true' }) };
});
