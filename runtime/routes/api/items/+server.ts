import { definitionRoutes } from '$server/definition-routes';
export const GET = definitionRoutes('item', 'code').list;
