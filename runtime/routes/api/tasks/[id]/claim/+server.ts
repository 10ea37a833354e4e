import { api } from '$server/http';

/** 签收 (POST) and release (DELETE). */
export const POST = api(async ({ app, event, actor }) => app.cases.claim(actor!, event.params.id!));
export const DELETE = api(async ({ app, event, actor }) => app.cases.claim(actor!, event.params.id!, true));
