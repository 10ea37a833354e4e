// 适老化 large-text mode: a cookie set by a plain form (no JavaScript), read on every request, marked on <html>.
import type { Cookies } from '@sveltejs/kit';
export { isCitizenPath } from '../components/citizen-pages';

export const TEXT_SIZE_COOKIE = 'textsize';
export type TextSize = 'standard' | 'large';

/** The mode a request asks for: large only when the cookie says so. */
export const textSizeOf = (cookies: Cookies): TextSize => (cookies.get(TEXT_SIZE_COOKIE) === 'large' ? 'large' : 'standard');

export function setTextSize(cookies: Cookies, url: URL, size: TextSize) {
	const options = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:' };
	if (size === 'large') cookies.set(TEXT_SIZE_COOKIE, 'large', { ...options, maxAge: 365 * 24 * 3600 });
	else cookies.delete(TEXT_SIZE_COOKIE, options);
}

/** Adds the large-text class to the page's <html> element (a transformPageChunk for resolve). */
export function markLargeText(html: string): string {
	return html.replace(/<html([^>]*)>/, (tag, attrs: string) =>
		/\sclass="/.test(attrs) ? tag.replace(/\sclass="/, ' class="large-text ') : `<html${attrs} class="large-text">`
	);
}
