import { z } from 'zod';
import { API_OPERATIONS, type ApiAuth, type ApiOperation } from './api-spec-routes';

/** The OpenAPI 3.1 document of /api, built from the registry in api-spec-routes.ts and the zod schemas the handlers use. */

type Json = Record<string, unknown>;

const AUTH_NOTE: Record<ApiAuth, string> = {
	public: '无需登录',
	'signed-in': '需登录',
	staff: '需工作人员账号',
	admin: '需管理员账号',
	apiKey: '需部门 API 密钥（Authorization: ApiKey <密钥>，管理员在 /workbench/admin/webhooks 创建）'
};

/** JSON Schema 2020-12 of a zod schema, its own `$defs` hoisted into components under `prefix_` so every $ref resolves. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output', prefix: string, components: Record<string, Json>): Json {
	const out = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any', cycles: 'ref', reused: 'inline' }) as Json;
	delete out.$schema;
	const defs = out.$defs as Record<string, Json> | undefined;
	delete out.$defs;
	let text = JSON.stringify(out);
	const rewrite = (s: string) => s.replace(/"#\/\$defs\/([^"]+)"/g, (_m, id: string) => JSON.stringify(`#/components/schemas/${prefix}_${id}`));
	text = rewrite(text);
	for (const [id, def] of Object.entries(defs ?? {})) components[`${prefix}_${id}`] = JSON.parse(rewrite(JSON.stringify(def)));
	return JSON.parse(text);
}

const operationId = (op: ApiOperation) =>
	op.method +
	op.path
		.replace(/^\/api/, '')
		.split(/[/.-]/)
		.filter(Boolean)
		.map((s) => (s.startsWith('{') ? `By${s[1].toUpperCase()}${s.slice(2, -1)}` : s[0].toUpperCase() + s.slice(1)))
		.join('');

const Problem = {
	type: 'object',
	description: '错误：message 说明原因，errors 逐项指出字段与问题',
	required: ['message'],
	properties: {
		message: { type: 'string' },
		errors: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } }
	}
};

function operation(op: ApiOperation, components: Record<string, Json>): Json {
	const id = operationId(op);
	const params = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
	const query = Object.entries(op.query ?? {}).map(([name, description]) => ({ name, in: 'query', required: false, description, schema: { type: 'string' } }));
	const ok =
		op.response === 'binary'
			? { description: '文件内容', content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } }
			: { description: '成功', content: { 'application/json': { schema: schemaOf(op.response, 'output', `${id}_response`, components) } } };
	const problem = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } } });
	const responses: Json = { [String(op.status ?? 200)]: ok, '4XX': problem('请求有误、未登录、无权限、不存在或冲突') };
	if (op.auth !== 'public') responses['401'] = problem('未登录');
	if (op.auth === 'staff' || op.auth === 'admin' || op.auth === 'apiKey') responses['403'] = problem('无权限');
	if (op.body) responses['422'] = problem('请求内容不正确（逐项列出字段）');
	const out: Json = {
		operationId: id,
		tags: [op.tag],
		summary: op.summary,
		description: AUTH_NOTE[op.auth],
		...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
		responses,
		...(op.auth === 'public' ? { security: [] } : op.auth === 'apiKey' ? { security: [{ apiKey: [] }] } : {})
	};
	if (op.body) {
		if (!components[op.body.name]) components[op.body.name] = schemaOf(op.body.schema, 'input', op.body.name, components);
		out.requestBody = { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${op.body.name}` } } } };
	} else if (op.upload)
		out.requestBody = {
			required: true,
			content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } } } } }
		};
	return out;
}

let cached: Json | undefined;

/** The whole document (built once per process). */
export function openApiDocument(): Json {
	if (cached) return cached;
	const components: Record<string, Json> = { Problem };
	const paths: Record<string, Json> = {};
	for (const op of API_OPERATIONS) (paths[op.path] ??= {})[op.method] = operation(op, components);
	cached = {
		openapi: '3.1.0',
		jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
		info: {
			title: '一件事一次办 JSON 接口',
			version: '1.0.0',
			description:
				'政务服务平台的 JSON 接口。错误统一为 { message, errors: [{ path, message }] }。登录后以 Authorization: Bearer <token> 或 session Cookie 调用。'
		},
		servers: [{ url: '/' }],
		tags: [...new Set(API_OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
		security: [{ bearer: [] }, { cookie: [] }],
		paths,
		components: {
			schemas: components,
			securitySchemes: {
				bearer: { type: 'http', scheme: 'bearer', description: 'POST /api/session 返回的 token' },
				cookie: { type: 'apiKey', in: 'cookie', name: 'session' },
				apiKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: '部门 API 密钥：ApiKey otk_…' }
			}
		}
	};
	return cached;
}
