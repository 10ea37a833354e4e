import { z } from 'zod';
import { api, parseBody, readJson } from '$server/http';
import { casesByIdentifier } from '$server/pii-view';

const Body = z.strictObject({ identifier: z.string().describe('身份证号码或手机号码') });

/**
 * Staff find cases by an ID or phone number in their form data (its keyed hash; POST so the number stays out of URLs and
 * logs) → {cases}: those the caller's department takes part in (administrators: all). Audited as case.search, masked.
 */
export const POST = api(async ({ app, event, actor }) => ({
	cases: await casesByIdentifier(app, actor!, parseBody(Body, await readJson(event.request)).identifier)
}));
