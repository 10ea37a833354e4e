// Files cannot run on our origin (types from bytes and an allow-list), body limits answer 413 in Chinese under
// `node build/index.js`, and every response carries the security headers. Runs the built app (npx vite build first).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { bodyKind, formatBytes, parseBytes } from '../../runtime/server/body-limits';
import { refusal, servedAs, sniff } from '../../runtime/server/file-types';
import { Client, startServer, writeFixtureCatalog, type RunningServer } from './helpers/server';
import { DISGUISED, DOCX_BYTES, DOCX_TYPE, PDF_BYTES, PNG_BYTES } from './helpers/disguised';

const defs = writeFixtureCatalog();
mkdirSync(join(defs, 'files'));
// shipped files as a careless or hostile catalog could hold them: the name says PDF or JPEG, the bytes are a page
writeFileSync(join(defs, 'files', 'evil-html.pdf'), DISGUISED[0].bytes);
writeFileSync(join(defs, 'files', 'evil-svg.jpg'), DISGUISED[1].bytes);
writeFileSync(join(defs, 'files', 'evil-xhtml.pdf'), DISGUISED[2].bytes);
writeFileSync(join(defs, 'files', 'blank-form.html'), '<!doctype html><title>空白表格</title><h1>申请表</h1>');
writeFileSync(join(defs, 'files', 'real.pdf'), PDF_BYTES);

let server: RunningServer;
beforeAll(async () => {
	server = await startServer({ definitionsDir: defs });
});
afterAll(async () => server?.stop());

async function as(user: string) {
	const c = new Client(server.url);
	await c.login(user);
	return c;
}

async function upload(c: Client, route: string, name: string, bytes: Uint8Array, type: string) {
	const r = await fetch(`${server.url}${route}?name=${encodeURIComponent(name)}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${c.token}`, 'content-type': type },
		body: bytes as BodyInit
	});
	return { status: r.status, headers: r.headers, body: await r.json() };
}

async function get(path: string, c?: Client) {
	const r = await fetch(server.url + path, { headers: c?.token ? { authorization: `Bearer ${c.token}` } : {} });
	return { status: r.status, headers: r.headers, bytes: new Uint8Array(await r.arrayBuffer()) };
}

function expectDownload(r: { status: number; headers: Headers }) {
	expect(r.status).toBe(200);
	expect(r.headers.get('content-type')).toBe('application/octet-stream');
	expect(r.headers.get('content-disposition')).toMatch(/^attachment;/);
	expect(r.headers.get('x-content-type-options')).toBe('nosniff');
}

/** The apply page's form posted without JavaScript, with one file in the file field. */
async function postApplyForm(c: Client, file: File, headers: Record<string, string> = { accept: 'text/html' }) {
	const form = new FormData();
	form.set('d:applicant_name', '张三丰');
	form.set('d:certificate:file', file);
	return fetch(`${server.url}/apply/item/eth-confirm?/submit`, {
		method: 'POST',
		headers: { authorization: `Bearer ${c.token}`, origin: server.url, ...headers },
		body: form
	});
}

describe('types and limits, without a server', () => {
	it('OFD and the old Office formats are told apart by content; only catalog files may be office documents', async () => {
		const ofd = zipSync({ 'OFD.xml': strToU8('<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>') });
		const kind = await sniff(ofd, '营业执照.ofd');
		expect(kind?.ext).toBe('ofd');
		expect(servedAs(kind)).toEqual({ type: 'application/ofd', inline: false });
		expect(refusal('catalog', '营业执照.ofd', kind, ofd)).toBeUndefined();
		expect(refusal('material', '营业执照.ofd', kind, ofd)).toContain('的内容是 OFD 版式文件，不能上传');
		const cfb = new Uint8Array(4096);
		cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
		expect((await sniff(cfb, '申请表.doc'))?.mime).toBe('application/msword');
		// the same container under another name is not an office document
		expect(refusal('catalog', 'mail.msg', await sniff(cfb, 'mail.msg'), cfb)).toContain('的内容是 CFB');
		const plainZip = zipSync({ 'a.txt': strToU8('x') });
		expect(servedAs(await sniff(plainZip, 'a.docx'))).toEqual({ type: 'application/octet-stream', inline: false });
	});

	it('limits parse with units, name a wrong variable, and pick the upload, form or JSON limit by route', () => {
		expect(parseBytes('X', '10M', 1)).toBe(10 * 1024 * 1024);
		expect(parseBytes('X', '1.5m', 1)).toBe(1.5 * 1024 * 1024);
		expect(parseBytes('X', '', 7)).toBe(7);
		expect(() => parseBytes('FORM_LIMIT', '-1', 1)).toThrow('环境变量 FORM_LIMIT 不正确');
		expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
		expect(formatBytes(64 * 1024)).toBe('64 KB');
		expect(bodyKind('/api/files', 'application/pdf')).toBe('upload');
		expect(bodyKind('/api/catalog-files', null)).toBe('upload');
		expect(bodyKind('/api/files/f1', 'application/json')).toBe('json');
		expect(bodyKind('/apply/item/x', 'multipart/form-data; boundary=x')).toBe('form');
		expect(bodyKind('/api/cases', 'multipart/form-data; boundary=x')).toBe('json');
		expect(bodyKind('/login', 'application/x-www-form-urlencoded')).toBe('json');
	});
});

