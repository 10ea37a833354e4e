// 国密 through Node's OpenSSL, checked against sm-crypto (a maintained SM2/SM3/SM4 implementation): SM3 digests of the
// GB/T 32905 examples, SM2 signatures both ways (DER and raw r‖s), licence signatures of either suite, and the audit
// chain's SM3 links.
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, linkHash } from '../../runtime/core/audit-chain';
import { cryptoSuite, digestHex } from '../../runtime/core/crypto-suite';
import type { Licence, Store } from '../../runtime/core/store';
import { decodeProtectedHeader } from 'jose';
import { checkSignature, signLicence } from '../../runtime/server/licence-sign';
import { LicenceKeys } from '../../runtime/server/licence-keys';
import { openLowdbStore } from '../../runtime/server/lowdb-store';
import { testPii } from './helpers/pii';
import { signText, verifyText } from '../../runtime/server/signing';

interface SmCrypto {
	sm3(data: string | number[]): string;
	sm2: {
		doSignature(msg: string, privateKeyHex: string, o?: { der?: boolean; hash?: boolean; userId?: string; publicKey?: string }): string;
		doVerifySignature(msg: string, sigHex: string, publicKeyHex: string, o?: { der?: boolean; hash?: boolean; userId?: string }): boolean;
		getPublicKeyFromPrivateKey(privateKeyHex: string): string;
	};
}
const sm = createRequire(import.meta.url)('sm-crypto') as SmCrypto;

/** The uncompressed point 04‖x‖y (hex) at the end of an SPKI. */
const rawPublicKey = (pem: string) => {
	const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
	return der.subarray(der.length - 65).toString('hex');
};

/** ASN.1 SEQUENCE { INTEGER r, INTEGER s } from r‖s (hex), and back: the two encodings of one SM2 signature. */
function rawToDer(raw: string): Buffer {
	const int = (hex: string) => {
		let b = Buffer.from(hex, 'hex');
		while (b.length > 1 && b[0] === 0 && b[1] < 0x80) b = b.subarray(1);
		if (b[0] >= 0x80) b = Buffer.concat([Buffer.from([0]), b]);
		return Buffer.concat([Buffer.from([0x02, b.length]), b]);
	};
	const body = Buffer.concat([int(raw.slice(0, 64)), int(raw.slice(64))]);
	return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}
function derToRaw(der: Buffer): string {
	const rLen = der[3];
	const r = der.subarray(4, 4 + rLen);
	const s = der.subarray(6 + rLen, 6 + rLen + der[5 + rLen]);
	const fixed = (b: Buffer) => b.toString('hex').replace(/^0+/, '').padStart(64, '0');
	return fixed(r) + fixed(s);
}

const licence: Licence = {
	id: 'lic-1',
	number: 'NO-1',
	type: 'school',
	name: '办学许可证',
	holderId: 'u-1',
	holderName: '某学校',
	issuer: '教育局',
	issuedAt: '2026-01-05T01:00:00.000Z',
	data: { scope: ['小学'], seats: 300 }
};

