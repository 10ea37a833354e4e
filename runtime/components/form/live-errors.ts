// Errors that go as they are fixed: a shown error stays while its input is unchanged; once changed, the browser's own
// check decides (a problem it does not check, such as a file's owner, goes until the server names it again).

const norm = (_: string, v: unknown) => (v === '' || v === null || (typeof v === 'number' && Number.isNaN(v)) ? undefined : v);

/** What fixing the error at `path` changes: the field's value (or the material's choice), the answers and the licence consent. */
export function inputsOf(
	path: string,
	state: { answers: Record<string, unknown>; values: Record<string, unknown>; provided: Record<string, unknown>; consent: boolean }
): string {
	const value = path.startsWith('materials.')
		? state.provided[path.slice('materials.'.length)]
		: path.startsWith('answers.')
			? undefined
			: path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), state.values);
	return JSON.stringify([value ?? null, state.answers, state.consent], norm);
}

/** The errors still standing, or undefined when nothing changed. */
export function standing(
	errors: Record<string, string>,
	seen: Record<string, string>,
	now: Record<string, string>,
	inputs: (path: string) => string
): Record<string, string> | undefined {
	const out: Record<string, string> = {};
	let changed = false;
	for (const [path, message] of Object.entries(errors)) {
		if (!message) continue;
		if (inputs(path) === seen[path]) out[path] = message;
		else if (now[path]) {
			out[path] = now[path];
			changed ||= now[path] !== message;
		} else changed = true;
	}
	return changed ? out : undefined;
}
