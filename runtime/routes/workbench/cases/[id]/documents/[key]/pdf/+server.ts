import { documentResponse } from '$server/documents';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => documentResponse(event);
