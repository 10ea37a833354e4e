import { json } from '@sveltejs/kit';
import { HttpError } from '$core/errors';
import { actorOf, clearSessionCookie, requestToken, setSessionCookie } from '$server/auth';
import { Credentials } from '$server/api-bodies';
import { api, parseBody, readJson } from '$server/http';
import { login } from '$server/login';

/**
 * Signs in: 401 for a wrong username or password; 429 with the wait (and Retry-After) while the username or address is
 * locked. An account with two-factor sign-in answers 401 with `needs: 'totp'` (send `code`, with the password again or
 * with the returned `challenge`) or `needs: 'totp-enrol'` (the new secret and otpauth URI: confirm with `challenge` and `code`).
 */
export const POST = api(
	async ({ app, event }) => {
		const creds = parseBody(Credentials, await readJson(event.request));
		const outcome = await login(app, creds, event.getClientAddress());
		if (!outcome.ok) {
			if (outcome.status === 429)
				return json(
					{ message: outcome.message, retryAfterSeconds: outcome.retryAfterSeconds },
					{ status: 429, headers: { 'retry-after': String(outcome.retryAfterSeconds) } }
				);
			const { needs, challenge, enrol } = outcome;
			throw new HttpError(outcome.status, outcome.message, undefined, needs ? { needs, challenge, ...(enrol ? { enrol } : {}) } : undefined);
		}
		const { account } = outcome;
		const { token, expiresAt } = await app.sessions.issue(account.id);
		setSessionCookie(event.cookies, event.url, token, expiresAt);
		return { token, expiresAt, actor: actorOf(account), profile: account.profile };
	},
	{ auth: false }
);

export const GET = api(async ({ actor }) => ({ actor }));

/** Signs out: the session (bearer or cookie) ends at once for every process. */
export const DELETE = api(
	async ({ app, event }) => {
		await app.sessions.end(requestToken(event.request, event.cookies));
		clearSessionCookie(event.cookies, event.url);
		return { ok: true };
	},
	{ auth: false }
);
