import { definitionRoutes } from '$server/definition-routes';
export const GET = definitionRoutes('bundle', 'id').list;
