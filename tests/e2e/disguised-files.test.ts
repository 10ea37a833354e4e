// A signed-in citizen opens pages disguised as PDFs and images (stored before the upload check, shipped in a catalog,
// or a PDF with a page inside) in Chromium: each downloads or shows as a PDF, and no script of theirs runs on our origin.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, signIn } from './browser';
import { Client, startServer, writeFixtureCatalog, type RunningServer } from '../unit/helpers/server';
import { DISGUISED, PDF_BYTES, POLYGLOT } from '../unit/helpers/disguised';

const defs = writeFixtureCatalog();
mkdirSync(join(defs, 'files'));
writeFileSync(join(defs, 'files', 'evil-html.pdf'), DISGUISED[0].bytes);
writeFileSync(join(defs, 'files', 'evil-svg.jpg'), DISGUISED[1].bytes);
writeFileSync(join(defs, 'files', 'evil-xhtml.pdf'), DISGUISED[2].bytes);

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
	[server, browser] = await Promise.all([startServer({ definitionsDir: defs }), launch()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** Everything that shows a payload ran: its console line, its call to /pwned, or the title it sets. */
function watch(page: Page) {
	const seen: string[] = [];
	page.on('console', (m) => m.text().includes('PWNED') && seen.push(`console: ${m.text()}`));
	page.context().on('request', (r) => r.url().includes('/pwned') && seen.push(`request: ${r.url()}`));
	return seen;
}

/** Stores real PDF bytes as the citizen, then puts `bytes` in their place, as a file stored before the check would be. */
async function storedAs(page: Page, name: string, bytes: Uint8Array): Promise<string> {
	const r = await page.request.post(`${server.url}/api/files?name=${encodeURIComponent(name)}`, {
		headers: { 'content-type': 'application/pdf' },
		data: Buffer.from(PDF_BYTES)
	});
	expect(r.status()).toBe(201);
	const { id } = await r.json();
	writeFileSync(join(server.dataDir, 'files', id), bytes);
	return `/api/files/${id}`;
}

/** Issue 12's attack: an administrator's catalog upload named tpl.html holding a page, public at /catalog-files/<id>.html. */
async function catalogPage(): Promise<string> {
	const admin = new Client(server.url);
	await admin.login('admin');
	const r = await fetch(`${server.url}/api/catalog-files?name=tpl.html`, {
		method: 'POST',
		headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'text/html' },
		body: PDF_BYTES
	});
	const { id, ref } = await r.json();
	writeFileSync(join(server.dataDir, 'files', id), DISGUISED[0].bytes);
	return ref;
}

describe('disguised files in Chromium', () => {
	it('the payload runs when rendered as a page (the check below can see it)', async () => {
		const page = await (await browser.newContext()).newPage();
		const seen = watch(page);
		await page.goto(`${server.url}/api/items`); // an origin page without the CSP: pages have one
		await page.setContent(DISGUISED[0].body);
		await expect.poll(() => seen.some((s) => s.startsWith('console: PWNED'))).toBe(true);
		await page.context().close();
	});

	it('opened by a signed-in citizen, or framed in one of our pages, none runs: they download or show as PDF', { timeout: 120_000 }, async () => {
		const page = await signIn(browser, server.url, 'zhangsan');
		const seen = watch(page);
		const urls = [
			...(await Promise.all(DISGUISED.map((d) => storedAs(page, d.name, d.bytes)))),
			await catalogPage(),
			'/catalog-files/evil-html.pdf',
			'/catalog-files/evil-svg.jpg',
			'/catalog-files/evil-xhtml.pdf'
		];
		const downloaded: string[] = [];
		for (const url of urls) {
			const download = page.waitForEvent('download', { timeout: 10_000 }).catch(() => undefined);
			await page.goto(server.url + url).catch(() => undefined); // a download aborts the navigation
			const d = await download;
			if (d?.url() === server.url + url) downloaded.push(url);
			await d?.cancel();
		}
		// a PDF by its bytes with a page inside is shown (or downloaded) as a PDF
		const polyglot = await storedAs(page, 'poly.html', POLYGLOT);
		const served = await page.request.get(server.url + polyglot);
		expect(served.headers()['content-type']).toBe('application/pdf');
		await page.goto(server.url + polyglot).catch(() => undefined);
		// framed inside our own page, as the case page frames materials
		await page.goto(`${server.url}/`);
		for (const url of [...urls, polyglot])
			await page.evaluate((src) => {
				const f = document.createElement('iframe');
				f.src = src;
				document.body.append(f);
			}, url);
		await page.waitForTimeout(1500);
		expect(await page.title()).not.toBe('PWNED');
		expect(seen).toEqual([]);
		expect(downloaded).toEqual(urls);
		await page.context().close();
	});
});
