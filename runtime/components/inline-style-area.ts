// The part of the app whose pages allow inline styles (monaco, @xyflow/svelte): the server relaxes their CSP
// (runtime/server/csp.ts), and the browser reloads the document when a client-side navigation enters it.
export const INLINE_STYLE_AREA = '/studio';

export const needsInlineStyles = (pathname: string) => pathname === INLINE_STYLE_AREA || pathname.startsWith(`${INLINE_STYLE_AREA}/`);
