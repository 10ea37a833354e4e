import { api } from '$server/http';

/** The signed-in account's electronic licences (电子证照): held, or obtained through its own applications; revoked ones are marked. */
export const GET = api(async ({ app, actor }) => ({ licences: await app.licences.ofAccount(actor!.id) }));
