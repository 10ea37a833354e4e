import { api, readJson } from '$server/http';

export const POST = api(async ({ app, event, actor }) => app.cases.act(actor!, event.params.id!, await readJson(event.request)));
