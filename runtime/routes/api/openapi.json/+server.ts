import { json } from '@sveltejs/kit';
import { openApiDocument } from '$server/api-spec';

/** The OpenAPI 3.1 document of this API (no sign-in); the reference page is /api/docs. */
export const GET = () => json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } });
