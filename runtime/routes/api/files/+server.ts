import { api } from '$server/http';
import { saveUpload } from '$server/files';

/** Upload one file as the raw request body; `?name=` gives its file name; only PDF and images, judged by content. */
export const POST = api(async ({ app, event, actor }) => saveUpload(app, actor!.id, event.request, event.url, 'material'), { status: 201 });
