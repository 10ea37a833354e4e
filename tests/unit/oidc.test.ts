// OpenID Connect sign-in end to end: the built app against a real provider (oidc-provider) started here, driven like a
// browser (redirects followed, cookies kept, the provider's login and consent forms submitted). Needs `npx vite build`.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, writeFixtureCatalog, type RunningServer } from './helpers/server';
import { startProvider, type TestProvider } from './helpers/oidc-provider';

const freePort = () =>
	new Promise<number>((ok) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => ok(port));
		});
	});

const CITIZEN = { name: '王小明', phone_number: '13900001111', id_number: '350503199001011234' };
const accounts: Record<string, Record<string, unknown>> = {
	wxm: { ...CITIZEN },
	// roles outside the dictionary and the administrator are not granted
	chen: { name: '陈审查', roles: ['reviewer', 'admin', 'superuser'], department: 'edu' },
	noid: { name: '无证号' }
};

let app: RunningServer;
let provider: TestProvider;
beforeAll(async () => {
	const port = await freePort();
	app = await startServer({
		definitionsDir: writeFixtureCatalog(),
		env: { OIDC_ISSUER: `http://127.0.0.1:${port}`, OIDC_CLIENT_ID: 'onething', OIDC_CLIENT_SECRET: 'test-secret-0123456789' }
	});
	// discovery happens at the first sign-in, so the provider may start after the app (it needs the app's callback URL)
	provider = await startProvider({
		port,
		clientId: 'onething',
		clientSecret: 'test-secret-0123456789',
		redirectUri: `${app.url}/login/oidc/callback`,
		accounts
	});
}, 120_000);
afterAll(async () => {
	await provider?.close();
	await app?.stop();
});

/** Cookies per origin, as a browser keeps them (paths ignored: names do not collide here). */
class Jar {
	private byOrigin = new Map<string, Map<string, string>>();
	header(url: URL) {
		return [...(this.byOrigin.get(url.origin) ?? [])].map(([k, v]) => `${k}=${v}`).join('; ');
	}
	get(url: string, name: string) {
		return this.byOrigin.get(new URL(url).origin)?.get(name);
	}
	take(url: URL, res: Response) {
		const jar = this.byOrigin.get(url.origin) ?? new Map<string, string>();
		this.byOrigin.set(url.origin, jar);
		for (const line of res.headers.getSetCookie()) {
			const [pair, ...attrs] = line.split(';');
			const [name, value] = [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim()];
			const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]).getTime() < Date.now()));
			if (gone || !value) jar.delete(name);
			else jar.set(name, value);
		}
	}
}

const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];

/**
 * Follows a sign-in from `start` like a browser: redirects, and the provider's forms (login with `login`, then consent).
 * `rewrite` may change a URL before it is requested. Returns the final URL and page.
 */
async function browse(start: string, jar: Jar, login: string, rewrite: (u: URL) => URL = (u) => u) {
	let url = new URL(start, app.url);
	let init: RequestInit = {};
	const visited: string[] = [];
	for (let hop = 0; hop < 20; hop++) {
		url = rewrite(url);
		visited.push(url.href);
		const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as object), cookie: jar.header(url) } });
		jar.take(url, res);
		init = {};
		const location = res.headers.get('location');
		if (res.status >= 300 && res.status < 400 && location) {
			url = new URL(location, url);
			continue;
		}
		const body = await res.text();
		const form = url.origin === provider.issuer ? body.match(/<form[^>]*>[\s\S]*?<\/form>/)?.[0] : undefined;
		if (!form) return { url, status: res.status, body, visited };
		const fields = new URLSearchParams();
		for (const input of form.match(/<input[^>]*>/g) ?? []) {
			const name = attr(input, 'name');
			if (name) fields.set(name, attr(input, 'value') ?? '');
		}
		if (fields.has('login')) fields.set('login', login);
		if (fields.has('password')) fields.set('password', 'any');
		url = new URL(attr(form.match(/<form[^>]*>/)![0], 'action')!, url);
		init = { method: 'POST', body: fields, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
	}
	throw new Error('too many redirects');
}

