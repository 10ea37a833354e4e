import { definitionRoutes } from '$server/definition-routes';
const r = definitionRoutes('item', 'code');
export const GET = r.get;
export const PUT = r.put;
