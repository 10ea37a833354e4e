// Licences worth holding: the JWS covers the whole canonical licence, keys rotate without breaking old files, verification
// answers revoked and masks personal data; certificate content comes from the mapped fields and numbers are human and unique.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateIssues, formatNumber, humanNumber } from '../../runtime/core/certificates';
import { checkDelivery, issueDelivery } from '../../runtime/core/cases/delivery';
import { issueResults, numberTaker } from '../../runtime/core/cases/results';
import { checkCatalog } from '../../runtime/core/check';
import { compose } from '../../runtime/core/compose';
import { LocalLicenceLibrary } from '../../runtime/core/licences';
import type { Item } from '../../runtime/core/model';
import type { CaseRecord, Licence, Store } from '../../runtime/core/store';
import type { App } from '../../runtime/server/app';
import { readCatalogDir } from '../../runtime/server/catalog-dir';
import { LicenceKeys } from '../../runtime/server/licence-keys';
import { checkSignature, signLicence } from '../../runtime/server/licence-sign';
import { verifyFile, verifyId } from '../../runtime/server/licence-verify';
import { openLowdbStore } from '../../runtime/server/lowdb-store';
import { testPii } from './helpers/pii';

const catalog = checkCatalog(readCatalogDir(join(import.meta.dirname, '../../definitions'))).catalog!;
const dictionaries = catalog.dictionaries;
const teacher = catalog.items.get('jiaoshi-zige-rending')!;

const licence: Licence = {
	id: 'lic-0123456789abcdef',
	number: '教资2026350500000001',
	type: 'TEACHER_QUALIFICATION',
	name: '教师资格证书',
	holderId: '350521197001014561',
	holderName: '李四',
	issuer: 'qz-edu',
	issuedAt: '2026-03-02T02:00:00.000Z',
	caseId: 'c1',
	data: {
		item: 'jiaoshi-zige-rending',
		fields: [
			{ key: 'name', label: '姓名', value: '李四', personal: true },
			{ key: 'subject', label: '任教学科', value: '数学' }
		]
	}
};

