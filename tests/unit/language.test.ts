// The portal's language: the lang cookie on citizen pages only; <html lang> follows it.
import { describe, expect, it } from 'vitest';
import type { Cookies } from '@sveltejs/kit';
import { localeOf, markLanguage } from '../../runtime/server/language';

const jar = (lang?: string) => ({ get: (name: string) => (name === 'lang' ? lang : undefined) }) as unknown as Cookies;

describe('portal language', () => {
	it('English on citizen pages when the cookie asks for it, Chinese otherwise', () => {
		expect(localeOf(jar('en'), '/')).toBe('en');
		expect(localeOf(jar('en'), '/apply/item/x')).toBe('en');
		expect(localeOf(jar(), '/')).toBe('zh-CN');
		expect(localeOf(jar('fr'), '/')).toBe('zh-CN');
	});

	it('the workbench, the studio and the API stay Chinese whatever the cookie says', () => {
		for (const path of ['/workbench', '/workbench/cases/1', '/studio', '/api/cases/track']) expect(localeOf(jar('en'), path)).toBe('zh-CN');
	});

	it('writes the language on <html lang>, leaving Chinese pages as they are', () => {
		const html = '<!doctype html>\n<html lang="zh-CN" class="large-text">\n<head>';
		expect(markLanguage(html, 'en')).toBe('<!doctype html>\n<html lang="en" class="large-text">\n<head>');
		expect(markLanguage(html, 'zh-CN')).toBe(html);
	});
});
