// Compresses the app's own answers (pages, __data.json, API JSON) with brotli or gzip, as the client's Accept-Encoding
// allows. Static assets are not seen here: adapter-node's sirv serves their precompressed .br/.gz (see adapter.js).
// The body streams through zlib and is flushed whenever the source pauses, so streamed pages still arrive piece by piece.
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { brotliCompress, constants, createBrotliCompress, createGzip, gzip, type BrotliCompress, type Gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Bodies known to be smaller than this are sent as they are: compression would save next to nothing. */
export const MIN_COMPRESS_BYTES = 1024;
/** Moderate levels: on-the-fly compression costs time on every answer (brotli 5 takes 3× as long as 4 for 1 % less). */
export const BROTLI_QUALITY = 4;
export const GZIP_LEVEL = 6;
/** A body of known length up to this is compressed in one call on zlib's thread pool rather than through a stream. */
export const WHOLE_BODY_MAX = 256 * 1024;

const brotliWhole = promisify(brotliCompress);
const gzipWhole = promisify(gzip);

/** Text-like types; PDF, images, archives and office files are already compressed and pass untouched. */
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|xml|x-ndjson|manifest\+json)\b|image\/svg\+xml\b|application\/[\w.-]+\+(json|xml)\b)/i;

export function compressibleType(contentType: string | null): boolean {
	return !!contentType && COMPRESSIBLE.test(contentType.trim());
}

/** The encoding to answer with: br when the client takes it at least as gladly as gzip; none when it takes neither. */
export function chooseEncoding(acceptEncoding: string | null): Encoding | undefined {
	if (!acceptEncoding) return undefined;
	const q = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (!name) continue;
		const qParam = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
		const value = qParam === undefined ? 1 : Number(qParam);
		q.set(name.trim(), Number.isFinite(value) ? value : 0);
	}
	const any = q.get('*') ?? 0;
	const br = q.get('br') ?? any;
	const gzip = q.get('gzip') ?? q.get('x-gzip') ?? any;
	if (br > 0 && br >= gzip) return 'br';
	return gzip > 0 ? 'gzip' : undefined;
}

function addVary(headers: Headers) {
	const vary = headers.get('vary');
	if (!vary) headers.set('vary', 'Accept-Encoding');
	else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) headers.set('vary', `${vary}, Accept-Encoding`);
}

/** A window just large enough for the body (2^bits bytes, within min..max): allocating brotli's default 4 MB window
 * and its tables costs more than compressing a few KB of JSON. Unknown sizes (streamed pages) get 256 KB. */
const windowBits = (size: number | undefined, min: number, max: number) => (size ? Math.min(max, Math.max(min, Math.ceil(Math.log2(size)))) : 18);

function brotliParams(sizeHint: number | undefined) {
	const params: Record<number, number> = {
		[constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
		[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
		[constants.BROTLI_PARAM_LGWIN]: windowBits(sizeHint, constants.BROTLI_MIN_WINDOW_BITS, constants.BROTLI_MAX_WINDOW_BITS)
	};
	if (sizeHint) params[constants.BROTLI_PARAM_SIZE_HINT] = sizeHint;
	return params;
}

const gzipOptions = (sizeHint: number | undefined) => ({ level: GZIP_LEVEL, windowBits: Math.min(15, windowBits(sizeHint, 9, 15)) });

function compressor(encoding: Encoding, sizeHint: number | undefined): BrotliCompress | Gzip {
	return encoding === 'gzip' ? createGzip(gzipOptions(sizeHint)) : createBrotliCompress({ params: brotliParams(sizeHint) });
}

/** A whole body in one call: an API answer costs a fraction of a stream's set-up (measured ~0.1 ms vs ~0.7 ms for 3 KB). */
async function compressWhole(body: Response, encoding: Encoding): Promise<Uint8Array> {
	const bytes = Buffer.from(await body.arrayBuffer());
	return encoding === 'gzip' ? gzipWhole(bytes, gzipOptions(bytes.length)) : brotliWhole(bytes, { params: brotliParams(bytes.length) });
}

/**
 * The body through zlib. Chunks the source has ready are compressed together; when it pauses (a streamed page waiting
 * on its data), what was written so far is flushed so the client gets it now rather than at the end.
 */
export function compressStream(body: ReadableStream<Uint8Array>, encoding: Encoding, sizeHint?: number): ReadableStream<Uint8Array> {
	const z = compressor(encoding, sizeHint);
	const flushKind = encoding === 'br' ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH;
	const reader = body.getReader();
	let ended = false;
	let flushQueued = false;
	const flushWhenIdle = () => {
		if (flushQueued) return;
		flushQueued = true;
		setImmediate(() => {
			flushQueued = false;
			if (!ended && !z.destroyed) z.flush(flushKind);
		});
	};
	// the client went away: stop reading the source
	z.once('close', () => {
		if (!ended) reader.cancel().catch(() => {});
	});
	void (async () => {
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (z.destroyed) return;
				if (done) break;
				if (!z.write(value)) await new Promise((ok) => z.once('drain', ok));
				flushWhenIdle();
			}
			ended = true;
			z.end();
		} catch (e) {
			ended = true;
			z.destroy(e as Error);
		}
	})();
	return Readable.toWeb(z) as ReadableStream<Uint8Array>;
}

/** The response with `Vary: Accept-Encoding`; headers of Response.redirect() and fetched responses are immutable: copied. */
function withVary(response: Response): Response {
	try {
		addVary(response.headers);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		addVary(copy.headers);
		return copy;
	}
}

/**
 * The response compressed for this request when worth it: a text-like body (HTML, JS, CSS, JSON…) of unknown size or at
 * least MIN_COMPRESS_BYTES, a client that accepts br or gzip, and nothing that compression would break (ranges, 204/304,
 * an existing Content-Encoding, Cache-Control: no-transform, a 304 SvelteKit is about to make from a matching ETag).
 * Every compressible answer carries `Vary: Accept-Encoding`, compressed or not. An ETag is kept as it is: SvelteKit
 * compares If-None-Match to it verbatim, so weakening it would end its 304s (no route of ours sets one today).
 */
export async function compressResponse(request: Request, response: Response): Promise<Response> {
	const { status, headers } = response;
	if (status < 200 || status === 204 || status === 206 || status === 304) return response;
	if (headers.has('content-range') || headers.has('content-encoding')) return response;
	if (/\bno-transform\b/i.test(headers.get('cache-control') ?? '')) return response;
	if (!compressibleType(headers.get('content-type'))) return response;
	const out = withVary(response);
	const length = out.headers.has('content-length') ? Number(out.headers.get('content-length')) : undefined;
	if (!out.body || request.method === 'HEAD' || (length !== undefined && length < MIN_COMPRESS_BYTES)) return out;
	const etag = out.headers.get('etag');
	if (etag && request.headers.get('if-none-match')?.replace(/^W\//, '') === etag) return out;
	const encoding = chooseEncoding(request.headers.get('accept-encoding'));
	if (!encoding) return out;
	const compressed = new Headers(out.headers);
	compressed.set('content-encoding', encoding);
	compressed.delete('content-length');
	const init = { status, statusText: out.statusText, headers: compressed };
	if (length === undefined || length > WHOLE_BODY_MAX) return new Response(compressStream(out.body, encoding, length), init);
	const whole = await compressWhole(out, encoding);
	compressed.set('content-length', String(whole.length));
	return new Response(whole as Uint8Array<ArrayBuffer>, init);
}