let dir: string;
let store: Store;
let app: App;
beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'lic-'));
	store = await openLowdbStore(dir, testPii());
	const now = () => new Date('2026-03-10T00:00:00Z');
	app = { store, licenceKeys: new LicenceKeys(store, now), catalog: { dictionaries }, time: { now } } as unknown as App;
	await store.licences.put(licence);
});
afterAll(async () => {
	await store.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('canonical licence signatures', () => {
	it('cover nested values: a changed certificate value or a reordered copy is told apart', async () => {
		const doc = await signLicence(app.licenceKeys, licence, 'intl', 'https://zwfw.example');
		expect(doc.jws).toMatch(/^[\w-]+\.\.[\w-]+$/);
		expect(doc.verify).toBe('https://zwfw.example/verify?id=lic-0123456789abcdef');
		expect(await checkSignature(app.licenceKeys, doc)).toMatchObject({ ok: true });
		// the same licence with its keys in another order is the same canonical JSON
		const reordered = JSON.parse(JSON.stringify({ licence: Object.fromEntries(Object.entries(licence).reverse()), jws: doc.jws }));
		expect(await checkSignature(app.licenceKeys, reordered)).toMatchObject({ ok: true });
		const changed = structuredClone(doc);
		(changed.licence.data.fields as { value: string }[])[1].value = '语文';
		expect(await checkSignature(app.licenceKeys, changed)).toEqual({ ok: false, reason: 'tampered', kid: expect.any(String) });
		expect((await verifyFile(app, changed)).status).toBe('tampered');
		expect(await verifyFile(app, doc)).toMatchObject({
			status: 'valid',
			facts: { number: '教资2026350500000001', holderName: '李*', holderId: '3505**********4561' }
		});
	});

	it('rotation: a new key signs, files signed with the old key keep verifying, both are in the key set', async () => {
		const before = await signLicence(app.licenceKeys, licence, 'intl');
		const oldKid = (await app.licenceKeys.active('intl')).kid;
		const rotated = await app.licenceKeys.rotate('intl');
		expect(rotated.kid).not.toBe(oldKid);
		// another process reading the store sees the same keys
		const elsewhere = new LicenceKeys(store);
		expect((await elsewhere.active('intl')).kid).toBe(rotated.kid);
		expect((await elsewhere.jwks()).keys.map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, rotated.kid]));
		expect(await checkSignature(elsewhere, before)).toEqual({ ok: true, kid: oldKid });
		const after = await signLicence(elsewhere, licence, 'intl');
		expect(await checkSignature(app.licenceKeys, after)).toEqual({ ok: true, kid: rotated.kid });
		// a key the platform never had
		const [h, , s] = after.jws.split('.');
		const header = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(h, 'base64url').toString()), kid: 'nope' })).toString('base64url');
		expect((await verifyFile(app, { ...after, jws: `${header}..${s}` })).status).toBe('unknown-key');
	});

	it('answers revoked for a file signed before the revocation, and for the QR link', async () => {
		const doc = await signLicence(app.licenceKeys, licence, 'intl');
		await new LocalLicenceLibrary(store).revoke(licence.id, '以欺骗手段取得', '2026-03-05T00:00:00.000Z');
		expect(await verifyFile(app, doc)).toMatchObject({ status: 'revoked', facts: { revokedReason: '以欺骗手段取得' } });
		expect((await verifyId(app, licence.id)).status).toBe('revoked');
		expect((await verifyId(app, 'lic-ffffffffffffffff')).status).toBe('not-found');
	});

	it('keeps files signed before the JWS verifying with the imported server key; a foreign key is unknown', async () => {
		const d2 = mkdtempSync(join(tmpdir(), 'lic-legacy-'));
		const s2 = await openLowdbStore(d2, testPii());
		try {
			const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
			await s2.meta.set('licenceSigningKey', pem);
			const fresh = { ...licence, revokedAt: undefined, revokedReason: undefined };
			delete fresh.revokedAt;
			delete fresh.revokedReason;
			await s2.licences.put(fresh);
			const legacy = (key: string, l: Licence) => ({
				licence: l,
				signature: {
					alg: 'Ed25519',
					value: sign(null, Buffer.from(JSON.stringify(l, Object.keys(l).sort())), createPrivateKey(key)).toString('base64'),
					publicKey: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString()
				}
			});
			const app2 = { ...app, store: s2, licenceKeys: new LicenceKeys(s2) } as unknown as App;
			expect((await verifyFile(app2, legacy(pem, fresh))).status).toBe('valid');
			// the old signature did not cover nested data: the registry's copy decides
			const nested = legacy(pem, { ...fresh, data: { ...fresh.data, fields: [] } });
			expect((await verifyFile(app2, nested)).status).toBe('tampered');
			const foreign = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
			expect((await verifyFile(app2, legacy(foreign, fresh))).status).toBe('unknown-key');
		} finally {
			await s2.close();
			rmSync(d2, { recursive: true, force: true });
		}
	});
});

