import { api } from '$server/http';
import { caseViewFor } from '$server/pii-view';

/** The case as the caller may see it: personal identifiers masked (`masked: true`) unless the caller applied or has a step of it to act on. */
export const GET = api(async ({ app, event, actor }) => caseViewFor(app.pii, actor!, await app.cases.view(event.params.id!, actor!)));
