import { api } from '$server/http';

/** The signed-in user's drafts, most recently saved first. */
export const GET = api(async ({ app, actor }) => ({ drafts: await app.store.drafts.listByUser(actor!.id) }));
