// Compresses the app's own answers (pages, __data.json, API JSON) with brotli or gzip, as the client's Accept-Encoding
// allows. Static assets are not seen here: adapter-node's sirv serves their precompressed .br/.gz (see adapter.js).
// The body streams through zlib and is flushed whenever the source pauses, so streamed pages still arrive piece by piece.
import { Readable } from 'node:stream';
import { constants, createBrotliCompress, createGzip, type BrotliCompress, type Gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Bodies known to be smaller than this are sent as they are: compression would save next to nothing. */
export const MIN_COMPRESS_BYTES = 1024;
/** Moderate levels: on-the-fly compression costs time on every answer (brotli 11 is ~50× slower than 5). */
export const BROTLI_QUALITY = 5;
export const GZIP_LEVEL = 6;

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

function compressor(encoding: Encoding, sizeHint: number | undefined): BrotliCompress | Gzip {
	if (encoding === 'gzip') return createGzip({ level: GZIP_LEVEL });
	const params: Record<number, number> = {
		[constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
		[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT
	};
	if (sizeHint) params[constants.BROTLI_PARAM_SIZE_HINT] = sizeHint;
	return createBrotliCompress({ params });
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
export function compressResponse(request: Request, response: Response): Response {
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
	return new Response(compressStream(out.body, encoding, length), { status, statusText: out.statusText, headers: compressed });
}
