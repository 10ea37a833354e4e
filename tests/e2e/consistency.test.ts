// 五级十五同 in Chromium: the administrator opens the report from the studio; each item implemented in several regions
// and levels is shown side by side with the catalog's deliberate differences highlighted (a shorter promised limit at the
// county, a material added or no longer asked, the province as the reference), a score per region; the filter narrows it,
// the CSV holds what the page shows, and publishing a change to an implementation changes the report.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { Client } from '../unit/helpers/server';
import { screenshot, signIn, useAppInBrowser, visit } from './browser';

vi.setConfig({ hookTimeout: 180_000 });
const env = useAppInBrowser({ readyTimeoutMs: 170_000 });

/** The cell of one implementation (`item`) in one element's row, in the line whose reference is `reference`. */
const cell = (page: Page, reference: string, element: string, item: string) =>
	page.locator(`table[data-reference="${reference}"] tr[data-element="${element}"] td[data-item="${item}"]`);
/** The cell stands out from its row (the element's name beside it has the row's own background). */
const highlighted = (page: Page, reference: string, element: string, item: string) =>
	cell(page, reference, element, item).evaluate(
		(td) => getComputedStyle(td).backgroundColor !== getComputedStyle(td.parentElement!.querySelector('th')!).backgroundColor
	);
const regionScore = (page: Page, name: string) =>
	page
		.locator('#region-scores tr', { has: page.getByRole('rowheader', { name }) })
		.locator('td')
		.last()
		.innerText();

/** RFC 4180 rows (the export quotes cells holding commas, quotes or line breaks). */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [[]];
	let cellText = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted && ch === '"' && text[i + 1] === '"') {
			cellText += '"';
			i++;
		} else if (ch === '"') {
			quoted = !quoted;
		} else if (!quoted && (ch === ',' || ch === '\r')) {
			rows.at(-1)!.push(cellText);
			cellText = '';
			if (ch === '\r') {
				rows.push([]);
				i++; // the \n
			}
		} else {
			cellText += ch;
		}
	}
	return rows.filter((r) => r.length);
}
async function download(page: Page, section: string): Promise<string[][]> {
	const link = page.locator('section', { has: page.getByRole('heading', { name: new RegExp(`^${section}`) }) }).getByRole('link', { name: '导出 CSV' });
	const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
	return parseCsv(readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, ''));
}

