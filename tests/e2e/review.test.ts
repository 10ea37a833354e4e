// Review beside the materials (issue 20 items 1 and 2) in Chromium: the viewer opens a real PDF with pdf.js only on demand,
// zooms and rotates it and an image; an electronic licence shows its data; a reviewer marks a material 有问题 and sends the
// note as a 补正 item in one click, while a colleague's mark stays; a department administrator's 常用意见 is inserted into
// an opinion with one click, with and without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Client } from '../unit/helpers/server';
import { provideMaterials } from '../unit/helpers/catalog-data';
import { screenshot, signIn, useAppInBrowser, visit } from './browser';

const env = useAppInBrowser();

/** A valid two-page PDF (300×400 pt pages with a filled rectangle each), offsets computed. */
function twoPagePdf(): Buffer {
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 400] /Contents 4 0 R >>',
		'<< /Length 27 >>\nstream\n0 0 1 rg 20 20 260 360 re f\nendstream',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 400] /Contents 6 0 R >>',
		'<< /Length 27 >>\nstream\n1 0 0 rg 50 50 100 100 re f\nendstream'
	];
	let out = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((o, i) => {
		offsets.push(Buffer.byteLength(out));
		out += `${i + 1} 0 obj\n${o}\nendobj\n`;
	});
	const xref = Buffer.byteLength(out);
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});
const crc32 = (b: Buffer) => {
	let c = 0xffffffff;
	for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
};
/** A 60×20 grey PNG: wider than tall, so a quarter turn shows. */
async function widePng(): Promise<Buffer> {
	const { deflateSync } = await import('node:zlib');
	const [w, h] = [60, 20];
	const chunk = (type: string, data: Buffer) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(body));
		return Buffer.concat([len, body, crc]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
	const rows = Buffer.concat(Array.from({ length: h }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(w, 0x80)])));
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(rows)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

async function upload(citizen: Client, name: string, mime: string, bytes: Buffer): Promise<string> {
	const res = await fetch(`${env.url}/api/files?name=${name}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${citizen.token}`, 'content-type': mime },
		body: new Uint8Array(bytes)
	});
	expect(res.status).toBe(201);
	return (await res.json()).id;
}

/** 教师资格认定 by lisi: every uploaded material a real two-page PDF, the photo a PNG, the ID card her electronic licence. */
async function reviewCase(): Promise<{ id: string; scanned: { id: string; name: string }; photo: string; idCard: string }> {
	const lisi = new Client(env.url);
	await lisi.login('lisi');
	const answers = { status: 'graduate' };
	const svc = (await lisi.post('/api/compose', { service: { kind: 'item', id: 'jiaoshi-zige-rending' }, answers })).body;
	const pdf = await upload(lisi, 'scan.pdf', 'application/pdf', twoPagePdf());
	const png = await upload(lisi, 'photo.png', 'image/png', await widePng());
	const materials: Record<string, any> = await provideMaterials(env.url, lisi, svc.materials);
	for (const m of Object.values(materials)) if (m.source === 'upload') m.files = [pdf];
	const idCard = svc.materials.find((m: any) => m.sources.some((x: any) => x.kind === 'licence' && x.licenceType === 'ID_CARD'));
	const photo = svc.materials.find((m: any) => /证件照/.test(m.name));
	const scanned = svc.materials.find((m: any) => m.id !== idCard.id && m.id !== photo.id && materials[m.id]?.source === 'upload');
	Object.assign(materials, {
		[idCard.id]: { source: 'licence', licenceId: 'lic-demo-lisi-id_card' },
		[photo.id]: { source: 'upload', files: [png] }
	});
	const r = await lisi.post('/api/cases', {
		service: { kind: 'item', id: 'jiaoshi-zige-rending' },
		answers,
		data: {
			applicant_name: '李四',
			applicant_idNumber: '350521197001014561',
			applicant_gender: '男',
			contact_phone: '13805959876',
			contact_address: '福建省泉州市惠安县螺城镇建设路 12 号',
			subject: '数学',
			educationLevel: '本科'
		},
		materials,
		consents: { licenceFetch: true }
	});
	expect(r.status, JSON.stringify(r.body)).toBe(201);
	return { id: r.body.id, scanned: { id: scanned.id, name: scanned.name }, photo: photo.name, idCard: idCard.name };
}

