import type { Handle } from '@sveltejs/kit';
import { getApp } from './server/app';
import { actorOf, requestToken } from './server/auth';
import { readBodyWithinLimit, refusedResponse } from './server/body-limits';
import { compressResponse } from './server/compress';
import { studioPolicy } from './server/csp';
import { withSecurityHeaders } from './server/headers';
import { apiErrorsAsJson, refuseBadForm, refuseBadUrl } from './server/http';
import { isCitizenPath, markLargeText, textSizeOf } from './server/text-size';
import { inLocale, localeOf, markLanguage } from './server/language';
import './i18n/error-text';

// brotli or gzip as the client accepts (static assets come precompressed from adapter-node's sirv instead); never for a
// load function's fetch of our own routes, whose body SvelteKit reads as it is
export const handle: Handle = async (input) => {
	const response = await answer(input);
	return input.event.isSubRequest ? response : compressResponse(input.event.request, response);
};

async function answer({ event, resolve }: Parameters<Handle>[0]): Promise<Response> {
	const badUrl = refuseBadUrl(event.url);
	if (badUrl) return withSecurityHeaders(badUrl);
	const body = await readBodyWithinLimit(event);
	const refused = body.ok ? await refuseBadForm(event.request, event.url) : refusedResponse(event, body);
	if (refused) return withSecurityHeaders(refused);
	const app = await getApp();
	const account = await app.sessions.signedIn(requestToken(event.request, event.cookies));
	event.locals.actor = account ? actorOf(account) : undefined;
	// 适老化: the cookie's large-text mode marks <html> on citizen pages, so it works without JavaScript
	event.locals.textSize = isCitizenPath(event.url.pathname) ? textSizeOf(event.cookies) : 'standard';
	const large = event.locals.textSize === 'large';
	// English on citizen pages when the lang cookie asks for it; Paraglide's messages read the locale set here
	const locale = (event.locals.locale = localeOf(event.cookies, event.url.pathname));
	const mark = large || locale !== 'zh-CN';
	const page = (html: string) => markLanguage(large ? markLargeText(html) : html, locale);
	const response = await inLocale(locale, event.url.origin, () => resolve(event, mark ? { transformPageChunk: ({ html }) => page(html) } : undefined));
	return withSecurityHeaders(studioPolicy(event.url.pathname, await apiErrorsAsJson(event, response)));
}

/** Opens the store and loads the catalog at start-up, and tells where to sign in. */
export async function init() {
	const app = await getApp();
	const accounts = await app.store.accounts.list();
	const port = process.env.PORT ?? '3000';
	if (!(globalThis as { __bodyLimitsInstalled?: boolean }).__bodyLimitsInstalled)
		console.warn('instrumentation.server 未在服务器之前加载：adapter-node 仍按 BODY_SIZE_LIMIT（默认 512 KB）截断请求体');
	console.log(
		`一件事配置工作台: ${app.catalog.current.size.items} 个事项, ${app.catalog.current.size.bundles} 个一件事; 数据目录 ${process.env.DATA_DIR ?? 'data'}`
	);
	const byDepartment = new Map<string, string[]>();
	for (const a of accounts) {
		const group = a.department ?? (a.roles.includes('admin') ? '管理员' : '群众');
		byDepartment.set(group, [...(byDepartment.get(group) ?? []), a.username]);
	}
	console.log('演示账号（密码均为 demo123）：');
	for (const [dept, names] of byDepartment) console.log(`  ${dept.padEnd(12)} ${names.join(', ')}`);
	console.log(
		app.twoFactor === 'off'
			? '双重验证：未强制（REQUIRE_2FA=off）；正式部署请设 REQUIRE_2FA=staff'
			: `双重验证：${app.twoFactor === 'staff' ? '管理员和工作人员' : '管理员'}须使用动态验证码登录（REQUIRE_2FA=${app.twoFactor}）`
	);
	console.log(`打开 http://localhost:${port}`);
}
