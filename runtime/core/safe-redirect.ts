/**
 * A redirect target taken from input (`?next=`), kept only when it is a path on this origin: it must start with one
 * `/`, and `//`, `/\`, any backslash, control or whitespace characters, and anything that resolves to another
 * origin are refused. Returns the normalised path (pathname + search + hash), or `fallback`.
 */
export function safeRedirectPath(next: string | null | undefined, origin: string, fallback = '/'): string {
	if (!next || next.length > 2000) return fallback;
	if (!next.startsWith('/') || next.startsWith('//')) return fallback;
	// browsers read `\` as `/` and drop tabs and newlines inside URLs: `/\evil.example` and `/\t/evil.example` leave the site
	// eslint-disable-next-line no-control-regex
	if (/[\\\u0000-\u0020\u007f-\u009f\u2028\u2029]/.test(next)) return fallback;
	let resolved: URL;
	try {
		resolved = new URL(next, origin);
	} catch {
		return fallback;
	}
	const base = new URL(origin);
	if (resolved.origin !== base.origin) return fallback;
	const path = resolved.pathname + resolved.search + resolved.hash;
	// normalisation must not turn it into a protocol-relative URL (`/.//evil.example`)
	return path.startsWith('//') ? fallback : path;
}
