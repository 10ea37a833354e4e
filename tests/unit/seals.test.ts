// 电子印章 and 多证合一: the default seal drawn from a department's name, uploaded images refused when unsafe, each
// department's own signing key (rotation keeps old licences verifying), and when a bundle's combined result is issued.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combinedMembers } from '../../runtime/core/cases/combined';
import { checkCatalog } from '../../runtime/core/check';
import { HttpError } from '../../runtime/core/errors';
import { defaultSealName, defaultSealSvg, SEAL_RED, sealSvg } from '../../runtime/core/seal-svg';
import type { Licence, Store } from '../../runtime/core/store';
import type { App } from '../../runtime/server/app';
import { readCatalogDir } from '../../runtime/server/catalog-dir';
import { LicenceKeys } from '../../runtime/server/licence-keys';
import { signLicence } from '../../runtime/server/licence-sign';
import { verifyFile, verifyId } from '../../runtime/server/licence-verify';
import { openLowdbStore } from '../../runtime/server/lowdb-store';
import { rotateSeal, saveSeal, sealImageProblem, sealOf } from '../../runtime/server/seals';
import { testPii } from './helpers/pii';

type El = { tag: string; attrs: Record<string, string>; text: string };
/** A strict reading of the generated SVG: every tag closed in order, every attribute quoted, no stray '<' or '&'; its elements in order. */
function parse(svg: string): El[] {
	const out: El[] = [];
	const stack: El[] = [];
	const re = /<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
	let m: RegExpExecArray | null;
	let at = 0;
	while ((m = re.exec(svg))) {
		at = re.lastIndex;
		const [, close, tag, attrs, selfClose, text] = m;
		if (text !== undefined) {
			if (/&(?!amp;|lt;|gt;|quot;)/.test(text)) throw new Error(`bare & in ${text}`);
			if (stack.length)
				stack.at(-1)!.text += text
					.replace(/&lt;/g, '<')
					.replace(/&gt;/g, '>')
					.replace(/&quot;/g, '"')
					.replace(/&amp;/g, '&');
			continue;
		}
		if (close) {
			if (stack.pop()?.tag !== tag) throw new Error(`unbalanced </${tag}>`);
			continue;
		}
		const el: El = { tag, attrs: Object.fromEntries([...attrs.matchAll(/([a-zA-Z:-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])), text: '' };
		out.push(el);
		if (!selfClose) stack.push(el);
	}
	if (at !== svg.length || stack.length) throw new Error(`not well-formed at ${at}`);
	return out;
}
const byTag = (els: El[], tag: string) => els.filter((e) => e.tag === tag);

describe('the default seal, drawn from the department name', () => {
	const svg = sealSvg('泉州市教育局', '行政审批专用章');
	const doc = parse(svg);

	it('is a well-formed round red SVG with a star, the name along the arc and the purpose below', () => {
		const root = doc[0];
		expect(root.tag).toBe('svg');
		expect(root.attrs.viewBox).toBe('0 0 240 240');
		const ring = byTag(doc, 'circle')[0];
		expect(ring.attrs.stroke).toBe(SEAL_RED);
		expect(ring.attrs.fill).toBe('none');
		expect(byTag(doc, 'polygon')[0].attrs.points.split(' ')).toHaveLength(10);
		expect(byTag(doc, 'polygon')[0].attrs.fill).toBe(SEAL_RED);
		const texts = byTag(doc, 'text').map((t) => t.text);
		// one element per character of the name, in reading order, then the purpose as one line
		expect(texts).toEqual([...'泉州市教育局', '行政审批专用章']);
		expect(byTag(doc, 'title')[0].text).toBe('泉州市教育局行政审批专用章');
		expect(svg).not.toMatch(/<image|font-face|@import|url\(/);
	});

	it('spreads the name symmetrically over the top arc, clockwise', () => {
		const arc = byTag(doc, 'text').filter((t) => t.attrs.transform);
		expect(arc).toHaveLength(6);
		const angles = arc.map((t) => Number(/rotate\((-?[\d.]+)/.exec(t.attrs.transform)![1]));
		expect(angles[0]).toBeLessThan(0);
		expect(angles.at(-1)).toBeCloseTo(-angles[0], 5);
		expect(angles).toEqual([...angles].sort((a, b) => a - b));
		const xs = arc.map((t) => Number(t.attrs.x));
		expect(xs[0]).toBeLessThan(120);
		expect(xs.at(-1)).toBeGreaterThan(120);
	});

	it('gives a longer name smaller characters, escapes markup and refuses an empty name', () => {
		const size = (s: string) => Number(/<g [^>]*font-size="([\d.]+)"/.exec(s)![1]);
		expect(size(sealSvg('中共泉州市委机构编制委员会办公室'))).toBeLessThan(size(sealSvg('泉州市教育局')));
		const tricky = sealSvg('A&B<局>', '"章"');
		expect(byTag(parse(tricky), 'title')[0].text).toBe('A&B<局>"章"');
		expect(tricky).toContain('&amp;');
		expect(tricky).not.toContain('<局>');
		expect(() => sealSvg('  ')).toThrow('印章文字不能为空');
		// a pure function: the same name draws the same seal
		expect(sealSvg('泉州市教育局')).toBe(sealSvg('泉州市教育局'));
	});

	it('takes the department off the seal name for the arc; another name runs whole along it', () => {
		expect(defaultSealName('泉州市民政局')).toBe('泉州市民政局行政审批专用章');
		const own = parse(defaultSealSvg('泉州市民政局', '泉州市民政局婚姻登记专用章'));
		expect(byTag(own, 'text').at(-1)!.text).toBe('婚姻登记专用章');
		const other = parse(defaultSealSvg('泉州市民政局', '泉州民政专用章'));
		expect(
			byTag(other, 'text')
				.map((t) => t.text)
				.join('')
		).toBe('泉州民政专用章');
	});
});

describe('uploaded seal images', () => {
	const svg = (body: string) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${body}</svg>`);
	it('accepts a PNG by its header and a plain SVG; refuses scripts, handlers, outside links and other files', () => {
		expect(sealImageProblem('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBeUndefined();
		expect(sealImageProblem('image/png', Buffer.from('GIF89a'))).toBe('文件不是 PNG 图片（文件头不符）');
		expect(sealImageProblem('image/svg+xml', svg('<circle r="4" fill="red"/>'))).toBeUndefined();
		expect(sealImageProblem('image/svg+xml', svg('<script>alert(1)</script>'))).toContain('脚本');
		expect(sealImageProblem('image/svg+xml', svg('<circle onload="x()"/>'))).toContain('事件属性');
		expect(sealImageProblem('image/svg+xml', svg('<image href="https://evil.example/a.png"/>'))).toContain('外部资源');
		expect(sealImageProblem('image/svg+xml', svg('<use href="#a"/>'))).toBeUndefined();
		expect(sealImageProblem('image/svg+xml', Buffer.from('hello'))).toContain('没有 <svg>');
		expect(sealImageProblem('image/svg+xml', Buffer.alloc(300 * 1024, 0x20))).toContain('200 KB');
	});
});

describe('多证合一: when the combined result is issued', () => {
	const members = ['a', 'b', 'c'];
	it("outcomeRule 'all': only when every included member is approved", () => {
		expect(combinedMembers('all', members, { a: 'approved', b: 'approved', c: 'approved' })).toEqual(members);
		expect(combinedMembers('all', members, { a: 'approved', b: 'denied', c: 'approved' })).toBeUndefined();
		expect(combinedMembers('all', members, { a: 'approved', b: 'approved' })).toBeUndefined();
	});
	it("outcomeRule 'each': the approved members, once every branch is decided", () => {
		expect(combinedMembers('each', members, { a: 'approved', b: 'denied', c: 'approved' })).toEqual(['a', 'c']);
		expect(combinedMembers('each', members, { a: 'approved', b: 'approved' })).toBeUndefined();
		expect(combinedMembers('each', members, { a: 'denied', b: 'denied', c: 'denied' })).toBeUndefined();
		// a member the answers left out is not waited for
		expect(combinedMembers('each', ['a', 'b'], { a: 'approved', b: 'approved' })).toEqual(['a', 'b']);
		expect(combinedMembers('each', [], {})).toBeUndefined();
	});
});

describe('each department signs with its own seal key', () => {
	const catalog = checkCatalog(readCatalogDir(join(import.meta.dirname, '../../definitions'))).catalog!;
	const licence: Licence = {
		id: 'lic-5ea1000000000001',
		number: '教资2026350500000009',
		type: 'TEACHER_QUALIFICATION',
		name: '教师资格证书',
		holderId: '350521197001014561',
		holderName: '李四',
		issuer: 'qz-edu',
		issuedAt: '2026-03-02T02:00:00.000Z',
		data: { item: 'jiaoshi-zige-rending' }
	};
	let dir: string;
	let store: Store;
	let app: App;
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'seal-'));
		store = await openLowdbStore(dir, testPii());
		const now = () => new Date('2026-03-10T00:00:00Z');
		app = {
			store,
			licenceKeys: new LicenceKeys(store, now),
			catalog: { dictionaries: catalog.dictionaries },
			time: { now },
			cryptoSuite: 'intl'
		} as unknown as App;
		await store.licences.put(licence);
	});
	afterAll(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('signs with a kid naming the department; /verify names the seal; rotation keeps the old file and the platform-key file verifying', async () => {
		const seal = (await sealOf(app, 'qz-edu'))!;
		expect(seal).toMatchObject({ name: '泉州市教育局行政审批专用章', uploaded: false });
		expect(seal.image).toMatch(/^data:image\/svg\+xml;base64,/);
		const platform = await signLicence(app.licenceKeys, licence, 'intl');
		const before = await signLicence(app.licenceKeys, licence, 'intl', undefined, seal);
		const header = (jws: string) => JSON.parse(Buffer.from(jws.split('.')[0], 'base64url').toString());
		const oldKid = header(before.jws).kid;
		expect(oldKid).toMatch(/^seal:qz-edu:/);
		expect(before.seal).toEqual({ department: 'qz-edu', name: '泉州市教育局行政审批专用章' });
		expect(await verifyFile(app, before)).toMatchObject({
			status: 'valid',
			kid: oldKid,
			seal: {
				department: 'qz-edu',
				name: '泉州市教育局行政审批专用章',
				text: expect.stringContaining('泉州市教育局的电子印章「泉州市教育局行政审批专用章」签章')
			}
		});

		const rotated = await rotateSeal(app, 'qz-edu');
		expect(rotated.active).not.toBe(oldKid);
		expect(rotated.active).toMatch(/^seal:qz-edu:/);
		const after = await signLicence(app.licenceKeys, licence, 'intl', undefined, seal);
		expect(header(after.jws).kid).toBe(rotated.active);
		// the old file, the new one and the one signed with the platform's key all verify
		for (const doc of [before, after]) expect((await verifyFile(app, doc)).status).toBe('valid');
		const byPlatform = await verifyFile(app, platform);
		expect(byPlatform.status).toBe('valid');
		expect(byPlatform.seal).toBeUndefined();
		// both seal keys are published; another department's key is its own
		const kids = (await app.licenceKeys.jwks('intl')).keys.map((k) => k.kid);
		expect(kids).toEqual(expect.arrayContaining([oldKid, rotated.active, header(platform.jws).kid]));
		expect((await app.licenceKeys.ofDepartment('qz-minzheng', 'intl')).kid).toMatch(/^seal:qz-minzheng:/);
	});

	it('under CRYPTO_SUITE=gm a department seal key is SM2 and verifies the same way', async () => {
		const seal = (await sealOf(app, 'qz-minzheng'))!;
		const doc = await signLicence(app.licenceKeys, licence, 'gm', undefined, seal);
		const head = JSON.parse(Buffer.from(doc.jws.split('.')[0], 'base64url').toString());
		expect(head).toMatchObject({ alg: 'SM2', kid: expect.stringMatching(/^seal:qz-minzheng:/) });
		expect(await verifyFile(app, doc)).toMatchObject({ status: 'valid', seal: { department: 'qz-minzheng', name: '泉州市民政局行政审批专用章' } });
		const jwk = (await app.licenceKeys.jwks()).keys.find((k) => k.kid === head.kid);
		expect(jwk).toMatchObject({ kty: 'EC', crv: 'SM2', alg: 'SM2' });
	});

	it('a renamed seal is what verification names; bad names and images are refused by field', async () => {
		await saveSeal(app, 'qz-edu', { name: '泉州市教育局审批专用章' }, 'admin');
		expect((await verifyId(app, licence.id)).seal).toMatchObject({ name: '泉州市教育局审批专用章', departmentName: '泉州市教育局' });
		const bad = await saveSeal(
			app,
			'qz-edu',
			{ image: { type: 'image/svg+xml', data: Buffer.from('<svg><script>x</script></svg>').toString('base64') } },
			'admin'
		).catch((e) => e);
		expect(bad).toBeInstanceOf(HttpError);
		expect(bad).toMatchObject({ status: 422, errors: [{ path: 'image.data', message: expect.stringContaining('脚本') }] });
		const missing = await saveSeal(app, 'qz-nowhere', { name: '某某专用章' }, 'admin').catch((e) => e);
		expect(missing.status).toBe(404);
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
		const saved = await saveSeal(app, 'qz-edu', { image: { type: 'image/png', data: png.toString('base64') } }, 'admin');
		expect(saved).toMatchObject({ uploaded: true, image: `data:image/png;base64,${png.toString('base64')}`, name: '泉州市教育局审批专用章' });
		expect((await saveSeal(app, 'qz-edu', { image: null }, 'admin')).uploaded).toBe(false);
	});
});