describe('uploads are typed by their bytes, never by their name or claimed type', () => {
	it('HTML, SVG and XHTML disguised as PDF or JPEG are refused by every upload route, naming the file', async () => {
		const citizen = await as('zhangsan');
		const admin = await as('admin');
		for (const d of DISGUISED) {
			for (const [route, who] of [
				['/api/files', citizen],
				['/api/catalog-files', admin]
			] as const) {
				const r = await upload(who, route, d.name, d.bytes, d.type);
				expect(r.status, `${d.what} → ${route}`).toBe(415);
				expect(r.body.message).toContain(`文件「${d.name}」的内容是网页或 XML 文本`);
				expect(r.body.errors[0].message).toBe(r.body.message);
			}
			// the apply page posted without JavaScript: the refusal is a form error; what was typed stays
			const page = await postApplyForm(citizen, new File([d.bytes], d.name, { type: d.type }));
			expect(page.status).toBe(422);
			const html = await page.text();
			expect(html).toContain(`文件「${d.name}」的内容是网页或 XML 文本`);
			expect(html).toContain('value="张三丰"');
		}
		const catalogOnly = await upload(citizen, '/api/files', '申请表.docx', DOCX_BYTES, DOCX_TYPE);
		expect(catalogOnly.status).toBe(415);
		expect(catalogOnly.body.message).toBe(
			'文件「申请表.docx」的内容是 Word 文档，不能上传：此处只接受 PDF、JPEG、PNG、GIF、WebP 文件（按文件内容判断，与扩展名无关）'
		);
	});

	it('a real PDF and PNG are recorded with the type their bytes show and served inline; a Word template downloads', async () => {
		const citizen = await as('zhangsan');
		const pdf = await upload(citizen, '/api/files', 'scan.pdf', PDF_BYTES, 'text/html');
		expect(pdf.status).toBe(201);
		expect(pdf.body.mime).toBe('application/pdf');
		let r = await get(`/api/files/${pdf.body.id}`, citizen);
		expect(r.headers.get('content-type')).toBe('application/pdf');
		expect(r.headers.get('content-disposition')).toBe("inline; filename*=UTF-8''scan.pdf");
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
		// the case page shows PDFs in a frame of its own
		expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
		// a PNG named like a page is still a PNG
		const png = await upload(citizen, '/api/files', 'photo.html', PNG_BYTES, 'text/html');
		expect(png.body.mime).toBe('image/png');
		r = await get(`/api/files/${png.body.id}`, citizen);
		expect(r.headers.get('content-type')).toBe('image/png');
		expect(r.headers.get('content-disposition')).toMatch(/^inline;/);
		expect(Buffer.from(r.bytes)).toEqual(PNG_BYTES);

		const admin = await as('admin');
		const docx = await upload(admin, '/api/catalog-files', '申请表(空白).docx', DOCX_BYTES, 'application/octet-stream');
		expect(docx.status).toBe(201);
		r = await get(docx.body.ref);
		expect(r.headers.get('content-type')).toBe(DOCX_TYPE);
		expect(r.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('申请表')}%28${encodeURIComponent('空白')}%29.docx`);
		const tpl = await upload(admin, '/api/catalog-files', 'tpl.pdf', PDF_BYTES, 'application/pdf');
		r = await get(tpl.body.ref);
		expect(r.headers.get('content-type')).toBe('application/pdf');
		expect(r.headers.get('content-disposition')).toMatch(/^inline;/);
	});
});

describe('stored and shipped bytes are served by what they are, never by the URL', () => {
	it('bytes stored before the check (a page under a .pdf or .html name) download as octet-stream', async () => {
		const citizen = await as('zhangsan');
		for (const d of DISGUISED) {
			const up = await upload(citizen, '/api/files', d.name, PDF_BYTES, d.type);
			writeFileSync(join(server.dataDir, 'files', up.body.id), d.bytes);
			const r = await get(`/api/files/${up.body.id}`, citizen);
			expectDownload(r);
			expect(new TextDecoder().decode(r.bytes)).toBe(d.body);
		}
		// the attack in issue 12: a catalog file whose URL ends in .html, opened by anyone
		const admin = await as('admin');
		const tpl = await upload(admin, '/api/catalog-files', 'tpl.html', PDF_BYTES, 'text/html');
		expect(tpl.body.ref).toMatch(/^\/catalog-files\/f[0-9a-f]{32}\.html$/);
		expect((await get(tpl.body.ref)).headers.get('content-type')).toBe('application/pdf');
		writeFileSync(join(server.dataDir, 'files', tpl.body.id), DISGUISED[0].bytes);
		expectDownload(await get(tpl.body.ref));
	});

	it('files shipped in definitions/files are typed by their bytes', async () => {
		for (const name of ['evil-html.pdf', 'evil-svg.jpg', 'evil-xhtml.pdf', 'blank-form.html']) {
			const r = await get(`/catalog-files/${name}`);
			expectDownload(r);
			expect(r.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${name}`);
			expect(Buffer.from(r.bytes)).toEqual(readFileSync(join(defs, 'files', name)));
		}
		const real = await get('/catalog-files/real.pdf');
		expect(real.headers.get('content-type')).toBe('application/pdf');
		expect(real.headers.get('content-disposition')).toMatch(/^inline;/);
	});
});

