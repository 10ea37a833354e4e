// GET over node:http, which (unlike fetch) neither asks for nor undoes compression: the body as it crossed the wire.
import { request, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface RawResponse {
	status: number;
	headers: IncomingHttpHeaders;
	/** the bytes as sent (still compressed when content-encoding says so) */
	wire: Buffer;
}

export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
	return new Promise((ok, fail) => {
		const req = request(url, { headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, wire: Buffer.concat(chunks) }));
			res.on('error', fail);
		});
		req.on('error', fail);
		req.end();
	});
}

/** The body with its content-encoding (br, gzip or none) undone; any other encoding is an error. */
export function decoded(r: RawResponse): Buffer {
	const enc = r.headers['content-encoding'];
	if (!enc) return r.wire;
	if (enc === 'br') return brotliDecompressSync(r.wire);
	if (enc === 'gzip') return gunzipSync(r.wire);
	throw new Error(`unexpected content-encoding ${enc}`);
}
