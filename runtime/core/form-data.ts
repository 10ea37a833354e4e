// HTML form posts ⇄ typed form values, so the rendered form also works without client JavaScript.
type Schema = Record<string, any>;

/** Input name of a field: `d:name`, or `d:group[2].sub` inside a repeatable group. */
export const inputName = (field: string, row?: number, sub?: string) => (row === undefined ? `d:${field}` : `d:${field}[${row}].${sub}`);

function coerce(prop: Schema | undefined, raw: string): unknown {
	const text = raw.trim();
	if (text === '') return undefined;
	if (prop?.type === 'number' || prop?.type === 'integer') {
		const n = Number(text);
		return Number.isFinite(n) ? n : text; // keep what was typed; validation names the error
	}
	if (prop?.type === 'boolean') return text === 'true' || text === 'on';
	return raw;
}

/** Reads the values of a form's schema from posted entries (multi-valued names give arrays). */
export function valuesFromEntries(schema: Schema, entries: Iterable<[string, unknown]>): Record<string, unknown> {
	const byName = new Map<string, string[]>();
	for (const [k, v] of entries) if (typeof v === 'string') byName.set(k, [...(byName.get(k) ?? []), v]);
	const out: Record<string, unknown> = {};
	for (const [name, prop] of Object.entries<Schema>(schema.properties ?? {})) {
		if (prop.type === 'array' && prop.items?.type === 'object') {
			const rows: Record<string, unknown>[] = [];
			const pattern = new RegExp(`^d:${name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\[(\\d+)\\]\\.(.+)$`);
			for (const [k, vs] of byName) {
				const m = pattern.exec(k);
				if (!m) continue;
				const v = coerce(prop.items.properties?.[m[2]], vs[0]);
				if (v === undefined) continue;
				(rows[Number(m[1])] ??= {})[m[2]] = v;
			}
			const filled = rows.filter((r) => r && Object.keys(r).length);
			if (filled.length) out[name] = filled;
		} else if (prop.type === 'array') {
			const vs = (byName.get(inputName(name)) ?? []).filter((v) => v !== '');
			if (vs.length) out[name] = vs.map((v) => coerce(prop.items, v));
		} else if (prop.type === 'boolean') {
			const vs = byName.get(inputName(name));
			if (vs) out[name] = vs.includes('true') || vs.includes('on');
		} else {
			const v = coerce(prop, byName.get(inputName(name))?.[0] ?? '');
			if (v !== undefined) out[name] = v;
		}
	}
	return out;
}

/** Situation answers posted as `a:<key>` (multi-valued questions give arrays). */
export function answersFromEntries(questions: { key: string; multiple?: boolean }[], entries: Iterable<[string, unknown]>): Record<string, unknown> {
	const all = [...entries];
	const out: Record<string, unknown> = {};
	for (const q of questions) {
		const vs = all.filter(([k, v]) => k === `a:${q.key}` && typeof v === 'string' && v !== '').map(([, v]) => v as string);
		if (vs.length) out[q.key] = q.multiple ? vs : vs[0];
	}
	return out;
}

/** Drops empty strings, nulls and empty rows/lists, as a posted form would; validation then sees only what was typed. */
export function cleanValues(values: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(values ?? {})) {
		if (v === '' || v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
		if (Array.isArray(v)) {
			const list = v
				.map((x) => (x && typeof x === 'object' ? cleanValues(x as Record<string, unknown>) : x))
				.filter((x) => x !== '' && x !== null && x !== undefined && !(typeof x === 'object' && !Object.keys(x as object).length));
			if (list.length) out[k] = list;
		} else out[k] = v;
	}
	return out;
}

export type FileRef = { path: string; title: string; id: string };

/** The uploaded files form values point at: fields of format file-id, also inside repeatable groups. */
export function fileRefsIn(schema: Schema, values: Record<string, unknown>): FileRef[] {
	const out: FileRef[] = [];
	for (const [name, prop] of Object.entries<Schema>(schema.properties ?? {})) {
		const v = values?.[name];
		if (prop.format === 'file-id' && typeof v === 'string') out.push({ path: name, title: prop.title ?? name, id: v });
		else if (prop.type === 'array' && prop.items?.type === 'object' && Array.isArray(v))
			v.forEach((row, i) => {
				for (const sub of fileRefsIn(prop.items, row as Record<string, unknown>))
					out.push({ ...sub, path: `${name}.${i}.${sub.path}`, title: `${prop.title ?? name}第 ${i + 1} 项 ${sub.title}` });
			});
	}
	return out;
}
