/** A problem in a definition: where (file, JSON path) and what, in Chinese. */
export interface DefinitionIssue {
	file: string;
	path: string;
	message: string;
	severity: 'error' | 'warning';
}

/** Formats a path array as `materials[2].sources[0].licenceType`. */
export function jsonPath(parts: readonly PropertyKey[]): string {
	let out = '';
	for (const p of parts) {
		if (typeof p === 'number') out += `[${p}]`;
		else if (/^[A-Za-z_$][\w$]*$/.test(String(p))) out += out ? `.${String(p)}` : String(p);
		else out += `[${JSON.stringify(String(p))}]`;
	}
	return out || '(根)';
}

/** The inverse of jsonPath: `materials[1].templateFile` → ['materials', 1, 'templateFile']. */
export function parseJsonPath(path: string): (string | number)[] {
	if (!path || path === '(根)') return [];
	const out: (string | number)[] = [];
	const re = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\.?([A-Za-z_$][\w$]*)/g;
	for (let m; (m = re.exec(path));) out.push(m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? JSON.parse(`"${m[2]}"`) : m[3]);
	return out;
}
