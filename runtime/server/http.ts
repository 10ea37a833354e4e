import { json, type RequestEvent } from '@sveltejs/kit';
import { ZodError, type z } from 'zod';
import { HttpError } from '../core/errors';
import { ConflictError, type Actor } from '../core/store';
import { getApp, type App } from './app';
import { bodyLimits, formatBytes } from './body-limits';
import { parseJsonText } from './catalog-dir';

/** Reads a JSON body with a size cap (JSON_LIMIT, or a route's smaller one) and a precise error when malformed. */
export async function readJson(request: Request, max = bodyLimits().json): Promise<unknown> {
	// the hook already holds every body to JSON_LIMIT; a route's smaller cap is checked here on the bytes it kept
	const reader = request.body?.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	if (reader)
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size <= max) chunks.push(value);
		}
	if (size > max)
		throw new HttpError(413, `请求体过大：不能超过 ${formatBytes(max)}（收到 ${formatBytes(size)}）`, [
			{ path: '(请求体)', message: `不能超过 ${formatBytes(max)}` }
		]);
	const text = new TextDecoder().decode(Buffer.concat(chunks));
	if (!text.trim()) throw new HttpError(400, '请求体为空，应为 JSON');
	const { data, error } = parseJsonText(text);
	if (error) throw new HttpError(400, `请求体不是合法的 JSON：${error}`);
	return data;
}

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
	const r = schema.safeParse(body);
	if (!r.success)
		throw new HttpError(
			422,
			'请求内容不正确',
			r.error.issues.map((i) => ({ path: i.path.join('.') || '(根)', message: i.message }))
		);
	return r.data;
}

export function errorResponse(e: unknown): Response {
	if (e instanceof ConflictError) return json({ message: e.message, current: e.current }, { status: 409 });
	if (e instanceof HttpError) return json({ message: e.message, ...(e.errors ? { errors: e.errors } : {}), ...(e.body ?? {}) }, { status: e.status });
	if (e instanceof ZodError)
		return json({ message: '请求内容不正确', errors: e.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }, { status: 422 });
	console.error(e);
	return json({ message: '服务器内部错误' }, { status: 500 });
}

type Handler = (ctx: { app: App; event: RequestEvent; actor?: Actor }) => Promise<unknown>;

/** Wraps an API handler: the app, the signed-in actor, JSON out, errors as 4xx with messages. */
export function api(handler: Handler, opts: { auth?: boolean; status?: number } = {}) {
	return async (event: RequestEvent) => {
		try {
			const app = await getApp();
			const actor = event.locals.actor;
			if (opts.auth !== false && !actor) throw new HttpError(401, '请先登录');
			const out = await handler({ app, event, actor });
			return out instanceof Response ? out : json(out, { status: opts.status ?? 200 });
		} catch (e) {
			return errorResponse(e);
		}
	};
}

export function requireRole(actor: Actor | undefined, role: string): Actor {
	if (!actor) throw new HttpError(401, '请先登录');
	if (!actor.roles.includes(role)) throw new HttpError(403, '您没有执行该操作的权限');
	return actor;
}
