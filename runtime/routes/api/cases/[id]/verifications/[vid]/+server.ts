import { api, readJson } from '$server/http';

/** 告知承诺核查: {version, result: confirmed|false, note} by the department's reviewer. */
export const POST = api(async ({ app, event, actor }) => app.cases.verify(actor!, event.params.id!, event.params.vid!, await readJson(event.request)));
