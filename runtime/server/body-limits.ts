// Request body limits, the same whichever command starts the server (node build, npm start, vite dev):
// the hook reads every body itself, counting it, and answers 413 with the limit in Chinese.
import { error, fail, type RequestEvent } from '@sveltejs/kit';

export interface BodyLimits {
	/** JSON and other small bodies (API calls, login and other page forms without files) */
	json: number;
	/** one uploaded file (POST /api/files, /api/catalog-files, and each file in a page form) */
	upload: number;
	/** a whole page form posted with files (multipart/form-data), e.g. the apply page without JavaScript */
	form: number;
}

const MB = 1024 * 1024;
export const DEFAULT_LIMITS: BodyLimits = { json: 1 * MB, upload: 10 * MB, form: 25 * MB };
const ENV: Record<keyof BodyLimits, string> = { json: 'JSON_LIMIT', upload: 'UPLOAD_LIMIT', form: 'FORM_LIMIT' };
const UNITS: Record<string, number> = { '': 1, K: 1024, M: MB, G: 1024 * MB };

/** Bytes from `10M`, `512K`, `1.5M` or a plain number; a wrong value stops the server with the variable's name. */
export function parseBytes(name: string, raw: string | undefined, fallback: number): number {
	if (raw === undefined || raw.trim() === '') return fallback;
	const m = /^(\d+(?:\.\d+)?)\s*([KMG]?)i?B?$/i.exec(raw.trim());
	const n = m ? Math.floor(Number(m[1]) * UNITS[m[2].toUpperCase()]) : NaN;
	if (!(n > 0)) throw new Error(`环境变量 ${name} 不正确：${JSON.stringify(raw)}（应为正的字节数，可带单位 K、M、G，如 10M）`);
	return n;
}

let cached: BodyLimits | undefined;
/** The limits from JSON_LIMIT, UPLOAD_LIMIT and FORM_LIMIT (read once per process). */
export function bodyLimits(env: Record<string, string | undefined> = process.env): BodyLimits {
	if (env !== process.env) return read(env);
	return (cached ??= read(env));
}
function read(env: Record<string, string | undefined>): BodyLimits {
	const out = { ...DEFAULT_LIMITS };
	for (const k of Object.keys(ENV) as (keyof BodyLimits)[]) out[k] = parseBytes(ENV[k], env[ENV[k]], DEFAULT_LIMITS[k]);
	return out;
}

/** adapter-node's own BODY_SIZE_LIMIT: just above the largest of ours, so only the hook ever refuses a body. */
export const adapterBodyLimit = (limits = bodyLimits()) => Math.max(limits.json, limits.upload, limits.form) + 1;

/** `10 MB`, `512 KB`, `1.5 MB`, `300 字节`. */
export function formatBytes(n: number): string {
	if (n >= MB) return `${Number((n / MB).toFixed(1))} MB`;
	if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
	return `${n} 字节`;
}

export type BodyKind = keyof BodyLimits;

/** Which limit a request's body falls under. */
export function bodyKind(pathname: string, contentType: string | null): BodyKind {
	if (/^\/api\/(files|catalog-files)\/?$/.test(pathname)) return 'upload';
	if (!pathname.startsWith('/api/') && /^multipart\/form-data/i.test(contentType ?? '')) return 'form';
	return 'json';
}

/** The refusal naming the limit; `declared` is the Content-Length when the client sent one (a chunked body has no known size). */
function refusal(kind: BodyKind, limits: BodyLimits, declared: number | undefined, url: URL): string {
	const got = declared ? `（本次 ${formatBytes(declared)}）` : '';
	if (kind === 'upload') {
		const name = url.searchParams.get('name');
		return `${name ? `文件「${name}」` : '上传的文件'}过大：每个文件不能超过 ${formatBytes(limits.upload)}${got}`;
	}
	if (kind === 'form')
		return `提交的内容过大：一次提交不能超过 ${formatBytes(limits.form)}，每个文件不能超过 ${formatBytes(limits.upload)}${got}。请压缩文件或分次上传后重试`;
	return `请求体过大：不能超过 ${formatBytes(limits.json)}${got}`;
}

/** Reads the rest of a body and drops it, so the client can read our answer instead of a reset connection. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
	try {
		while (!(await reader.read()).done);
	} catch {
		// the client went away, or adapter-node's backstop ended the stream
	}
}

export type BodyOutcome = { ok: true } | { ok: false; status: number; message: string; kind: BodyKind };

/**
 * Reads the request body within its limit and puts it back on `event.request` as bytes; refuses an oversized one.
 * A declared Content-Length over the limit is refused before reading; a chunked body once its count passes the limit.
 */
export async function readBodyWithinLimit(event: RequestEvent, limits = bodyLimits()): Promise<BodyOutcome> {
	const request = event.request;
	if (!request.body) return { ok: true };
	const kind = bodyKind(event.url.pathname, request.headers.get('content-type'));
	const limit = limits[kind];
	const declared = Number(request.headers.get('content-length') ?? NaN);
	const reader = request.body.getReader();
	if (declared > limit) {
		void drain(reader);
		return { ok: false, status: 413, kind, message: refusal(kind, limits, declared, event.url) };
	}
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		let next: ReadableStreamReadResult<Uint8Array>;
		try {
			next = await reader.read();
		} catch (e) {
			// adapter-node's own limit (413) can only trip past ours; anything else is a body that did not arrive whole
			if ((e as { status?: number }).status === 413) return { ok: false, status: 413, kind, message: refusal(kind, limits, undefined, event.url) };
			return { ok: false, status: 400, kind, message: '请求体未能完整接收，请重试' };
		}
		if (next.done) break;
		size += next.value.byteLength;
		if (size > limit) {
			// answer now; the rest is read and dropped while the answer goes out
			void drain(reader);
			return { ok: false, status: 413, kind, message: refusal(kind, limits, Number.isFinite(declared) ? declared : undefined, event.url) };
		}
		chunks.push(next.value);
	}
	event.request = new Request(request.url, {
		method: request.method,
		headers: request.headers,
		body: Buffer.concat(chunks),
		signal: request.signal
	});
	return { ok: true };
}

/** The 413 (or 400) for a refused body: JSON for the API; page form actions see it through `refusedBody` (see guardActions). */
export function refusedResponse(event: RequestEvent, outcome: Extract<BodyOutcome, { ok: false }>): Response | undefined {
	if (!event.url.pathname.startsWith('/api/')) {
		event.locals.refusedBody = outcome;
		// an action that is not guarded still gets a 413 (SvelteKit's error page), never a 500
		const refused = kitError(outcome.status, outcome.message);
		event.request = new Request(event.request.url, {
			method: event.request.method,
			headers: event.request.headers,
			body: new ReadableStream({ pull: (c) => c.error(refused) }),
			duplex: 'half'
		} as RequestInit);
		return undefined;
	}
	const body = { message: outcome.message, errors: [{ path: '(请求体)', message: outcome.message }] };
	return new Response(JSON.stringify(body), { status: outcome.status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

function kitError(status: number, message: string): unknown {
	try {
		error(status, message);
	} catch (e) {
		return e;
	}
}

/** Page form actions answer a refused body with a form error (`form.message`) instead of running. */
export function guardActions<T extends Record<string, (event: any) => unknown>>(actions: T): T {
	const guarded: Record<string, (event: RequestEvent) => unknown> = {};
	for (const [name, action] of Object.entries(actions))
		guarded[name] = (event) => {
			const refused = event.locals.refusedBody;
			return refused ? fail(refused.status, { message: refused.message, errors: [] }) : action(event);
		};
	return guarded as T;
}
