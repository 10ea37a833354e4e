// What changed between two versions of a definition, path by path.
export interface Change {
	path: string;
	kind: 'added' | 'removed' | 'changed';
	before?: unknown;
	after?: unknown;
}

export function diff(a: unknown, b: unknown, path = ''): Change[] {
	if (JSON.stringify(a) === JSON.stringify(b)) return [];
	const isObj = (v: unknown) => v !== null && typeof v === 'object';
	if (!isObj(a) || !isObj(b) || Array.isArray(a) !== Array.isArray(b)) return [{ path: path || '(根)', kind: 'changed', before: a, after: b }];
	const out: Change[] = [];
	const ka = Object.keys(a as object);
	const kb = Object.keys(b as object);
	for (const k of new Set([...ka, ...kb])) {
		const p = path ? (Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`) : k;
		const va = (a as Record<string, unknown>)[k];
		const vb = (b as Record<string, unknown>)[k];
		if (!ka.includes(k)) out.push({ path: p, kind: 'added', after: vb });
		else if (!kb.includes(k)) out.push({ path: p, kind: 'removed', before: va });
		else out.push(...diff(va, vb, p));
	}
	return out;
}
