// Real Chromium (Debian's) driven by playwright-core against the built app.
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { useServer } from '../unit/helpers/use-server';

const EXECUTABLE = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** Content-Security-Policy violations seen in any page since the last check (every e2e test fails on one). */
const violations: string[] = [];

/** Returns and forgets the violations seen so far. */
export function takeCspViolations(): string[] {
	return violations.splice(0);
}

/** Records what the page's CSP refused: the `securitypolicyviolation` event and Chromium's console report. */
async function watchCsp(context: BrowserContext) {
	await context.exposeBinding('__cspViolation', ({ page }, text: string) => violations.push(`${page.url()}: ${text}`));
	await context.addInitScript(() => {
		document.addEventListener(
			'securitypolicyviolation',
			(e) => (window as any).__cspViolation(`${e.effectiveDirective} refused ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`),
			true
		);
	});
	const onPage = (page: Page) =>
		page.on('console', (m) => {
			if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(`${page.url()}: console: ${m.text()}`);
		});
	context.pages().forEach(onPage);
	context.on('page', onPage);
}

export async function launch(): Promise<Browser> {
	if (!EXECUTABLE) throw new Error('未找到 Chromium：请安装 Debian 的 chromium 软件包，或设置 CHROMIUM_PATH');
	const browser = await chromium.launch({
		executablePath: EXECUTABLE,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage'
		]
	});
	// every context (and so every page, browser.newPage included) reports CSP violations
	const newContext = browser.newContext.bind(browser);
	browser.newContext = async (options) => {
		const context = await newContext(options);
		await watchCsp(context);
		return context;
	};
	return browser;
}

/** Opens a page and waits until Svelte has hydrated it, so typing is not lost or unhandled. */
export async function visit(page: Page, url: string) {
	const response = await page.goto(url);
	await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
	return response;
}

/** A fresh browser context signed in through the login page. */
export async function signIn(browser: Browser, base: string, username: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
	const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
	const page = await context.newPage();
	await visit(page, `${base}/login`);
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill('demo123');
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.getByRole('button', { name: '登录' }).click()]);
	return page;
}

/** Saves a full-page screenshot, and fails when the page is wider than the window or a control has no label. */
export async function screenshot(page: Page, name: string) {
	mkdirSync('tests/e2e/screenshots', { recursive: true });
	await page.screenshot({ path: `tests/e2e/screenshots/${name}.png`, fullPage: true });
	const { scroll, width, unlabelled } = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		width: window.innerWidth,
		// every visible control outside third-party widgets needs an accessible name
		unlabelled: [...document.querySelectorAll<HTMLInputElement>('input:not([type=hidden]), select, textarea')]
			.filter((el) => el.offsetParent !== null && !el.closest('.monaco-editor, .svelte-flow'))
			.filter((el) => !el.labels?.length && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby') && !el.closest('label'))
			.map((el) => el.outerHTML.slice(0, 120))
	}));
	if (scroll > width) throw new Error(`${name}：页面宽 ${scroll}px，超出窗口 ${width}px，需要横向滚动`);
	if (unlabelled.length) throw new Error(`${name}：${unlabelled.length} 个输入控件没有标签：${unlabelled.join(' | ')}`);
}

export const PDF = { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% e2e scan\n') };

/** One built app on its own data folder and one Chromium for a test file, started before and stopped after. */
export function useAppInBrowser(opts: Parameters<typeof useServer>[0] = {}) {
	const server = useServer({ testClock: true, ...opts });
	let browser: Browser | undefined;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(async () => browser?.close());
	afterEach(() => {
		const seen = takeCspViolations();
		const distinct = [...new Set(seen.map((v) => v.slice(0, 400)))];
		if (seen.length) throw new Error(`内容安全策略（CSP）拦截了 ${seen.length} 处（${distinct.length} 种）：\n${distinct.slice(0, 12).join('\n')}`);
	});
	return {
		get url() {
			return server.url;
		},
		get browser() {
			return browser!;
		}
	};
}

/** The apply page's last steps: 下一步 to the 核对 step, then 确认提交 (with or without JavaScript). */
export async function reviewAndSubmit(page: Page) {
	await page.getByRole('button', { name: '下一步：核对申请' }).click();
	await page.getByRole('button', { name: '确认提交' }).click();
}