describe('certificate content and numbers', () => {
	const caseOf = (data: Record<string, unknown>): CaseRecord =>
		({
			id: 'c-num',
			receiptNumber: 'QZ20260302000007',
			service: { kind: 'item', id: teacher.id, name: teacher.name },
			applicantId: 'lisi',
			createdAt: '2026-03-01T02:00:00.000Z',
			state: { machine: { context: { data, answers: { status: 'graduate' }, outcomes: {} } } }
		}) as unknown as CaseRecord;

	it('maps form fields onto the template and numbers by prefix + year + region + sequence, unique per store', async () => {
		const service = compose({ kind: 'item', item: { definition: teacher, version: 1, hash: 'h' } });
		const data = { applicant_name: '李四', applicant_gender: '男', subject: '数学' };
		const numbers: string[] = [];
		for (const id of ['c-a', 'c-b']) {
			const results = await store.transaction(async (tx) => {
				const take = numberTaker(
					dictionaries.licenceTypes,
					(n) => tx.nextSequence(n),
					(lid) => tx.licences.get(lid),
					'2026-03-02T02:00:00.000Z'
				);
				return issueResults({ ...caseOf(data), id }, [teacher], undefined, '2026-03-02T02:00:00.000Z', dictionaries.licenceTypes, take, service.names);
			});
			numbers.push(results[0].licence!.number);
			if (id === 'c-a')
				expect(results[0].licence!.data.fields).toEqual([
					{ key: 'name', label: '姓名', value: '李四', personal: true },
					{ key: 'gender', label: '性别', value: '男', personal: true },
					{ key: 'subject', label: '任教学科', value: '数学' },
					{ key: 'certificateNumber', label: '证书编号', value: results[0].licence!.number }
				]);
		}
		expect(numbers).toEqual(['教资2026350500000001', '教资2026350500000002']);
		expect(numbers.join()).not.toMatch(/TEACHER_QUALIFICATION/);
		expect(formatNumber({ prefix: '教民', digits: 4 }, '2027', '350500', 12)).toBe('教民20273505000012');
		expect(humanNumber({ number: 'TEACHER_QUALIFICATION-2026030200000701', type: 'TEACHER_QUALIFICATION' })).toBe('2026030200000701');
	});

	it('refuses at publish a mapping to a missing field, and a required certificate field from an optional form field', () => {
		const item: Item = structuredClone(teacher);
		item.result.certificate = { ...item.result.certificate, subject: { field: 'major' }, name: { field: 'email' } };
		delete item.result.certificate!.certificateNumber;
		const messages = certificateIssues(item, dictionaries, 'items/x.json').map((i) => `${i.path}: ${i.message}`);
		expect(messages).toEqual(
			expect.arrayContaining([
				'result.certificate.subject.field: 证书模板「教师资格证书」的字段「任教学科」映射的表单字段「major」不在本事项的表单中',
				'result.certificate.name.field: 证书模板「教师资格证书」的字段「姓名」是必备的，映射的表单字段「电子邮箱」须设为必填（条件必填不够）',
				'result.certificate.certificateNumber: 证书模板「教师资格证书」的字段「证书编号」是必备的，尚未映射到表单字段、办事情形或办件信息'
			])
		);
		expect(certificateIssues(teacher, dictionaries, 'items/x.json')).toEqual([]);
	});
});

describe('delivery', () => {
	it('checks the choice against the allowed methods and the postal address field by field', () => {
		expect(checkDelivery({ method: 'online' }, ['window', 'post']).errors).toEqual([
			{ path: 'delivery.method', message: '送达方式：本事项不提供「电子证照（网上送达）」，可选窗口领取、邮寄' }
		]);
		expect(checkDelivery({ method: 'post', address: { recipient: '李', phone: '123', address: '泉州' } }, ['post']).errors.map((e) => e.path)).toEqual([
			'delivery.address.recipient',
			'delivery.address.phone',
			'delivery.address.address'
		]);
		expect(
			checkDelivery({ method: 'post', address: { recipient: '李四', phone: '13805959876', address: '福建省泉州市丰泽区东海街道 1 号', postcode: '' } }, [
				'post'
			]).value
		).toEqual({
			method: 'post',
			address: { recipient: '李四', phone: '13805959876', address: '福建省泉州市丰泽区东海街道 1 号' }
		});
		expect(issueDelivery({}, 'post', ['window', 'post']).errors).toEqual([{ path: 'trackingNumber', message: '邮寄送达须填写快递单号' }]);
		expect(issueDelivery({ delivery: 'online' }, undefined, ['window', 'post']).errors[0].message).toBe(
			'送达方式：本办件不提供「电子证照（网上送达）」，可选窗口领取、邮寄'
		);
		expect(issueDelivery({ trackingNumber: 'SF1' }, 'post', ['window', 'post'])).toEqual({ method: 'post', errors: [] });
	});
});
