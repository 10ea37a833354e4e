import { describe, expect, it } from 'vitest';
import { checkMaterials, type MaterialContext } from '../../runtime/core/cases/materials-check';
import { usableLicence } from '../../runtime/core/licences';
import type { ComposedMaterial } from '../../runtime/core/compose';
import { Material } from '../../runtime/core/model';
import type { FileRecord, Licence } from '../../runtime/core/store';

const material = (m: Record<string, unknown>): ComposedMaterial =>
	({ ...Material.parse({ category: 'identity', required: 'always', forms: ['copy'], ...m }), origins: [] }) as ComposedMaterial;
const idCard = material({ id: 'idCard', name: '居民身份证', sources: [{ kind: 'licence', licenceType: 'ID_CARD' }] });
const plan = material({ id: 'plan', name: '办学章程', sources: [{ kind: 'upload' }], accept: ['pdf'], maxSizeMB: 1 });
const file = (id: string, name: string, ownerId = 'u1', size = 100): FileRecord => ({
	id,
	name,
	ownerId,
	size,
	mime: 'application/pdf',
	sha256: '',
	createdAt: '2026-11-01T00:00:00Z'
});
const licence = (over: Partial<Licence> = {}): Licence => ({
	id: 'L1',
	number: 'N1',
	type: 'ID_CARD',
	name: '居民身份证',
	holderId: '350502198506122344',
	holderName: '张三',
	issuer: '公安局',
	issuedAt: '2020-01-01T00:00:00Z',
	data: {},
	...over
});
const ctx = (over: Partial<MaterialContext> = {}): MaterialContext => ({
	answers: {},
	data: {},
	files: new Map(),
	licences: [licence()],
	applicantId: 'u1',
	licenceConsent: true,
	...over
});

describe('一套材料: what a provided material must be', () => {
	it('names each material that is missing, foreign, of the wrong type, too large, or fetched without consent', () => {
		const files = new Map([
			['f1', file('f1', 'plan.docx')],
			['f2', file('f2', 'plan.pdf', 'u2')],
			['f3', file('f3', 'big.pdf', 'u1', 2 * 1024 * 1024)]
		]);
		expect(checkMaterials([idCard, plan], {}, ctx())).toEqual([
			{ path: 'materials.idCard', message: '请提供「居民身份证」' },
			{ path: 'materials.plan', message: '请提供「办学章程」' }
		]);
		const msg = (p: any, c = ctx({ files })) => checkMaterials([plan], { plan: p }, c)[0]?.message;
		expect(msg({ source: 'upload', files: ['f1'] })).toBe('「办学章程」只接受 pdf 格式，plan.docx 不符合');
		expect(msg({ source: 'upload', files: ['f2'] })).toBe('「办学章程」的文件 f2 不存在');
		expect(msg({ source: 'upload', files: ['f3'] })).toBe('「办学章程」的文件 big.pdf 超过 1 MB');
		expect(msg({ source: 'commitment', signed: true })).toBe('「办学章程」不能以该方式提供');
		expect(checkMaterials([idCard], { idCard: { source: 'licence', licenceId: 'L1' } }, ctx({ licenceConsent: false }))[0].message).toBe(
			'调取电子证照「居民身份证」须先勾选授权'
		);
		expect(checkMaterials([idCard], { idCard: { source: 'licence', licenceId: 'L1' } }, ctx())).toEqual([]);
	});

	it('a revoked or expired licence cannot stand in for a material', () => {
		const today = '2026-11-25T08:00:00Z';
		expect(usableLicence(licence(), today)).toBe(true);
		expect(usableLicence(licence({ revokedAt: '2026-11-20T00:00:00Z', revokedReason: '告知承诺不实' }), today)).toBe(false);
		expect(usableLicence(licence({ validUntil: '2026-11-24T23:00:00Z' }), today)).toBe(false);
		expect(usableLicence(licence({ validUntil: '2026-11-25T00:00:00Z' }), today)).toBe(true);
	});
});