/** Every script body the page fetches from now until `stop()`, by URL. */
function recordScripts(page: Page) {
	const bodies: Promise<{ url: string; text: string } | undefined>[] = [];
	const listener = (r: import('playwright-core').Response) => {
		if (!/\.m?js(\?|$)/.test(new URL(r.url()).pathname)) return;
		bodies.push(
			r.text().then(
				(text) => ({ url: r.url(), text }),
				() => undefined
			)
		);
	};
	page.on('response', listener);
	return async () => {
		page.off('response', listener);
		return (await Promise.all(bodies)).filter((x): x is { url: string; text: string } => !!x);
	};
}
/** A string only pdf.js's own code carries. */
const PDFJS_MARKER = 'Setting up fake worker';

const box = async (page: Page, selector: string) => (await page.locator(selector).boundingBox())!;
const cssSize = (page: Page, selector: string) =>
	page
		.locator(selector)
		.evaluate((c: HTMLCanvasElement) => ({ w: parseFloat(c.style.width || String(c.width)), h: parseFloat(c.style.height || String(c.height)) }));
const actionForm = (page: Page, name: string) => page.locator('form.action', { has: page.getByRole('heading', { name: new RegExp(`^${name}`) }) });

describe('review beside the materials', () => {
	it(
		'opens a PDF (pdf.js on demand) and an image with zoom and rotate, shows a licence as data, and sends a 有问题 mark as a 补正 item',
		{ timeout: 240_000 },
		async () => {
			const { id, scanned, photo: photoName, idCard } = await reviewCase();
			const desk = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk', { width: 1440, height: 900 });
			const stop = recordScripts(desk);
			await visit(desk, `${env.url}/workbench/cases/${id}`);
			await desk.waitForLoadState('networkidle');
			const initial = await stop();
			expect(initial.length).toBeGreaterThan(3);
			expect(
				initial.filter((s) => s.text.includes(PDFJS_MARKER)).map((s) => s.url),
				'pdf.js 不应在首屏加载'
			).toEqual([]);

			// side by side at 1440 px: the materials to the right of the form and the actions
			const main = await box(desk, '.review-main');
			const aside = await box(desk, 'aside.review-materials');
			expect(aside.x).toBeGreaterThanOrEqual(main.x + main.width - 1);
			expect(aside.y).toBeLessThan(main.y + 200);

			// the electronic licence as its data
			const panel = desk.locator('aside.review-materials');
			await panel.getByRole('link', { name: idCard, exact: true }).click();
			const licence = panel.getByLabel('电子证照数据');
			await expect(licence.innerText()).resolves.toContain('居民身份证');
			await expect(licence.innerText()).resolves.toContain('350521197001014561');
			await expect(licence.innerText()).resolves.toContain('惠安县公安局');

			// the PDF: pdf.js arrives now and draws both pages
			const material = { name: scanned.name, href: `?view=${scanned.id}` };
			const pdfLoad = recordScripts(desk);
			await panel.getByRole('link', { name: material.name, exact: true }).click();
			await panel.getByRole('link', { name: '预览 scan.pdf' }).click();
			const page1 = 'aside canvas[aria-label="scan.pdf 第 1 页"]';
			await desk.locator('aside canvas[aria-label="scan.pdf 第 2 页"]').waitFor();
			await desk.waitForLoadState('networkidle');
			const later = await pdfLoad();
			expect(
				later.some((s) => s.text.includes(PDFJS_MARKER)),
				'pdf.js 在打开 PDF 时加载'
			).toBe(true);
			expect(
				later.some((s) => /pdf\.worker/.test(s.url)),
				'pdf.js 的 worker 从本站加载'
			).toBe(true);
			// drawn: the first page is not blank (its blue rectangle)
			const blue = await desk.locator(page1).evaluate((c: HTMLCanvasElement) => {
				const d = c.getContext('2d')!.getImageData(c.width / 2, c.height / 2, 1, 1).data;
				return d[2] > 200 && d[0] < 50;
			});
			expect(blue).toBe(true);
			const upright = await cssSize(desk, page1);
			expect(Math.round(upright.w)).toBe(300);
			expect(Math.round(upright.h)).toBe(400);
			await panel.getByRole('button', { name: '放大' }).click();
			await expect.poll(async () => Math.round((await cssSize(desk, page1)).w)).toBe(375);
			await panel.getByRole('button', { name: '向右旋转' }).click();
			await expect.poll(async () => cssSize(desk, page1).then((s) => [Math.round(s.w), Math.round(s.h)])).toEqual([500, 375]);
			await screenshot(desk, 'review-side-by-side');

			// the image, on a canvas: a quarter turn makes it taller than wide
			await panel.getByRole('link', { name: photoName, exact: true }).click();
			await panel.getByRole('link', { name: '预览 photo.png' }).click();
			const photo = 'aside canvas[aria-label="photo.png"]';
			await expect.poll(async () => cssSize(desk, photo).then((s) => s.w > s.h && s.w > 50)).toBe(true);
			await panel.getByRole('button', { name: '向左旋转' }).click();
			await expect.poll(async () => cssSize(desk, photo).then((s) => s.h > s.w)).toBe(true);

			// a colleague marks the PDF material 已核 while this reviewer marks it 有问题: both marks stay
			const colleague = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk2', { width: 1440, height: 900 });
			await visit(colleague, `${env.url}/workbench/cases/${id}${material.href}`);
			await colleague.locator('aside').getByLabel('已核').check();
			// back to the PDF material: its file is open again beside the mark form
			await panel.getByRole('link', { name: material.name, exact: true }).click();
			await desk.locator('aside canvas[aria-label="scan.pdf 第 1 页"]').waitFor();
			await panel.getByLabel('有问题').check();
			await panel.getByLabel(/问题说明/).fill('第 2 页印章不清晰，请重新扫描');
			await Promise.all([
				colleague.locator('aside').getByRole('button', { name: '保存标记' }).click(),
				panel.getByRole('button', { name: '保存标记' }).click()
			]);
			const marks = panel.locator('.marks');
			await expect.poll(() => marks.locator('li').count()).toBe(2);
			await expect(marks.innerText()).resolves.toContain('第 2 页印章不清晰，请重新扫描');
			await expect(marks.innerText()).resolves.toMatch(/已核[\s\S]*（二）|（二）[\s\S]*已核/);
			// the preview stays beside the mark
			await expect(desk.locator(page1).count()).resolves.toBe(1);

			// one click: the note becomes an item of the 补正 notice
			await marks.getByRole('link', { name: '列入补正通知' }).click();
			const notice = actionForm(desk, '一次性告知补正');
			await expect(notice.getByLabel('问题 1 的说明').inputValue()).resolves.toBe('第 2 页印章不清晰，请重新扫描');
			const target = await notice.getByLabel('问题 1 对应的字段、材料或办事情形').inputValue();
			expect(target).toMatch(/^material:/);
			await notice.getByRole('button', { name: '一次性告知补正' }).click();
			await desk.getByRole('status').filter({ hasText: '已办理' }).waitFor();

			const lisi = new Client(env.url);
			await lisi.login('lisi');
			const view = (await lisi.get(`/api/cases/${id}`)).body;
			const problems = view.case.state.machine.context.corrections.at(-1).problems;
			expect(target).toBe(`material:${scanned.id}`);
			expect(problems).toEqual([{ target: { kind: 'material', id: scanned.id }, message: '第 2 页印章不清晰，请重新扫描' }]);
			const admin = new Client(env.url);
			await admin.login('admin');
			const audit = (await admin.get(`/api/audit?case=${id}`)).body;
			const entries = audit.entries.filter((e: any) => e.action === 'material.mark');
			expect(entries).toHaveLength(2);
			await colleague.context().close();
			await desk.context().close();
		}
	);

	it('one column on a narrow screen; without JavaScript a mark is saved and its note fills the 补正 form', { timeout: 120_000 }, async () => {
		const { id, scanned } = await reviewCase();
		const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1024, height: 800 }, locale: 'zh-CN' });
		const desk = await context.newPage();
		await desk.goto(`${env.url}/login?next=/workbench/cases/${id}`);
		await desk.getByLabel('用户名').fill('qz-zwfw-frontdesk');
		await desk.getByLabel('密码').fill('demo123');
		await desk.getByRole('button', { name: '登录' }).click();
		await desk.waitForURL(new RegExp(`/workbench/cases/${id}`));
		const main = await box(desk, '.review-main');
		const aside = await box(desk, 'aside.review-materials');
		expect(aside.y).toBeGreaterThanOrEqual(main.y + main.height - 1);
		expect(Math.abs(aside.x - main.x)).toBeLessThan(2);
		await screenshot(desk, 'review-narrow');

		const panel = desk.locator('aside.review-materials');
		await panel.getByRole('link', { name: scanned.name, exact: true }).click();
		await desk.waitForURL(/view=/);
		await panel.getByLabel('有问题').check();
		await panel.getByLabel(/问题说明/).fill('缺少盖章页');
		await panel.getByRole('button', { name: '保存标记' }).click();
		await desk.waitForLoadState();
		// the action's answer shows the first material; the mark is on the scanned one
		await desk.goto(`${env.url}/workbench/cases/${id}?view=${scanned.id}`);
		await expect(panel.locator('.marks').innerText()).resolves.toContain('缺少盖章页');
		await panel.getByRole('link', { name: '列入补正通知' }).click();
		await desk.waitForURL(/correct=/);
		const notice = actionForm(desk, '一次性告知补正');
		await expect(notice.getByLabel('问题 1 的说明').inputValue()).resolves.toBe('缺少盖章页');
		await expect(notice.getByLabel('问题 1 对应的字段、材料或办事情形').inputValue()).resolves.toBe(`material:${scanned.id}`);
		await context.close();
	});

	it('a department administrator keeps 常用意见; a reviewer inserts one at the cursor, and without JavaScript by a post', { timeout: 180_000 }, async () => {
		const { id } = await reviewCase();
		const keeper = await signIn(env.browser, env.url, 'qz-zwfw-deptadmin');
		const res = await visit(keeper, `${env.url}/workbench/opinions`);
		expect(res?.status(), await keeper.locator('main').innerText()).toBe(200);
		const create = keeper.locator('form', { has: keeper.getByRole('button', { name: '新增' }) });
		await create.getByLabel('适用环节').selectOption('intake');
		await create.getByLabel('名称').fill('材料齐全予以受理');
		await create.getByLabel('意见内容').fill('经审核，申请材料齐全、符合法定形式，予以受理。');
		await create.getByLabel('依据').fill('《中华人民共和国行政许可法》第三十二条第一款第（五）项');
		await create.getByRole('button', { name: '新增' }).click();
		await keeper.getByRole('heading', { name: /材料齐全予以受理/ }).waitFor();
		await screenshot(keeper, 'opinion-templates');
		// a reviewer may not keep them
		const reviewer = await signIn(env.browser, env.url, 'qz-zwfw-frontdesk');
		expect((await visit(reviewer, `${env.url}/workbench/opinions`))?.status()).toBe(403);

		await visit(reviewer, `${env.url}/workbench/cases/${id}`);
		const accept = actionForm(reviewer, '受理');
		await expect(accept.getByText('依据：《中华人民共和国行政许可法》第三十二条第一款第（五）项').count()).resolves.toBe(1);
		const box = accept.getByRole('textbox', { name: /意见/ });
		await box.fill('申请人当场补齐原件。');
		await box.evaluate((t: HTMLTextAreaElement) => t.setSelectionRange(0, 0));
		await accept.getByRole('button', { name: '材料齐全予以受理' }).click();
		await expect(box.inputValue()).resolves.toBe('经审核，申请材料齐全、符合法定形式，予以受理。申请人当场补齐原件。');
		// not posted: still the same page, nothing done
		await expect(reviewer.getByRole('status').filter({ hasText: '已办理' }).count()).resolves.toBe(0);

		// without JavaScript the button posts the form and it comes back filled in
		const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
		const plain = await context.newPage();
		await plain.goto(`${env.url}/login?next=/workbench/cases/${id}`);
		await plain.getByLabel('用户名').fill('qz-zwfw-frontdesk');
		await plain.getByLabel('密码').fill('demo123');
		await plain.getByRole('button', { name: '登录' }).click();
		await plain.waitForURL(new RegExp(`/workbench/cases/${id}`));
		const plainAccept = actionForm(plain, '受理');
		await plainAccept.getByRole('textbox', { name: /意见/ }).fill('已核对原件');
		await plainAccept.getByRole('button', { name: '材料齐全予以受理' }).click();
		await plain.waitForLoadState();
		const filled = actionForm(plain, '受理').getByRole('textbox', { name: /意见/ });
		await expect(filled.inputValue()).resolves.toBe('已核对原件\n经审核，申请材料齐全、符合法定形式，予以受理。');
		await actionForm(plain, '受理').getByRole('button', { name: '受理', exact: true }).click();
		await plain.waitForLoadState();
		const lisi = new Client(env.url);
		await lisi.login('lisi');
		const events = (await lisi.get(`/api/cases/${id}`)).body.case.events;
		// a posted textarea's line breaks are CRLF (HTML form submission)
		expect(events.map((e: any) => [e.type, String(e.payload.opinion).replace(/\r\n/g, '\n')])).toEqual([
			['ACCEPT', '已核对原件\n经审核，申请材料齐全、符合法定形式，予以受理。']
		]);
		await context.close();
	});
});