describe('五级十五同 report', () => {
	it('lists the deliberate differences between regions and levels, highlighted, with a score per region', { timeout: 180_000 }, async () => {
		const admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/studio`);
		await admin.getByRole('link', { name: '五级十五同一致性报告' }).click();
		await admin.waitForURL(/\/studio\/consistency$/);

		// 石狮 (county) against 泉州 (city): promised 10 → 5 working days, a 居住证 asked
		const rending = ['jiaoshi-zige-rending', 'shishi-jiaoshi-zige-rending'] as const;
		await expect(cell(admin, rending[0], 'limits', rending[1]).innerText()).resolves.toContain('承诺时限 10 → 5 个工作日');
		await expect(cell(admin, rending[0], 'materials', rending[1]).innerText()).resolves.toContain('+居住证');
		await expect(highlighted(admin, rending[0], 'limits', rending[1])).resolves.toBe(true);
		// the reference's own cell and an equal element are not highlighted
		await expect(highlighted(admin, rending[0], 'limits', rending[0])).resolves.toBe(false);
		await expect(highlighted(admin, rending[0], 'basis', rending[1])).resolves.toBe(false);
		await expect(cell(admin, rending[0], 'basis', rending[1]).innerText()).resolves.not.toContain('不一致');
		// 晋江 (the other county): 华侨子女加分 promised 5 → 3 with a 学籍证明; 民非登记's 验资报告 only by 告知承诺
		await expect(cell(admin, 'huaqiao-zinv-jiafen', 'limits', 'jinjiang-huaqiao-zinv-jiafen').innerText()).resolves.toContain('承诺时限 5 → 3 个工作日');
		await expect(cell(admin, 'huaqiao-zinv-jiafen', 'materials', 'jinjiang-huaqiao-zinv-jiafen').innerText()).resolves.toContain('+考生学籍证明');
		await expect(cell(admin, 'minfei-dengji', 'materials', 'jinjiang-minfei-dengji').innerText()).resolves.toContain(
			'验资报告：来源 申请人上传、告知承诺 → 告知承诺'
		);
		// the province is the reference of the retirement items: the city promises 5 where the province promises 7
		const tuixiu = admin.locator('table[data-reference="fujian-tuixiu-shenpi"]');
		await expect(tuixiu.locator('thead th[data-item="fujian-tuixiu-shenpi"]').innerText()).resolves.toMatch(/福建省 · 省级[\s\S]*基准/);
		await expect(cell(admin, 'fujian-tuixiu-shenpi', 'limits', 'tuixiu-shenpi').innerText()).resolves.toContain('承诺时限 7 → 5 个工作日');
		await expect(cell(admin, 'fujian-shengzhi-gjj-tiqu-tuixiu', 'materials', 'gjj-tiqu-tuixiu').innerText()).resolves.toContain('+退休证明');
		// a score per implementation and per region
		await expect(admin.locator('table[data-reference="jiaoshi-zige-rending"] thead th[data-item="shishi-jiaoshi-zige-rending"]').innerText()).resolves.toMatch(
			/石狮市 · 县级[\s\S]*石狮市教育局[\s\S]*一致 12\/15（80%）/
		);
		await expect(regionScore(admin, '福建省')).resolves.toBe('基准');
		const shishi = await regionScore(admin, '石狮市');
		const jinjiang = await regionScore(admin, '晋江市');
		for (const s of [shishi, jinjiang]) expect(Number(s.replace('%', ''))).toBeLessThan(100);
		await screenshot(admin, 'studio-consistency');

		// the region CSV holds the page's scores
		const regions = await download(admin, '各地一致率');
		expect(regions[0]).toEqual(['区划代码', '区划', '层级', '比对的实施', '作为基准的实施', '一致要素', '比对要素', '一致率（%）']);
		expect(regions.find((r) => r[1] === '石狮市')?.[7]).toBe(shishi.replace('%', ''));
		expect(regions.find((r) => r[1] === '福建省')?.[7]).toBe('基准');

		// only 晋江's items with a difference: the teacher items are gone; the CSV follows the filter
		await admin.getByLabel('区划').selectOption({ label: '晋江市' });
		await admin.getByLabel('只看有差异的事项').check();
		await Promise.all([admin.waitForURL(/region=350582/), admin.getByRole('button', { name: '查看' }).click()]);
		await expect(admin.locator('table[data-reference="jiaoshi-zige-rending"]').count()).resolves.toBe(0);
		await expect(admin.locator('table.compare').count()).resolves.toBe(2);
		const elements = await download(admin, '逐项比对');
		expect(elements[0].slice(0, 10)).toEqual(['基本编码', '基准事项', '事项标识', '事项名称', '区划', '层级', '实施主体', '要素', '比对', '差异']);
		const limit = elements.find((r) => r[2] === 'jinjiang-minfei-dengji' && r[7] === '办理时限');
		expect(limit?.slice(4, 10)).toEqual(['晋江市', '县级', '晋江市民政局', '办理时限', '不一致', '承诺时限 10 → 5 个工作日']);
		expect(new Set(elements.slice(1).map((r) => r[2]))).toEqual(
			new Set(['huaqiao-zinv-jiafen', 'jinjiang-huaqiao-zinv-jiafen', 'minfei-dengji', 'jinjiang-minfei-dengji'])
		);
	});

	it('publishing the county’s implementation with the city’s promised limit removes that difference', { timeout: 120_000 }, async () => {
		const api = new Client(env.url);
		await api.login('admin');
		const current = (await api.get('/api/items/shishi-jiaoshi-zige-rending')).body;
		expect((await api.call('PUT', '/api/items/shishi-jiaoshi-zige-rending', { ...current.definition, promisedLimitDays: 10 })).status).toBe(200);
		expect((await api.post('/api/items/shishi-jiaoshi-zige-rending/publish', { note: '承诺时限与市级一致' })).status).toBe(200);

		const admin = await signIn(env.browser, env.url, 'admin');
		await visit(admin, `${env.url}/studio/consistency`);
		const limits = cell(admin, 'jiaoshi-zige-rending', 'limits', 'shishi-jiaoshi-zige-rending');
		await expect(limits.innerText()).resolves.not.toContain('承诺时限');
		await expect(limits.innerText()).resolves.toContain('承诺 10 个工作日');
		await expect(highlighted(admin, 'jiaoshi-zige-rending', 'limits', 'shishi-jiaoshi-zige-rending')).resolves.toBe(false);
		await expect(cell(admin, 'jiaoshi-zige-rending', 'materials', 'shishi-jiaoshi-zige-rending').innerText()).resolves.toContain('+居住证');
		await expect(admin.locator('thead th[data-item="shishi-jiaoshi-zige-rending"]').innerText()).resolves.toContain('一致 13/15（86.7%）');
	});
});
