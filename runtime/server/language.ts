// The portal's language (English as a second language): a cookie set by a plain form (no JavaScript), read on every
// request; citizen pages render in it, the workbench and studio stay Chinese. Paraglide's messages read it from here
// on the server (AsyncLocalStorage per request) and from <html lang> in the browser (runtime/hooks.client.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Cookies } from '@sveltejs/kit';
import { baseLocale, isLocale, overwriteServerAsyncLocalStorage, type Locale } from '../paraglide/runtime.js';
import { isCitizenPath } from '../components/citizen-pages';

export const LANG_COOKIE = 'lang';
export type { Locale };

type Store = { locale?: Locale; origin?: string; messageCalls?: Set<string> };
const storage = new AsyncLocalStorage<Store>();
overwriteServerAsyncLocalStorage(storage);

/** The language a request asks for: the cookie's on citizen pages, Chinese elsewhere and by default. */
export function localeOf(cookies: Cookies, pathname: string): Locale {
	const asked = cookies.get(LANG_COOKIE);
	return isCitizenPath(pathname) && isLocale(asked) ? asked : baseLocale;
}

/** Runs the rest of the request with Paraglide's messages in this language. */
export const inLocale = <T>(locale: Locale, origin: string, fn: () => T): T => storage.run({ locale, origin, messageCalls: new Set() }, fn);

export function setLanguage(cookies: Cookies, url: URL, locale: Locale) {
	const options = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:' };
	if (locale !== baseLocale) cookies.set(LANG_COOKIE, locale, { ...options, maxAge: 365 * 24 * 3600 });
	else cookies.delete(LANG_COOKIE, options);
}

/** Writes the page's language on <html lang> (app.html says zh-CN; a transformPageChunk for resolve). */
export const markLanguage = (html: string, locale: Locale): string =>
	locale === baseLocale ? html : html.replace(/<html lang="[^"]*"/, `<html lang="${locale}"`);
