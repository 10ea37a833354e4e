import { api } from '$server/http';

export const GET = api(async ({ app, event, actor }) => app.cases.view(event.params.id!, actor!));