let dir: string;
let store: Store;
beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'gm-'));
	store = await openLowdbStore(dir, testPii());
});
afterAll(async () => {
	await store.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('SM3', () => {
	it('gives the GB/T 32905 example digests, as sm-crypto does', () => {
		const abc = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
		const abcd16 = 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732';
		expect(digestHex('sm3', 'abc')).toBe(abc);
		expect(digestHex('sm3', 'abcd'.repeat(16))).toBe(abcd16);
		expect(sm.sm3('abc')).toBe(abc);
		expect(sm.sm3('abcd'.repeat(16))).toBe(abcd16);
		const text = '审计记录 · 张三 · 身份证 350102199001011234';
		expect(digestHex('sm3', text)).toBe(sm.sm3(text));
	});

	it('links the audit chain with SM3 exactly as sm-crypto computes H(prevHash ‖ canonical JSON)', () => {
		const entry = { id: 'a1', at: '2026-01-05T01:00:00.000Z', actorId: 'u-desk', action: 'case.ACCEPT', caseId: 'c1', detail: { 意见: '同意', n: [1, 2.5] } };
		const prev = digestHex('sm3', 'previous');
		const expected = sm.sm3(prev + canonicalJson({ seq: 7, alg: 'sm3', entry }));
		expect(linkHash('sm3', prev, 7, entry)).toBe(expected);
		// key order does not matter, content does
		const { id, ...rest } = entry;
		expect(linkHash('sm3', prev, 7, { ...rest, id })).toBe(expected);
		expect(linkHash('sm3', prev, 7, { ...entry, actorId: 'u-other' })).not.toBe(expected);
	});
});

describe('SM2', () => {
	it('signs so that sm-crypto verifies (DER, the empty user id OpenSSL 3.0 uses), and refuses a changed text', async () => {
		const text = canonicalJson({ 证照: '办学许可证', seats: 300 });
		const sig = await signText(store, 'gm', text);
		expect(sig).toMatchObject({ alg: 'SM2', hash: 'SM3', userId: '' });
		const pub = rawPublicKey(sig.publicKey);
		const hex = Buffer.from(sig.value, 'base64').toString('hex');
		expect(sm.sm2.doVerifySignature(text, hex, pub, { der: true, userId: '' })).toBe(true);
		expect(sm.sm2.doVerifySignature(`${text} `, hex, pub, { der: true, userId: '' })).toBe(false);
		// GM/T 0009's default id gives another Z value: OpenSSL 3.0 cannot be told to use it, hence the recorded userId
		expect(sm.sm2.doVerifySignature(text, hex, pub, { der: true })).toBe(false);
		expect(verifyText(text, sig)).toBe(true);
		expect(verifyText(`${text} `, sig)).toBe(false);
	});

	it('verifies what sm-crypto signs with the same key, DER and raw r‖s', async () => {
		const pem = (await store.meta.get<string>('signingKeySm2'))!;
		// the private scalar d inside the PKCS#8's ECPrivateKey (version 1, then a 32-byte OCTET STRING); Node aborts on a SEC1 export of an SM2 key
		const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
		const at = der.indexOf(Buffer.from('0201010420', 'hex'));
		const d = der.subarray(at + 5, at + 37).toString('hex');
		const publicKey = createPublicKey(pem);
		expect(sm.sm2.getPublicKeyFromPrivateKey(d)).toBe(rawPublicKey(pem));
		const text = '电子证照 NO-1';
		const signed = sm.sm2.doSignature(text, d, { der: true, userId: '' });
		const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
		expect(verifyText(text, { alg: 'SM2', userId: '', value: Buffer.from(signed, 'hex').toString('base64'), publicKey: publicPem })).toBe(true);
		// sm-crypto's default is raw r‖s; OpenSSL takes SM2 signatures as DER only (Node ignores dsaEncoding for SM2 keys)
		const raw = sm.sm2.doSignature(text, d, { userId: '' });
		expect(raw).toMatch(/^[0-9a-f]{128}$/);
		expect(verify('sm3', Buffer.from(text), publicKey, Buffer.from(raw, 'hex'))).toBe(false);
		expect(verify('sm3', Buffer.from(text), publicKey, rawToDer(raw))).toBe(true);
		// signed with the default user id: another Z, so Node's verification (empty id) refuses it
		expect(verify('sm3', Buffer.from(text), publicKey, Buffer.from(sm.sm2.doSignature(text, d, { der: true }), 'hex'))).toBe(false);
		// and Node's DER, taken apart into r‖s, verifies in sm-crypto's raw form
		const nodeDer = sign('sm3', Buffer.from(text), createPrivateKey(pem));
		expect(sm.sm2.doVerifySignature(text, derToRaw(nodeDer), rawPublicKey(pem), { userId: '' })).toBe(true);
	});
});

describe('licence signatures', () => {
	it('verify under either suite, side by side (a mixed history), and cover nested data', async () => {
		const keys = new LicenceKeys(store);
		const gm = await signLicence(keys, licence, 'gm');
		const intl = await signLicence(keys, licence, 'intl');
		expect(decodeProtectedHeader(gm.jws)).toMatchObject({ alg: 'SM2' });
		expect(decodeProtectedHeader(intl.jws)).toMatchObject({ alg: 'EdDSA' });
		expect(await checkSignature(keys, gm)).toMatchObject({ ok: true });
		expect(await checkSignature(keys, intl)).toMatchObject({ ok: true });
		for (const doc of [gm, intl])
			expect(await checkSignature(keys, { ...doc, licence: { ...licence, data: { scope: ['小学', '初中'], seats: 300 } } })).toMatchObject({
				ok: false,
				reason: 'tampered'
			});
		// the SM2 signature verifies in sm-crypto over the JWS signing input (header . canonical JSON, base64url)
		const [h, , s] = gm.jws.split('.');
		const input = `${h}.${Buffer.from(canonicalJson(licence)).toString('base64url')}`;
		const hex = Buffer.from(s, 'base64url').toString('hex');
		expect(sm.sm2.doVerifySignature(input, hex, rawPublicKey((await keys.active('gm')).publicPem), { der: true, userId: '' })).toBe(true);
	});

	it('takes CRYPTO_SUITE intl (default) or gm, and refuses anything else by name', () => {
		expect(cryptoSuite({})).toBe('intl');
		expect(cryptoSuite({ CRYPTO_SUITE: 'gm' })).toBe('gm');
		expect(() => cryptoSuite({ CRYPTO_SUITE: 'sm' })).toThrow(/CRYPTO_SUITE.*intl.*gm.*“sm”/);
	});
});
