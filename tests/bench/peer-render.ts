// Checks that a peer app's bundle really renders the form in Chromium, so the bench never weighs a broken build.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';

export interface PeerChunk {
	fileName: string;
	code: string;
	isEntry: boolean;
}

const EXECUTABLE = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** Serves the chunks on a page with `<div id="app">` and counts the form controls it renders: a note for the bench row. */
export async function renderCheck(chunks: PeerChunk[]): Promise<string> {
	const entry = chunks.find((c) => c.isEntry);
	if (!entry) return '✘ no entry chunk';
	if (!EXECUTABLE) return 'not rendered (no Chromium)';
	const files = new Map(chunks.map((c) => [`/${c.fileName}`, c.code]));
	const server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://x').pathname;
		const code = files.get(path);
		if (path === '/')
			res
				.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
				.end(`<!doctype html><div id="app"></div><script type="module" src="/${entry.fileName}"></script>`);
		else if (code !== undefined) res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
		else res.writeHead(404).end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const browser = await chromium.launch({ executablePath: EXECUTABLE, args: ['--no-sandbox', '--disable-gpu'] });
	try {
		const page = await browser.newPage();
		const errors: string[] = [];
		const remote = new Set<string>();
		page.on('pageerror', (e) => errors.push(e.message));
		page.on('request', (r) => void (new URL(r.url()).hostname !== '127.0.0.1' && remote.add(new URL(r.url()).hostname)));
		await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
		const controls = () => document.querySelectorAll('#app input, #app select, #app textarea').length;
		await page.waitForFunction(controls, undefined, { timeout: 15_000 }).catch(() => undefined);
		await page.waitForTimeout(500);
		const count = await page.evaluate(controls);
		if (errors.length || !count) return `✘ does not render${errors.length ? `: ${errors[0]}` : ''}`;
		return remote.size ? `✘ fetches from ${[...remote].join(', ')} at run time` : `renders ${count} form controls`;
	} finally {
		await browser.close();
		server.close();
	}
}