/** A body sent chunked (no Content-Length), `total` bytes of `fill`. */
function chunked(total: number, head = new Uint8Array(0)) {
	let sent = 0;
	const chunk = new Uint8Array(256 * 1024);
	return new ReadableStream<Uint8Array>({
		pull(c) {
			if (sent === 0 && head.length) {
				sent += head.length;
				return c.enqueue(head);
			}
			if (sent >= total) return c.close();
			sent += chunk.length;
			c.enqueue(chunk);
		}
	});
}

async function post(path: string, c: Client, body: BodyInit, type: string) {
	const r = await fetch(server.url + path, {
		method: 'POST',
		headers: { authorization: `Bearer ${c.token}`, 'content-type': type },
		body,
		duplex: 'half'
	} as RequestInit);
	const text = await r.text();
	return { status: r.status, headers: r.headers, text, json: () => JSON.parse(text) };
}

const MB = 1024 * 1024;
const pdfOf = (size: number) => {
	const b = new Uint8Array(size);
	b.set(PDF_BYTES);
	return b;
};

describe('body limits under node build/index.js: 413 with the limit in Chinese, never 500', () => {
	it('a 600 KB JSON body and a 9 MB scan are accepted (adapter-node’s 512 KB default no longer cuts them)', async () => {
		const citizen = await as('zhangsan');
		const compose = await post(
			'/api/compose',
			citizen,
			JSON.stringify({ service: { kind: 'item', id: 'eth-confirm' }, answers: { note: 'x'.repeat(600 * 1024) } }),
			'application/json'
		);
		expect(compose.status, compose.text.slice(0, 200)).toBe(200);
		expect(compose.json().id).toBe('eth-confirm');
		const scan = await post('/api/files?name=scan.pdf', citizen, pdfOf(9 * MB), 'application/pdf');
		expect(scan.status, scan.text).toBe(201);
		expect(scan.json().size).toBe(9 * MB);
	});

	it('over-limit bodies, declared or streamed, are refused naming the limit; the server keeps answering', { timeout: 60_000 }, async () => {
		const citizen = await as('zhangsan');
		const big = await post('/api/files?name=scan.pdf', citizen, pdfOf(11 * MB), 'application/pdf');
		expect(big.status).toBe(413);
		expect(big.json()).toEqual({
			message: '文件「scan.pdf」过大：每个文件不能超过 10 MB（本次 11 MB）',
			errors: [{ path: '(请求体)', message: '文件「scan.pdf」过大：每个文件不能超过 10 MB（本次 11 MB）' }]
		});
		const json = await post('/api/compose', citizen, JSON.stringify({ pad: 'x'.repeat(1.1 * MB) }), 'application/json');
		expect(json.status).toBe(413);
		expect(json.json().message).toMatch(/^请求体过大：不能超过 1 MB（本次 1\.1 MB）$/);
		// 30 MB with no Content-Length: counted as it arrives
		const streamed = await post('/api/files?name=scan.pdf', citizen, chunked(30 * MB, PDF_BYTES), 'application/pdf');
		expect(streamed.status).toBe(413);
		expect(streamed.json().message).toBe('文件「scan.pdf」过大：每个文件不能超过 10 MB');
		const streamedJson = await post('/api/cases', citizen, chunked(30 * MB), 'application/json');
		expect(streamedJson.status).toBe(413);
		expect(streamedJson.json().message).toBe('请求体过大：不能超过 1 MB');
		// a page form without JavaScript: the form shows the refusal; with JavaScript it is the action's failure
		const file = new File([pdfOf(26 * MB)], 'scan.pdf', { type: 'application/pdf' });
		const page = await postApplyForm(citizen, file);
		expect(page.status).toBe(413);
		expect(await page.text()).toContain('提交的内容过大：一次提交不能超过 25 MB，每个文件不能超过 10 MB');
		const enhanced = await postApplyForm(citizen, file, { accept: 'application/json', 'x-sveltekit-action': 'true' });
		const result = await enhanced.json();
		expect(result.type).toBe('failure');
		expect(result.status).toBe(413);
		expect(result.data).toContain('一次提交不能超过 25 MB');
		// one file over the per-file limit inside an accepted form is named in the form
		const one = await postApplyForm(citizen, new File([pdfOf(11 * MB)], '户口本.pdf', { type: 'application/pdf' }));
		expect(one.status).toBe(422);
		const html = await one.text();
		expect(html).toContain('文件「户口本.pdf」过大：每个文件不能超过 10 MB（收到 11 MB）');
		expect(html).toContain('value="张三丰"');

		expect((await get('/api/bundles')).status).toBe(200);
		expect((await citizen.get('/api/cases')).status).toBe(200);
		expect(server.output()).not.toMatch(/\[5\d\d\]|Payload Too Large|服务器内部错误/);
	});

	it('the limits are configurable (UPLOAD_LIMIT, JSON_LIMIT), and a wrong value stops the server naming the variable', { timeout: 180_000 }, async () => {
		const small = await startServer({ definitionsDir: defs, env: { UPLOAD_LIMIT: '1M', JSON_LIMIT: '64K' } });
		try {
			const c = new Client(small.url);
			await c.login('zhangsan');
			const scan = await fetch(`${small.url}/api/files?name=scan.pdf`, {
				method: 'POST',
				headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/pdf' },
				body: pdfOf(2 * MB)
			});
			expect(scan.status).toBe(413);
			expect((await scan.json()).message).toBe('文件「scan.pdf」过大：每个文件不能超过 1 MB（本次 2 MB）');
			const json = await c.post('/api/compose', { pad: 'x'.repeat(100 * 1024) });
			expect(json.status).toBe(413);
			expect(json.body.message).toContain('不能超过 64 KB');
		} finally {
			await small.stop();
		}
		await expect(startServer({ definitionsDir: defs, env: { UPLOAD_LIMIT: 'lots' } })).rejects.toThrow('环境变量 UPLOAD_LIMIT 不正确："lots"');
	});
});

describe('security headers', () => {
	it('pages, API answers, errors and files carry nosniff, a referrer policy, a permissions policy and frame protection', async () => {
		const citizen = await as('zhangsan');
		for (const path of ['/', '/login', '/api/bundles', '/no-such-page', '/api/cases', '/catalog-files/real.pdf']) {
			const r = await fetch(server.url + path, { headers: path === '/api/cases' ? { authorization: `Bearer ${citizen.token}` } : {} });
			expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(r.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
			expect(r.headers.get('permissions-policy'), path).toContain('camera=()');
			expect(r.headers.get('permissions-policy'), path).toContain('geolocation=()');
			expect(r.headers.get('x-frame-options'), path).toBe(path.startsWith('/catalog-files/') ? 'SAMEORIGIN' : 'DENY');
		}
		// also on a refusal answered before any route runs
		const refused = await post('/api/compose', citizen, 'x'.repeat(2 * MB), 'application/json');
		expect(refused.headers.get('x-frame-options')).toBe('DENY');
		expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
	});
});
