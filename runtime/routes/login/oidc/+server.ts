import { error, redirect } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { OIDC_COOKIE, startOidc } from '$server/oidc';
import { oidcConfig } from '$server/oidc-config';
import type { RequestHandler } from './$types';

/** Sends the browser to the unified identity service (state, PKCE and nonce wait in a signed cookie for the callback). */
export const GET: RequestHandler = async ({ url, cookies }) => {
	const cfg = oidcConfig();
	if (!cfg) error(404, '未配置统一身份认证');
	const started = await startOidc(await getApp(), cfg, url.origin, url.searchParams.get('next'));
	if (!started) redirect(303, '/login?oidc=unavailable');
	cookies.set(OIDC_COOKIE, started.cookie, { path: '/login/oidc', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: 600 });
	redirect(303, started.url);
};
