import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleInput, dictionaries, itemEdu, itemEthnic, itemOverseas } from '../fixtures/catalog';

export function tempDir(prefix = 'onething-'): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes the unit-test fixture catalog in the definitions/ layout. */
export function writeFixtureCatalog(dir = tempDir('catalog-')): string {
	for (const sub of ['dictionaries', 'items', 'bundles']) mkdirSync(join(dir, sub), { recursive: true });
	const d = dictionaries;
	const files: Record<string, unknown> = {
		'dictionaries/departments.json': d.departments,
		'dictionaries/regions.json': d.regions,
		'dictionaries/roles.json': d.roles,
		'dictionaries/licence-types.json': d.licenceTypes,
		'dictionaries/semantic-keys.json': d.semanticKeys,
		'dictionaries/calendar-2026.json': d.calendars[0],
		'bundles/bonus-bundle.json': bundleInput
	};
	for (const item of [itemEdu, itemOverseas, itemEthnic]) files[`items/${item.id}.json`] = item;
	for (const [f, v] of Object.entries(files)) writeFileSync(join(dir, f), JSON.stringify(v, null, 2));
	return dir;
}

async function freePort(): Promise<number> {
	return new Promise((ok) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => ok(port));
		});
	});
}

export interface RunningServer {
	url: string;
	dataDir: string;
	proc: ChildProcess;
	output: () => string;
	stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the built app (build/index.js) on a free port with its own data folder (or the given one); `env` overrides the environment. */
export async function startServer(
	opts: {
		dataDir?: string;
		definitionsDir?: string;
		testClock?: boolean;
		/** added last, e.g. DATABASE_URL */
		env?: Record<string, string>;
		/** how long to wait for the first answer (default 60 s; a first start on a large catalog takes longer) and how often to ask (default 100 ms) */
		readyTimeoutMs?: number;
		pollMs?: number;
	} = {}
): Promise<RunningServer> {
	const port = await freePort();
	const dataDir = opts.dataDir ?? tempDir('data-');
	let out = '';
	const proc = spawn(process.execPath, [resolve(process.env.TEST_BUILD_DIR ?? 'build', 'index.js')], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			DEFINITIONS_DIR: opts.definitionsDir ?? resolve('definitions'),
			TEST_CLOCK: opts.testClock ? '1' : '',
			ORIGIN: `http://127.0.0.1:${port}`,
			...opts.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	proc.stdout!.on('data', (b) => (out += b));
	proc.stderr!.on('data', (b) => (out += b));
	const url = `http://127.0.0.1:${port}`;
	// a fresh embedded PostgreSQL takes several seconds to initialise, longer on a busy machine
	const pollMs = opts.pollMs ?? 100;
	const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
	for (;;) {
		if (proc.exitCode !== null) throw new Error(`server exited: ${out}`);
		if (Date.now() > deadline) {
			proc.kill();
			throw new Error(`server not up after ${Math.round((opts.readyTimeoutMs ?? 60_000) / 1000)} s: ${out}`);
		}
		try {
			const r = await fetch(`${url}/api/bundles`);
			if (r.ok) break;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, pollMs));
	}
	return {
		url,
		dataDir,
		proc,
		output: () => out,
		stop: (signal = 'SIGTERM') =>
			new Promise((ok) => {
				if (proc.exitCode !== null || proc.signalCode !== null) return ok();
				proc.once('exit', () => ok());
				proc.kill(signal);
			})
	};
}

/** A small JSON client that keeps one session token; `headers` go with every request (e.g. X-Forwarded-For). */
export class Client {
	token?: string;
	constructor(
		readonly base: string,
		readonly headers: Record<string, string> = {}
	) {}
	async login(username: string, password = 'demo123') {
		const r = await this.call('POST', '/api/session', { username, password });
		if (r.status !== 200) throw new Error(`login ${username}: ${JSON.stringify(r.body)}`);
		this.token = r.body.token;
		return r.body;
	}
	async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
		const res = await fetch(this.base + path, {
			method,
			headers: {
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
				...this.headers,
				...headers
			},
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
		});
		const text = await res.text();
		let parsed: any = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			/* not JSON */
		}
		return { status: res.status, body: parsed };
	}
	get = (p: string) => this.call('GET', p);
	post = (p: string, b?: unknown) => this.call('POST', p, b ?? {});
}

/**
 * Moves the test clock (a server with TEST_CLOCK=1) as the administrator. Signs in anew each time, as moving the clock
 * ends sessions, and once more when another server sharing the store moved it between the sign-in and the move.
 */
export async function moveClock(base: string, advanceHours: number) {
	for (let attempt = 0; ; attempt++) {
		const admin = new Client(base);
		await admin.login('admin');
		const r = await admin.post('/api/test/clock', { advanceHours });
		if (r.status !== 401 || attempt > 0) return r;
	}
}
