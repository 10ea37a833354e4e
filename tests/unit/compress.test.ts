// Response compression (runtime/server/compress.ts): which encoding a client gets, which answers pass untouched, and that
// a streamed body still reaches the client piece by piece.
import { brotliDecompressSync, createBrotliDecompress, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compressResponse } from '../../runtime/server/compress';

const big = JSON.stringify({ rows: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `办件 ${i}`, state: '待受理' })) });
const get = (acceptEncoding?: string, extra: Record<string, string> = {}) =>
	new Request('http://x/api/cases', { headers: { ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}), ...extra } });
const jsonResponse = (body = big, init: ResponseInit = {}) =>
	new Response(body, { ...init, headers: { 'content-type': 'application/json; charset=utf-8', ...(init.headers as Record<string, string>) } });

describe('chooseEncoding', () => {
	it.each([
		['gzip, deflate, br, zstd', 'br'],
		['gzip', 'gzip'],
		['br', 'br'],
		['br;q=0, gzip', 'gzip'],
		['br;q=0.5, gzip;q=0.8', 'gzip'],
		['gzip;q=0.5, br', 'br'],
		['*', 'br'],
		['*;q=0.5, br;q=0', 'gzip'],
		['identity', undefined],
		['deflate', undefined],
		['gzip;q=0, br;q=0', undefined],
		['', undefined]
	])('%j → %s', (header, expected) => expect(chooseEncoding(header)).toBe(expected));
	it('no header → identity', () => expect(chooseEncoding(null)).toBeUndefined());
});

describe('compressResponse', () => {
	it('compresses JSON of known length whole with brotli or gzip to the same bytes, with its new Content-Length and Vary', async () => {
		for (const [accept, decode] of [
			['br', brotliDecompressSync],
			['gzip', gunzipSync]
		] as const) {
			const r = await compressResponse(get(accept), jsonResponse(big, { headers: { 'content-length': String(Buffer.byteLength(big)), vary: 'Cookie' } }));
			expect(r.headers.get('content-encoding')).toBe(accept);
			expect(r.headers.get('vary')).toBe('Cookie, Accept-Encoding');
			const wire = Buffer.from(await r.arrayBuffer());
			expect(r.headers.get('content-length')).toBe(String(wire.byteLength));
			expect(wire.byteLength).toBeLessThan(Buffer.byteLength(big) / 3);
			expect(decode(wire).toString()).toBe(big);
		}
	});

	it('answers a client that accepts neither encoding with the body as it is, still with Vary', async () => {
		const r = await compressResponse(get(), jsonResponse());
		expect(r.headers.get('content-encoding')).toBeNull();
		expect(r.headers.get('vary')).toBe('Accept-Encoding');
		expect(await r.text()).toBe(big);
	});

	it.each([
		['a PDF', { 'content-type': 'application/pdf' }, 200],
		['a PNG', { 'content-type': 'image/png' }, 200],
		['a zip download', { 'content-type': 'application/zip', 'content-disposition': 'attachment; filename="x.zip"' }, 200],
		['a range', { 'content-type': 'text/plain', 'content-range': 'bytes 0-99/5000' }, 206],
		['an already encoded body', { 'content-type': 'text/html', 'content-encoding': 'gzip' }, 200],
		['Cache-Control: no-transform', { 'content-type': 'text/html', 'cache-control': 'no-transform' }, 200],
		['a body under 1 KB', { 'content-type': 'application/json', 'content-length': '20' }, 200]
	] as [string, Record<string, string>, number][])('leaves %s untouched', async (_, headers, status) => {
		const body = headers['content-length'] ? '{"ok":true,"n":1234}' : big;
		const r = await compressResponse(get('br, gzip'), new Response(body, { status, headers }));
		expect(r.headers.get('content-encoding')).toBe(headers['content-encoding'] ?? null);
		expect(await r.text()).toBe(body);
	});

	it('leaves 204 and 304 answers without a body or an encoding', async () => {
		for (const status of [204, 304]) {
			const r = await compressResponse(get('br'), new Response(null, { status, headers: { 'content-type': 'text/html' } }));
			expect(r.status).toBe(status);
			expect(r.headers.get('content-encoding')).toBeNull();
		}
	});

	it('copies an immutable (redirect) response instead of failing', async () => {
		const r = await compressResponse(get('br'), Response.redirect('http://x/login', 303));
		expect(r.status).toBe(303);
		expect(r.headers.get('location')).toBe('http://x/login');
	});

	it('sends each piece of a streamed body as soon as it is ready, not at the end', async () => {
		let release!: () => void;
		const later = new Promise<void>((ok) => (release = ok));
		const source = new ReadableStream<Uint8Array>({
			async start(c) {
				c.enqueue(new TextEncoder().encode(`<html><body>${'页面外框 '.repeat(300)}<p id="shell">`));
				await later;
				c.enqueue(new TextEncoder().encode('<script>streamed data</script></body></html>'));
				c.close();
			}
		});
		const r = await compressResponse(get('br'), new Response(source, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
		expect(r.headers.get('content-encoding')).toBe('br');
		// decode on the fly, as a browser does
		const inflate = createBrotliDecompress();
		let text = '';
		inflate.on('data', (b: Buffer) => (text += b.toString()));
		const reader = r.body!.getReader();
		const pump = (async () => {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) return void inflate.end();
				inflate.write(value);
			}
		})();
		await expect.poll(() => text.includes('<p id="shell">'), { timeout: 2000 }).toBe(true);
		expect(text).not.toContain('streamed data');
		release();
		await pump;
		await new Promise((ok) => inflate.once('end', ok));
		expect(text.endsWith('<script>streamed data</script></body></html>')).toBe(true);
	});

	it('stops reading the source when the client goes away', async () => {
		let cancelled: unknown;
		const source = new ReadableStream<Uint8Array>({
			pull: (c) => c.enqueue(new TextEncoder().encode('更多数据 '.repeat(100))),
			cancel: (reason) => void (cancelled = reason ?? 'cancelled')
		});
		const r = await compressResponse(get('gzip'), new Response(source, { headers: { 'content-type': 'text/plain' } }));
		const reader = r.body!.getReader();
		await reader.read();
		await reader.cancel('client closed');
		await expect.poll(() => cancelled, { timeout: 2000 }).toBeDefined();
	});
});
