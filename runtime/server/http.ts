import { json, type RequestEvent } from '@sveltejs/kit';
import { ZodError, type z } from 'zod';
import { HttpError } from '../core/errors';
import { guardBody, hasBadChars, maskBadChars } from '../core/model/limits';
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
	// nesting and number of values before any schema or handler walks the body
	const refused = guardBody(data);
	if (refused.length)
		throw new HttpError(
			422,
			`请求内容超出限制：${refused[0].path} 处${refused[0].message}`,
			refused.map(({ path, message }) => ({ path, message }))
		);
	return data;
}

/** The revision an `If-Match` header names (a non-negative integer, optionally quoted as an ETag), or undefined without one. */
export function ifMatchRev(request: Request): number | undefined {
	const raw = request.headers.get('if-match');
	if (raw === null) return undefined;
	const m = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(raw);
	if (!m)
		throw new HttpError(400, `请求头 If-Match 应为修订号（非负整数，即定义的 rev），收到「${raw.slice(0, 40)}」`, [
			{ path: 'If-Match', message: '应为非负整数' }
		]);
	return Number(m[1]);
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

/** Every 4xx body: `{ message, errors: [{ path, message }] }` (a problem without a place is named at the root), plus any extra fields. */
function problem(status: number, message: string, errors?: { path: string; message: string }[], extra?: Record<string, unknown>): Response {
	return json({ message, errors: errors?.length ? errors : [{ path: '(根)', message }], ...extra }, { status });
}

export function errorResponse(e: unknown): Response {
	if (e instanceof ConflictError) return problem(409, e.message, undefined, { current: e.current });
	if (e instanceof HttpError) return problem(e.status, e.message, e.errors, e.body);
	if (e instanceof ZodError)
		return problem(
			422,
			'请求内容不正确',
			e.issues.map((i) => ({ path: i.path.join('.') || '(根)', message: i.message }))
		);
	console.error(e);
	return json({ message: '服务器内部错误' }, { status: 500 });
}

/**
 * API errors SvelteKit answers itself (no such route 404, method not allowed 405, body over BODY_SIZE_LIMIT 413, …) in the
 * API's own shape: JSON `{ message, errors }` instead of an HTML page or plain text.
 */
export async function apiErrorsAsJson(event: RequestEvent, response: Response): Promise<Response> {
	if (!event.url.pathname.startsWith('/api/') || response.status < 400 || response.status >= 500) return response;
	if (response.headers.get('content-type')?.includes('application/json')) return response;
	const { method } = event.request;
	const path = event.url.pathname;
	const allow = response.headers.get('allow');
	const text = (await response.text().catch(() => '')).trim();
	const message =
		response.status === 404
			? `接口 ${method} ${path} 不存在`
			: response.status === 405
				? `接口 ${path} 不支持 ${method} 方法${allow ? `（支持 ${allow}）` : ''}`
				: `请求被拒绝（${response.status}）${text && !text.startsWith('<') ? `：${text.slice(0, 200)}` : ''}`;
	const out = problem(response.status, message);
	if (allow) out.headers.set('allow', allow);
	return out;
}

/** A request whose URL (path or query, decoded) holds U+0000 or an unpaired surrogate, refused before any handler: stored text cannot hold them. */
export function refuseBadUrl(url: URL): Response | undefined {
	let decoded: string;
	try {
		decoded = [decodeURIComponent(url.pathname), ...[...url.searchParams].flat()].join('\n');
	} catch {
		return undefined; // a malformed escape: SvelteKit answers it
	}
	if (!hasBadChars(decoded)) return undefined;
	const message = '请求地址含有不允许的字符（U+0000 或不成对的 UTF-16 代理项）';
	if (url.pathname.startsWith('/api/')) return problem(400, message, [{ path: 'URL', message }]);
	return new Response(message, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** A page's form post (not the API) holding U+0000 or an unpaired surrogate in a name, value or file name: 400 before any action. */
export async function refuseBadForm(request: Request, url: URL): Promise<Response | undefined> {
	const type = request.headers.get('content-type') ?? '';
	if (request.method !== 'POST' || url.pathname.startsWith('/api/') || !/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type))
		return undefined;
	let form: FormData;
	try {
		form = await request.clone().formData();
	} catch {
		return undefined; // unreadable: the action answers it
	}
	for (const [name, value] of form)
		if (hasBadChars(name) || hasBadChars(typeof value === 'string' ? value : value.name)) {
			const message = `表单字段「${maskBadChars(name)}」含有不允许的字符（U+0000 或不成对的 UTF-16 代理项）`;
			return new Response(message, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
		}
	return undefined;
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
