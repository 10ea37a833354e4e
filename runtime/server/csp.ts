// The CSP itself is Kit's (svelte.config.js: kit.csp, a nonce per page). One relaxation, for the studio only:
// monaco and @xyflow/svelte add <style> elements and style attributes at run time (microsoft/monaco-editor#271),
// so studio pages allow inline *styles*. Scripts stay nonce-only there too; citizen and workbench pages allow no
// inline style but Kit's route announcer (by hash).

import { needsInlineStyles } from '../components/inline-style-area';

/** The page's policy with style-src and style-src-attr opened to inline styles (a nonce or hash would void 'unsafe-inline'). */
export function withInlineStyles(policy: string): string {
	const directives = policy
		.split(';')
		.map((d) => d.trim())
		.filter((d) => d && !/^style-src(-attr)?\s/.test(d));
	return [...directives, "style-src 'self' 'unsafe-inline'", "style-src-attr 'unsafe-inline'"].join('; ');
}

/** Applies the studio's relaxation to a resolved page response. */
export function studioPolicy(pathname: string, response: Response): Response {
	const policy = response.headers.get('content-security-policy');
	if (policy && needsInlineStyles(pathname)) response.headers.set('content-security-policy', withInlineStyles(policy));
	return response;
}
