// A real OpenID Connect provider for tests (oidc-provider) with one confidential client and fixed accounts; its
// development login and consent pages accept any login name.
import type { Server } from 'node:http';
import Provider from 'oidc-provider';

export interface TestProvider {
	issuer: string;
	close(): Promise<void>;
}

/** Listens on 127.0.0.1:`port`; `accounts` maps a login name (the subject) to its claims. */
export async function startProvider(opts: {
	port: number;
	clientId: string;
	clientSecret: string;
	redirectUri: string;
	accounts: Record<string, Record<string, unknown>>;
}): Promise<TestProvider> {
	const issuer = `http://127.0.0.1:${opts.port}`;
	const provider = new Provider(issuer, {
		clients: [{ client_id: opts.clientId, client_secret: opts.clientSecret, redirect_uris: [opts.redirectUri], grant_types: ['authorization_code'] }],
		claims: { openid: ['sub'], profile: ['name', 'id_number', 'roles', 'department'], phone: ['phone_number'] },
		cookies: { keys: ['test-cookie-key'] },
		pkce: { required: () => true },
		features: { devInteractions: { enabled: true } },
		async findAccount(_ctx, sub) {
			const claims = opts.accounts[sub];
			return claims && { accountId: sub, claims: async () => ({ ...claims, sub }) };
		}
	});
	const server: Server = await new Promise((ok) => {
		const s = provider.listen(opts.port, '127.0.0.1', () => ok(s));
	});
	return { issuer, close: () => new Promise((ok) => server.close(() => ok())) };
}
