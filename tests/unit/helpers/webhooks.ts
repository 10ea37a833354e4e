// A webhook receiver for tests, Standard Webhooks verification as a receiver does it, and the 推送 admin page's form actions.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import * as devalue from 'devalue';
import { Client } from './server';

export interface Received {
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
}

/** Records every request; answers with `status(path)` (200 unless told otherwise). */
export async function startReceiver(status: (path: string) => number = () => 200) {
	const received: Received[] = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			received.push({ path: req.url ?? '', headers: req.headers, body });
			res.statusCode = status(req.url ?? '');
			res.end(res.statusCode === 200 ? 'ok' : 'receiver down');
		});
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	return {
		base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
		received,
		at: (path: string) => received.filter((r) => r.path === path),
		close: () => new Promise<void>((ok) => server.close(() => ok()))
	};
}

export function verified(secret: string, r: Received): boolean {
	const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
	const expected = createHmac('sha256', key).update(`${r.headers['webhook-id']}.${r.headers['webhook-timestamp']}.${r.body}`).digest();
	return String(r.headers['webhook-signature'])
		.split(' ')
		.some((sig) => {
			const [version, value] = sig.split(',');
			const given = Buffer.from(value ?? '', 'base64');
			return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
		});
}

/** Posts one of the admin page's form actions as the administrator; returns the action's result. */
export async function adminAction(base: string, action: string, fields: [string, string][]) {
	const admin = new Client(base);
	await admin.login('admin');
	const r = await fetch(`${base}/workbench/admin/webhooks?/${action}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${admin.token}`, origin: base, accept: 'application/json', 'x-sveltekit-action': 'true' },
		body: new URLSearchParams(fields)
	});
	const out = await r.json();
	return { type: out.type as string, data: devalue.parse(out.data) as any };
}

export async function until<T>(what: string, probe: () => T | undefined, ms = 15_000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = probe();
		if (v) return v;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}
