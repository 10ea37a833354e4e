import { definitionRoutes } from '$server/definition-routes';
export const POST = definitionRoutes('bundle', 'id').publish;
