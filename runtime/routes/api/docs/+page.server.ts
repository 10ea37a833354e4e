import { openApiDocument } from '$server/api-spec';

type Json = Record<string, any>;

const pretty = (schema: unknown) => (schema ? JSON.stringify(schema, null, 2) : undefined);

/** The operations of /api grouped by tag, with their request and response schemas as JSON (from /api/openapi.json). */
export const load = () => {
	const doc = openApiDocument() as Json;
	const components = doc.components.schemas as Json;
	const deref = (s: Json | undefined) => (s?.$ref ? components[String(s.$ref).split('/').pop()!] : s);
	const groups = new Map<string, Json[]>();
	for (const [path, methods] of Object.entries(doc.paths as Json))
		for (const [method, op] of Object.entries(methods as Json)) {
			const okCode = Object.keys(op.responses).find((c) => c.startsWith('2'))!;
			const ok = op.responses[okCode];
			const bodyRef = op.requestBody?.content['application/json']?.schema?.$ref as string | undefined;
			const entry = {
				id: op.operationId as string,
				method: method.toUpperCase(),
				path,
				summary: op.summary as string,
				auth: op.description as string,
				parameters: ((op.parameters ?? []) as Json[]).map((p) => ({ name: p.name, in: p.in === 'path' ? '路径' : '查询', description: p.description ?? '' })),
				bodyName: bodyRef?.split('/').pop(),
				upload: !!op.requestBody?.content['multipart/form-data'],
				body: pretty(deref(op.requestBody?.content['application/json']?.schema)),
				status: okCode,
				response: pretty(ok.content['application/json']?.schema) ?? '文件内容（二进制）'
			};
			const tag = op.tags[0] as string;
			groups.set(tag, [...(groups.get(tag) ?? []), entry]);
		}
	return { title: doc.info.title as string, version: doc.info.version as string, groups: [...groups].map(([tag, operations]) => ({ tag, operations })) };
};
