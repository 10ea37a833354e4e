// 电子印章: each department's seal, a name (泉州市教育局行政审批专用章), an image and its own signing key (runtime/server/
// licence-keys.ts, kid `seal:<department>:…`, published in the JWKS). Name and image are kept in the store's meta (every
// process shares them); an uploaded image is kept by its SHA-256, so replacing it never changes a stored one. Without an
// upload the seal is drawn from the department's name (runtime/core/seal-svg.ts). Licences are signed with their issuing
// department's seal key; a licence from an issuer outside the department dictionary keeps the platform's key.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { HttpError, notFound } from '../core/errors';
import type { Department } from '../core/model';
import { defaultSealName, defaultSealSvg, svgDataUrl } from '../core/seal-svg';
import type { Licence } from '../core/store';
import type { App } from './app';

export const SEAL_IMAGE_TYPES = ['image/svg+xml', 'image/png'] as const;
export type SealImageType = (typeof SEAL_IMAGE_TYPES)[number];
/** an image larger than this is not a seal */
export const MAX_SEAL_IMAGE = 200 * 1024;

interface SealConfig {
	name?: string;
	image?: { type: SealImageType; sha256: string };
	updatedAt: string;
	updatedBy: string;
}
interface StoredImage {
	type: SealImageType;
	base64: string;
}

const configKey = (department: string) => `seal:${department}`;
const imageKey = (sha256: string) => `sealImage:${sha256}`;

/** PUT /api/seals/{department}: a new name, a new image (its bytes in base64), or `image: null` for the drawn default. */
export const SealBody = z
	.strictObject({
		name: z.string().trim().min(4, '印章名称至少 4 个字').max(40, '印章名称最多 40 个字').optional(),
		image: z
			.strictObject({
				type: z.enum(SEAL_IMAGE_TYPES, '印章图片只能是 SVG（image/svg+xml）或 PNG（image/png）'),
				data: z
					.string()
					.min(1, '印章图片内容不能为空')
					.max(Math.ceil((MAX_SEAL_IMAGE * 4) / 3) + 4, '印章图片不能超过 200 KB')
			})
			.nullable()
			.optional()
			.describe('null: go back to the seal drawn from the department name')
	})
	.refine((b) => b.name !== undefined || b.image !== undefined, { message: '请提供印章名称（name）或印章图片（image）', path: ['name'] });
export type SealBody = z.infer<typeof SealBody>;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Why these bytes are not an acceptable seal image of `type`, or undefined. An SVG may hold no script, handler or outside link. */
export function sealImageProblem(type: SealImageType, bytes: Buffer): string | undefined {
	if (!bytes.length) return '印章图片内容为空';
	if (bytes.length > MAX_SEAL_IMAGE) return `印章图片不能超过 200 KB（收到 ${Math.ceil(bytes.length / 1024)} KB）`;
	if (type === 'image/png') return bytes.subarray(0, 8).equals(PNG_MAGIC) ? undefined : '文件不是 PNG 图片（文件头不符）';
	const text = bytes.toString('utf8');
	if (!/<svg[\s>]/i.test(text)) return '文件不是 SVG 图片（没有 <svg> 元素）';
	if (/<script[\s>]/i.test(text)) return 'SVG 印章图片不能包含脚本（<script>）';
	if (/<foreignObject[\s>]/i.test(text)) return 'SVG 印章图片不能包含 <foreignObject>';
	if (/\son[a-z]+\s*=/i.test(text)) return 'SVG 印章图片不能包含事件属性（on…=）';
	if (/(?:xlink:)?href\s*=\s*["']\s*(?!#|data:image\/)/i.test(text)) return 'SVG 印章图片不能引用外部资源（href 只能指向文档内部或 data:image）';
	return undefined;
}

export interface SealView {
	department: string;
	departmentName: string;
	name: string;
	/** a data URL for <img> */
	image: string;
	/** an uploaded image (false: drawn from the name) */
	uploaded: boolean;
	updatedAt?: string;
}

export function departmentOf(app: App, id: string): Department | undefined {
	return app.catalog.dictionaries.departments.find((d) => d.id === id);
}

function requireDepartment(app: App, id: string): Department {
	const d = departmentOf(app, id);
	if (!d) throw notFound(`部门「${id}」`);
	return d;
}

/** A department's seal as shown: its name, and its image (the uploaded one, else drawn from the name). */
export async function sealOf(app: App, department: string): Promise<SealView | undefined> {
	const d = departmentOf(app, department);
	if (!d) return undefined;
	const config = await app.store.meta.get<SealConfig>(configKey(d.id));
	const name = config?.name ?? defaultSealName(d.name);
	const stored = config?.image && (await app.store.meta.get<StoredImage>(imageKey(config.image.sha256)));
	return {
		department: d.id,
		departmentName: d.name,
		name,
		image: stored ? `data:${stored.type};base64,${stored.base64}` : svgDataUrl(defaultSealSvg(d.name, name)),
		uploaded: !!stored,
		...(config ? { updatedAt: config.updatedAt } : {})
	};
}

/** Saves a department's seal name and/or image; 404 for a department not in the dictionary, 422 naming a bad image. */
export async function saveSeal(app: App, department: string, body: SealBody, actorId: string): Promise<SealView> {
	const d = requireDepartment(app, department);
	const before = await app.store.meta.get<SealConfig>(configKey(d.id));
	let image = before?.image;
	if (body.image === null) image = undefined;
	else if (body.image) {
		const bytes = Buffer.from(body.image.data, 'base64');
		if (bytes.toString('base64').replace(/=+$/, '') !== body.image.data.replace(/\s/g, '').replace(/=+$/, ''))
			throw new HttpError(422, '印章图片内容应为 base64 编码', [{ path: 'image.data', message: '不是合法的 base64' }]);
		const problem = sealImageProblem(body.image.type, bytes);
		if (problem) throw new HttpError(422, problem, [{ path: 'image.data', message: problem }]);
		const sha256 = createHash('sha256').update(bytes).digest('hex');
		await app.store.meta.set(imageKey(sha256), { type: body.image.type, base64: bytes.toString('base64') } satisfies StoredImage);
		image = { type: body.image.type, sha256 };
	}
	const name = body.name ?? before?.name;
	const config: SealConfig = {
		...(name ? { name } : {}),
		...(image ? { image } : {}),
		updatedAt: app.time.now().toISOString(),
		updatedBy: actorId
	};
	await app.store.meta.set(configKey(d.id), config);
	return (await sealOf(app, d.id))!;
}

/** The department whose seal signs a licence: its issuer, when the issuer is a department of the dictionary. */
export const sealDepartmentOf = (app: App, licence: Pick<Licence, 'issuer'>) => departmentOf(app, licence.issuer)?.id;

/** Every department with its seal and its seal keys (the active one first), for the studio. */
export async function sealList(app: App) {
	const keys = await app.licenceKeys.all();
	return Promise.all(
		app.catalog.dictionaries.departments.map(async (d) => {
			const seal = (await sealOf(app, d.id))!;
			const own = keys.filter((k) => k.department === d.id);
			return {
				...seal,
				keys: own.map((k) => ({ kid: k.kid, alg: k.alg, createdAt: k.createdAt, ...(k.retiredAt ? { retiredAt: k.retiredAt } : {}) }))
			};
		})
	);
}

/** 印章密钥轮换: a new key signs for the department from now on; licences signed with the old one keep verifying. */
export async function rotateSeal(app: App, department: string) {
	const d = requireDepartment(app, department);
	const key = await app.licenceKeys.rotateDepartment(d.id, app.cryptoSuite);
	return { department: d.id, active: key.kid };
}
