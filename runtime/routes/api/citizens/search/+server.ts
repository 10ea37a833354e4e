import { CitizenSearchBody } from '$server/api-bodies';
import { api, parseBody, readJson } from '$server/http';
import { findCitizens } from '$server/citizens';

/** The front desk finds the citizen it files for by ID or mobile number (POST keeps it out of URLs) → {citizens} with numbers masked. */
export const POST = api(async ({ app, event, actor }) => ({
	citizens: await findCitizens(app, actor!, parseBody(CitizenSearchBody, await readJson(event.request, 4096)).identifier)
}));
