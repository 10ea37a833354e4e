// OpenID Connect sign-in (authorization code flow with PKCE, state and nonce) against a unified identity service:
// the claims become a citizen's profile or a staff member's roles and department; the session is the same server-side
// session a local sign-in gets. The flow's secrets wait in a short-lived signed HttpOnly cookie.
import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import { auditEntry } from '../core/audit';
import { safeRedirectPath } from '../core/safe-redirect';
import type { Account } from '../core/store';
import type { App } from './app';
import type { OidcConfig } from './oidc-config';
import { tokenSigner } from './signed-token';

export const OIDC_COOKIE = 'oidc_flow';
const FLOW_MS = 10 * 60e3;

/** what the callback needs again: state, PKCE verifier, nonce, where to go afterwards; `e` its expiry */
interface Flow {
	s: string;
	v: string;
	n: string;
	next: string;
	e: number;
}
const flows = tokenSigner<Flow>('oidcFlowKey');

/** Why a sign-in was refused; the login page shows each in the reader's language. */
export type OidcFailure = 'state' | 'provider' | 'claims' | 'unavailable' | 'exchange';

let discovered: { key: OidcConfig; config: Promise<client.Configuration> } | undefined;

/** The provider's metadata, fetched once (again after a failure). */
function configuration(cfg: OidcConfig): Promise<client.Configuration> {
	if (discovered?.key === cfg) return discovered.config;
	const auth = cfg.clientSecret ? client.ClientSecretBasic(cfg.clientSecret) : client.None();
	const config = client.discovery(cfg.issuer, cfg.clientId, undefined, auth, cfg.insecure ? { execute: [client.allowInsecureRequests] } : undefined);
	discovered = { key: cfg, config };
	config.catch(() => discovered?.config === config && (discovered = undefined));
	return config;
}

export const redirectUriOf = (cfg: OidcConfig, origin: string) => cfg.redirectUri ?? `${origin}/login/oidc/callback`;

/** The provider's authorization URL and the signed cookie value that goes with it; undefined when discovery fails. */
export async function startOidc(app: App, cfg: OidcConfig, origin: string, next: string | null): Promise<{ url: string; cookie: string } | undefined> {
	let config: client.Configuration;
	try {
		config = await configuration(cfg);
	} catch (e) {
		console.error('统一身份认证服务发现失败：', (e as Error).message);
		return undefined;
	}
	const flow: Flow = {
		s: client.randomState(),
		v: client.randomPKCECodeVerifier(),
		n: client.randomNonce(),
		next: safeRedirectPath(next, origin, ''),
		e: app.time.now().getTime() + FLOW_MS
	};
	const url = client.buildAuthorizationUrl(config, {
		redirect_uri: redirectUriOf(cfg, origin),
		scope: cfg.scope,
		code_challenge: await client.calculatePKCECodeChallenge(flow.v),
		code_challenge_method: 'S256',
		state: flow.s,
		nonce: flow.n
	});
	return { url: url.href, cookie: await flows.sign(app.store, flow) };
}

export type OidcOutcome = { ok: true; account: Account; next: string } | { ok: false; reason: OidcFailure; detail?: string };

/** The callback: checks state, exchanges the code, reads the claims, finds or creates the account. */
export async function finishOidc(app: App, cfg: OidcConfig, callbackUrl: URL, cookie: string | undefined, origin: string): Promise<OidcOutcome> {
	const params = callbackUrl.searchParams;
	const flow = cookie ? await flows.verify(app.store, cookie, app.time.now().getTime()) : undefined;
	if (!flow || params.get('state') !== flow.s) return { ok: false, reason: 'state' };
	const error = params.get('error');
	if (error) return { ok: false, reason: 'provider', detail: (params.get('error_description') || error).slice(0, 200) };
	let claims: Record<string, unknown>;
	try {
		const config = await configuration(cfg);
		// the URL the provider redirected to, as registered (the app may sit behind a proxy)
		const current = new URL(redirectUriOf(cfg, origin));
		current.search = callbackUrl.search;
		const tokens = await client.authorizationCodeGrant(config, current, {
			pkceCodeVerifier: flow.v,
			expectedState: flow.s,
			expectedNonce: flow.n,
			idTokenExpected: true
		});
		const idClaims = tokens.claims()!;
		claims = { ...idClaims };
		if (config.serverMetadata().userinfo_endpoint) Object.assign(claims, await client.fetchUserInfo(config, tokens.access_token, idClaims.sub));
	} catch (e) {
		console.error('统一身份认证换取令牌失败：', (e as Error).message);
		return { ok: false, reason: 'exchange' };
	}
	const mapped = mapClaims(app, cfg, claims);
	if ('missing' in mapped) return { ok: false, reason: 'claims', detail: mapped.missing.join('、') };
	const account = await upsertAccount(app, cfg, String(claims.sub), mapped);
	return { ok: true, account, next: flow.next };
}

interface Mapped {
	name: string;
	phone?: string;
	idNumber?: string;
	roles: string[];
	department?: string;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : undefined);

/**
 * Claims → profile and roles: only staff roles of the roles dictionary count (none: a citizen, 申请人); the platform
 * administrator is never granted by the identity service (kept to local accounts).
 */
export function mapClaims(app: App, cfg: OidcConfig, claims: Record<string, unknown>): Mapped | { missing: string[] } {
	const c = cfg.claims;
	const known = new Set(app.catalog.dictionaries.roles.map((r) => r.id));
	const given = claims[c.roles];
	const list = Array.isArray(given) ? given : typeof given === 'string' ? given.split(/[\s,]+/) : [];
	const roles = [...new Set(list.filter((r): r is string => typeof r === 'string' && known.has(r) && r !== 'applicant' && r !== 'admin'))];
	const department = text(claims[c.department]);
	const departments = new Set(app.catalog.dictionaries.departments.map((d) => d.id));
	const staff = roles.length > 0;
	const name = text(claims[c.name]);
	const idNumber = text(claims[c.idNumber]);
	const missing = [!name && c.name, !staff && !idNumber && c.idNumber].filter((m): m is string => !!m);
	if (missing.length) return { missing };
	return {
		name: name!,
		phone: text(claims[c.phone]),
		idNumber,
		roles: staff ? roles : ['applicant'],
		department: staff && department && departments.has(department) ? department : undefined
	};
}

/** The local account linked to `<issuer>#<sub>`: username `oidc-<hash>`, the link kept in profile.oidc. */
async function upsertAccount(app: App, cfg: OidcConfig, sub: string, m: Mapped): Promise<Account> {
	const link = `${cfg.issuer.href}#${sub}`;
	const username = `oidc-${createHash('sha256').update(link).digest('hex').slice(0, 24)}`;
	const existing = await app.store.accounts.byUsername(username);
	const profile: Record<string, unknown> = { ...existing?.profile, oidc: link, name: m.name };
	if (m.phone) profile.phone = m.phone;
	if (m.idNumber) profile.idNumber = m.idNumber;
	const account: Account = {
		...(existing ?? { id: username, username, passwordHash: '' }),
		name: m.name,
		roles: m.roles,
		department: m.department,
		profile
	};
	if (!account.department) delete account.department;
	await app.store.accounts.put(account);
	const at = app.time.now().toISOString();
	await app.store.audit.append(auditEntry(at, account.id, existing ? 'login.oidc' : 'account.oidc_create', undefined, { issuer: cfg.issuer.href }));
	return account;
}
