// Search text for the portal: name, codes, keywords, department, and the pinyin initials of the name.
import { pinyin } from 'pinyin-pro';

const known = new Map<string, string>();

/** Pinyin initials of a name, computed once per name (the home page asks on every request). */
export function initials(text: string): string {
	let out = known.get(text);
	if (out === undefined) {
		out = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
		known.set(text, out);
	}
	return out;
}

export function searchText(parts: (string | undefined)[], name: string): string {
	return [...parts.filter(Boolean), name, initials(name)].join(' ').toLowerCase();
}