const session = (jar: Jar, path = '/api/session') => fetch(app.url + path, { headers: { cookie: jar.header(new URL(app.url)) } });

describe('OpenID Connect sign-in', () => {
	it('offers 使用统一身份认证登录 on the login page', async () => {
		const html = await (await fetch(`${app.url}/login`)).text();
		expect(html).toContain('使用统一身份认证登录');
		expect(html).toContain('href="/login/oidc"');
	});

	let firstId = '';
	it('creates a citizen with the claimed name, phone and ID number, signed in with a server-side session', async () => {
		const jar = new Jar();
		const end = await browse('/login/oidc', jar, 'wxm');
		expect(end.visited.some((u) => u.startsWith(`${provider.issuer}/interaction/`))).toBe(true);
		expect(end.url.href).toBe(`${app.url}/cases`);
		expect(end.status).toBe(200);
		const me = await session(jar);
		expect(me.status).toBe(200);
		const { actor } = await me.json();
		expect(actor).toMatchObject({ name: '王小明', roles: ['applicant'] });
		const data = await (await session(jar, '/api/me/data')).json();
		expect(data.account.profile).toMatchObject({ name: '王小明', phone: '13900001111', idNumber: '350503199001011234' });
		firstId = actor.id;
	});

	it('reuses the account at the next sign-in, taking the new phone number, and logout ends the session', async () => {
		accounts.wxm.phone_number = '13900002222';
		const jar = new Jar();
		const end = await browse('/login/oidc?next=/me/data', jar, 'wxm');
		expect(end.url.href).toBe(`${app.url}/me/data`);
		const { actor } = await (await session(jar)).json();
		expect(actor.id).toBe(firstId);
		const data = await (await session(jar, '/api/me/data')).json();
		expect(data.account.profile).toMatchObject({ phone: '13900002222', idNumber: '350503199001011234' });

		const token = jar.get(app.url, 'session')!;
		expect(token).toBeTruthy();
		const out = await fetch(`${app.url}/logout`, {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie: `session=${token}`, origin: app.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: ''
		});
		expect(out.status).toBe(303);
		const after = await fetch(`${app.url}/api/session`, { headers: { cookie: `session=${token}` } });
		expect(after.status).toBe(401);
	});

	it('maps a staff member: dictionary staff roles and department, never the administrator', async () => {
		const jar = new Jar();
		const end = await browse('/login/oidc', jar, 'chen');
		expect(end.url.pathname).toBe('/workbench');
		const { actor } = await (await session(jar)).json();
		expect(actor).toMatchObject({ name: '陈审查', roles: ['reviewer'], department: 'edu' });
	});

	it('refuses a tampered state with a message, and signs nobody in', async () => {
		const jar = new Jar();
		const tamper = (u: URL) => {
			if (u.pathname === '/login/oidc/callback') u.searchParams.set('state', 'forged-state');
			return u;
		};
		const end = await browse('/login/oidc', jar, 'wxm', tamper);
		expect(end.url.pathname + end.url.search).toBe('/login?oidc=state');
		expect(end.body).toContain('统一身份认证登录请求已失效或不匹配');
		expect(jar.get(app.url, 'session')).toBeUndefined();
		expect((await session(jar)).status).toBe(401);
	});

	it("answers the provider's refusal and missing claims with a message, never a 500", async () => {
		const jar = new Jar();
		const start = await fetch(`${app.url}/login/oidc`, { redirect: 'manual' });
		jar.take(new URL(app.url), start);
		const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
		const refused = await browse(`/login/oidc/callback?error=access_denied&state=${state}`, jar, 'wxm');
		expect(refused.url.search).toBe('?oidc=provider');
		expect(refused.body).toContain('统一身份认证未完成登录');

		const noId = await browse('/login/oidc', new Jar(), 'noid');
		expect(noId.url.search).toBe('?oidc=claims');
		expect(noId.body).toContain('未提供姓名或身份证件号码');
	});
});
