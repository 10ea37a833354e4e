import { fail, redirect } from '@sveltejs/kit';
import { safeRedirectPath } from '$core/safe-redirect';
import { getApp } from '$server/app';
import { setSessionCookie } from '$server/auth';
import { guardActions } from '$server/body-limits';
import { CHALLENGE_EXPIRED, login, NEEDS_ENROL, NEEDS_TOTP, WRONG_CREDENTIALS, type SecondStep } from '$server/login';
import { homeOf } from '$server/login-home';
import { oidcConfig } from '$server/oidc-config';
import type { OidcFailure } from '$server/oidc';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

/** what a refused post shows: the message, and the second step when the password was right */
type LoginForm = { username: string; message: string } & Partial<SecondStep>;
const refuse = (status: number, data: LoginForm) => fail(status, data);
// the sign-in service's answers in the page's language (the API keeps them in Chinese)
const SHOWN: Record<string, () => string> = {
	[WRONG_CREDENTIALS]: m.login_wrong,
	[NEEDS_TOTP]: m.login_needs_totp,
	[NEEDS_ENROL]: m.login_needs_enrol,
	[CHALLENGE_EXPIRED]: m.login_expired
};

const OIDC_SHOWN: Record<OidcFailure, () => string> = {
	state: m.login_oidc_state,
	provider: m.login_oidc_provider,
	claims: m.login_oidc_claims,
	unavailable: m.login_oidc_unavailable,
	exchange: m.login_oidc_exchange
};

/** whether the unified identity button shows, and why the last OIDC sign-in was refused (?oidc=) */
export const load: PageServerLoad = ({ url }) => {
	const reason = url.searchParams.get('oidc') ?? '';
	const shown = Object.hasOwn(OIDC_SHOWN, reason) ? OIDC_SHOWN[reason as OidcFailure]() : undefined;
	const next = url.searchParams.get('next');
	return { oidc: !!oidcConfig(), oidcHref: next ? `/login/oidc?${new URLSearchParams({ next })}` : '/login/oidc', oidcError: shown };
};

export const actions: Actions = guardActions({
	/** step 1: username and password; step 2 (two-factor accounts): the challenge it returned and the code */
	default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const challenge = String(form.get('challenge') ?? '');
		const code = String(form.get('code') ?? '').trim();
		if (challenge) {
			if (challenge.length > 2000 || code.length > 20) return refuse(400, { username: '', message: m.login_code_format() });
		} else {
			if (!username || !password) return refuse(400, { username, message: m.login_enter_both() });
			if (username.length > 200 || password.length > 1024) return refuse(400, { username: '', message: m.login_too_long() });
		}
		const app = await getApp();
		const outcome = await login(app, challenge ? { challenge, code } : { username, password }, getClientAddress());
		if (!outcome.ok) {
			if (outcome.retryAfterSeconds) setHeaders({ 'retry-after': String(outcome.retryAfterSeconds) });
			const { needs, challenge: next, enrol } = outcome;
			return refuse(outcome.status, { username, message: SHOWN[outcome.message]?.() ?? outcome.message, ...(needs ? { needs, challenge: next, enrol } : {}) });
		}
		const { account } = outcome;
		const { token, expiresAt } = await app.sessions.issue(account.id);
		setSessionCookie(cookies, url, token, expiresAt);
		redirect(303, safeRedirectPath(url.searchParams.get('next'), url.origin, homeOf(account)));
	}
});
