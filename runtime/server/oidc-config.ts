// OpenID Connect sign-in settings, read from the environment (OIDC_*). Unset OIDC_ISSUER: no OIDC sign-in.
export interface OidcConfig {
	issuer: URL;
	clientId: string;
	clientSecret?: string;
	/** undefined: the app's origin + /login/oidc/callback */
	redirectUri?: string;
	scope: string;
	/** http:// issuer on a loopback address (tests, a local provider) */
	insecure: boolean;
	claims: { name: string; phone: string; idNumber: string; roles: string; department: string };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The settings, undefined when OIDC_ISSUER is unset; throws a message naming the variable when one is wrong. */
export function readOidcConfig(env: Record<string, string | undefined> = process.env): OidcConfig | undefined {
	const issuerText = env.OIDC_ISSUER?.trim();
	if (!issuerText) return undefined;
	let issuer: URL;
	try {
		issuer = new URL(issuerText);
	} catch {
		throw new Error(`OIDC_ISSUER 不是有效的网址：${issuerText}`);
	}
	const insecure = issuer.protocol === 'http:';
	if (issuer.protocol !== 'https:' && !(insecure && LOOPBACK.has(issuer.hostname)))
		throw new Error(`OIDC_ISSUER 须为 https:// 网址（http:// 仅限本机地址）：${issuerText}`);
	const clientId = env.OIDC_CLIENT_ID?.trim();
	if (!clientId) throw new Error('已设置 OIDC_ISSUER，但缺少 OIDC_CLIENT_ID');
	const redirectUri = env.OIDC_REDIRECT_URI?.trim() || undefined;
	if (redirectUri && !/^https?:\/\//.test(redirectUri)) throw new Error(`OIDC_REDIRECT_URI 须为完整网址：${redirectUri}`);
	const claim = (name: string, fallback: string) => env[name]?.trim() || fallback;
	return {
		issuer,
		clientId,
		clientSecret: env.OIDC_CLIENT_SECRET || undefined,
		redirectUri,
		scope: env.OIDC_SCOPE?.trim() || 'openid profile phone',
		insecure,
		claims: {
			name: claim('OIDC_CLAIM_NAME', 'name'),
			phone: claim('OIDC_CLAIM_PHONE', 'phone_number'),
			idNumber: claim('OIDC_CLAIM_ID_NUMBER', 'id_number'),
			roles: claim('OIDC_CLAIM_ROLES', 'roles'),
			department: claim('OIDC_CLAIM_DEPARTMENT', 'department')
		}
	};
}

let cached: { config: OidcConfig | undefined } | undefined;

/** The process's settings (read once); wrong settings are logged and leave OIDC sign-in off. */
export function oidcConfig(): OidcConfig | undefined {
	if (!cached) {
		try {
			cached = { config: readOidcConfig() };
		} catch (e) {
			console.error(`统一身份认证未启用：${(e as Error).message}`);
			cached = { config: undefined };
		}
	}
	return cached.config;
}
