// Search text for the portal: name, codes, keywords, department, and the pinyin initials of the name.
import { pinyin } from 'pinyin-pro';

export function initials(text: string): string {
	return pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
}

export function searchText(parts: (string | undefined)[], name: string): string {
	return [...parts.filter(Boolean), name, initials(name)].join(' ').toLowerCase();
}
