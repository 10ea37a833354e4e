// The built app compresses what it sends (issue 13, target 4): pages and JSON on the fly, JS and CSS precompressed at
// build, each by the client's Accept-Encoding and with Vary; stored files (PDF…) go out as they are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startServer, type RunningServer } from './helpers/server';
import { decoded, rawGet, type RawResponse } from './helpers/raw-http';

let server: RunningServer;
let citizen: Client;
beforeAll(async () => {
	server = await startServer();
	citizen = new Client(server.url);
	await citizen.login('zhangsan');
});
afterAll(() => server?.stop());

const APPLY = '/apply/bundle/zhongkao-jiafen';
/** the catalog's largest item definition, ≈ 11 KB of JSON */
const LARGE_JSON = '/api/items/minban-xuexiao-sheli';

const get = (path: string, acceptEncoding?: string, headers: Record<string, string> = {}) =>
	rawGet(server.url + path, { ...headers, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) });

/** A page's bytes with its per-answer CSP nonce taken out, so two answers can be compared. */
function withoutNonce(r: RawResponse): string {
	const nonce = /'nonce-([^']+)'/.exec(String(r.headers['content-security-policy']))?.[1];
	expect(nonce, 'the page carries a CSP nonce').toBeTruthy();
	return decoded(r).toString('utf8').replaceAll(nonce!, 'NONCE');
}

function expectCompressed(r: RawResponse, encoding: string) {
	expect(r.status).toBe(200);
	expect(r.headers['content-encoding']).toBe(encoding);
	expect(String(r.headers.vary)).toMatch(/accept-encoding/i);
	expect(r.wire.byteLength).toBeLessThan(decoded(r).byteLength / 2);
}

describe('compressed responses from the built app', () => {
	it('a page comes back as br or gzip, as asked, decoding to the page a client without compression gets', async () => {
		const auth = { authorization: `Bearer ${citizen.token}` };
		const plain = await get(APPLY, undefined, auth);
		expect(plain.status).toBe(200);
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(String(plain.headers.vary)).toMatch(/accept-encoding/i);
		for (const [accept, encoding] of [
			['gzip, deflate, br', 'br'],
			['gzip', 'gzip']
		]) {
			const r = await get(APPLY, accept, auth);
			expectCompressed(r, encoding);
			expect(withoutNonce(r)).toBe(withoutNonce(plain));
			// security headers and the CSP survive compression
			expect(r.headers['x-content-type-options']).toBe('nosniff');
			expect(r.headers['x-frame-options']).toBe('DENY');
			expect(String(r.headers['content-security-policy'])).toContain("script-src 'self' 'nonce-");
		}
	});

	it('JS and CSS assets are served precompressed (br, else gzip), decoding to the same bytes, still cached as immutable', async () => {
		const html = decoded(await get('/', 'br')).toString('utf8');
		const js = /import\("([^"]+\/entry\/app\.[\w-]+\.js)"\)/.exec(html)?.[1];
		const css = /<link href="([^"]+\.css)" rel="stylesheet">/.exec(html)?.[1];
		expect(js && css, 'the home page loads the app entry and a stylesheet').toBeTruthy();
		for (const asset of [js!, css!]) {
			const path = new URL(asset, server.url + '/').pathname;
			const plain = await get(path);
			expect(plain.status).toBe(200);
			expect(plain.headers['content-encoding']).toBeUndefined();
			for (const [accept, encoding] of [
				['br, gzip', 'br'],
				['gzip', 'gzip']
			]) {
				const r = await get(path, accept);
				expectCompressed(r, encoding);
				expect(decoded(r).equals(plain.wire)).toBe(true);
				expect(r.headers['cache-control']).toContain('immutable');
			}
		}
	});

	it('a large JSON answer is compressed and decodes to the same JSON; no Accept-Encoding gets it uncompressed', async () => {
		const plain = await get(LARGE_JSON);
		expect(plain.status).toBe(200);
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.wire.byteLength).toBeGreaterThan(4096);
		for (const [accept, encoding] of [
			['br, gzip', 'br'],
			['gzip', 'gzip'],
			['br;q=0, gzip', 'gzip']
		]) {
			const r = await get(LARGE_JSON, accept);
			expectCompressed(r, encoding);
			expect(decoded(r).equals(plain.wire)).toBe(true);
		}
		expect((await get(LARGE_JSON, 'identity')).headers['content-encoding']).toBeUndefined();
	});

	it('a stored PDF downloads as it was uploaded, never re-compressed', async () => {
		// compressible filler, so only the type keeps it from being compressed
		const pdf = new TextEncoder().encode(`%PDF-1.4\n%${'扫描件 '.repeat(2000)}\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
		const up = await fetch(`${server.url}/api/files?name=scan.pdf`, {
			method: 'POST',
			headers: { authorization: `Bearer ${citizen.token}`, 'content-type': 'application/pdf' },
			body: pdf as BodyInit
		});
		expect(up.status).toBe(201);
		const { id } = await up.json();
		const r = await get(`/api/files/${id}`, 'br, gzip', { authorization: `Bearer ${citizen.token}` });
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toBe('application/pdf');
		expect(r.headers['content-encoding']).toBeUndefined();
		expect(Buffer.compare(r.wire, Buffer.from(pdf))).toBe(0);
	});
});
