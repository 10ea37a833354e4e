import { api } from '$server/http';

/** The public keys licences are signed with (RFC 7517), retired ones too: what they signed keeps verifying. */
export const GET = api(
	async ({ app }) =>
		new Response(JSON.stringify(await app.licenceKeys.jwks(app.cryptoSuite)), {
			headers: { 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' }
		}),
	{ auth: false }
);
