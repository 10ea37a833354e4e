import { definitionRoutes } from '$server/definition-routes';
const r = definitionRoutes('bundle', 'id');
export const GET = r.get;
export const PUT = r.put;
