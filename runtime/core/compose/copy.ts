// A deep copy of plain JSON data (definitions as parsed), equal to JSON.parse(JSON.stringify(v)) for such data — keys
// holding undefined are dropped, undefined array slots become null — at a fraction of the cost of that round trip or
// of structuredClone.
export function copyJson<T>(v: T): T {
	if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : copyJson(x))) as T;
	if (!v || typeof v !== 'object') return v;
	const out: Record<string, unknown> = {};
	for (const k of Object.keys(v)) {
		const x = (v as Record<string, unknown>)[k];
		if (x === undefined) continue;
		// a key named __proto__ stays an own property, as JSON.parse makes it
		if (k === '__proto__') Object.defineProperty(out, k, { value: copyJson(x), enumerable: true, writable: true, configurable: true });
		else out[k] = copyJson(x);
	}
	return out as T;
}
