// Security headers on every response the app answers (pages, API, files). The Content-Security-Policy comes from kit.csp.

export const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
	// file routes that show a PDF or image inside our own pages set SAMEORIGIN themselves
	'x-frame-options': 'DENY'
};

/** Adds the headers a route has not set itself; nosniff is always forced. */
export function withSecurityHeaders(response: Response): Response {
	const apply = (r: Response) => {
		for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (k === 'x-content-type-options' || !r.headers.has(k)) r.headers.set(k, v);
		return r;
	};
	try {
		return apply(response);
	} catch {
		// headers of Response.redirect() and fetched responses are immutable: copy them
		return apply(new Response(response.body, response));
	}
}
