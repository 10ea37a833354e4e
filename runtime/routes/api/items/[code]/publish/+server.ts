import { definitionRoutes } from '$server/definition-routes';
export const POST = definitionRoutes('item', 'code').publish;
