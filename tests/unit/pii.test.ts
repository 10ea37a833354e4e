// Personal identifiers at rest: the cipher (AES-256-GCM, or SM4-CBC + HMAC-SM3 under CRYPTO_SUITE=gm), keyed hashes,
// masks, the key's configuration, and the stores: what reaches the disk, a wrong key, rotation.
import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../../runtime/core/check';
import type { CaseRecord, Store } from '../../runtime/core/store';
import { rotatePii } from '../../runtime/cli/pii-rotate';
import { readCatalogDir } from '../../runtime/server/catalog-dir';
import { openStore } from '../../runtime/server/open-store';
import { maskIdentifier, PiiCipher, PiiError, piiKeyConfig } from '../../runtime/server/pii';
import { maskRecord, PiiCodec, PiiFields } from '../../runtime/server/pii-records';
import { pgliteDriver } from '../../runtime/server/sql/driver';
import { openSqlStore } from '../../runtime/server/sql/store';
import { emptyContext } from '../../runtime/core/cases/decide';
import { caseRecord, caseState } from '../contract/fixtures';
import { tempDir } from './helpers/server';

// sm-crypto ships no types: the two functions used here
const { sm3, sm4 } = createRequire(import.meta.url)('sm-crypto') as {
	sm3(input: number[], opts: { key: string }): string;
	sm4: { decrypt(hex: string, key: string, opts: { mode: 'cbc'; iv: string }): string };
};

const ID = '350502198506122344';
const MOBILE = '13905951234';
const key = () => randomBytes(32);
const b64 = (k: Buffer) => k.toString('base64');

/** a 居民身份证 licence: its number and holder are the ID number */
const idCard = (issuedAt: string) => ({
	id: 'l1',
	number: ID,
	type: 'ID_CARD',
	name: '居民身份证',
	holderId: ID,
	holderName: '张三',
	issuer: '公安局',
	issuedAt,
	data: {}
});

describe('the cipher', () => {
	it('round-trips with AES-256-GCM by default: a fresh iv each time, the key id in the header', () => {
		const c = new PiiCipher([key()]);
		const a = c.encrypt(ID);
		const b = c.encrypt(ID);
		expect(a).toMatch(new RegExp(`^enc:v1:a256gcm:${c.keyId}:[\\w-]+:[\\w-]+$`));
		expect(a).not.toBe(b);
		expect(a).not.toContain(ID);
		expect(c.decrypt(a)).toBe(ID);
		expect(c.decrypt(c.encrypt('张三 13905951234'))).toBe('张三 13905951234');
	});

	it('refuses a changed ciphertext, an unknown key and a malformed value with what is wrong, never garbage', () => {
		const c = new PiiCipher([key()]);
		const token = c.encrypt(ID);
		const parts = token.split(':');
		const body = Buffer.from(parts[5], 'base64url');
		body[0] ^= 1;
		expect(() => c.decrypt([...parts.slice(0, 5), body.toString('base64url')].join(':'))).toThrow(/无法用密钥 \w+ 解开（密钥不符或数据被篡改）/);
		const other = new PiiCipher([key()]);
		expect(() => other.decrypt(token)).toThrow(new RegExp(`由密钥 ${c.keyId} 加密，但该密钥未配置`));
		expect(() => c.decrypt('enc:v1:a256gcm:short')).toThrow(PiiError);
	});

	it('gm suite: SM4-CBC under an HKDF-SM3 subkey, then HMAC-SM3, as an independent implementation (sm-crypto) reads it', () => {
		const k = key();
		const c = new PiiCipher([k], 'gm');
		const token = c.encrypt(ID);
		const [, , alg, kid, ivText, body] = token.split(':');
		expect(alg).toBe('sm4cbc-hsm3');
		const iv = Buffer.from(ivText, 'base64url');
		const all = Buffer.from(body, 'base64url');
		const ct = all.subarray(0, all.length - 32);
		const subkey = (info: string, n: number) => Buffer.from(hkdfSync('sm3', k, 'onething/pii/v1', info, n)).toString('hex');
		expect(sm4.decrypt(ct.toString('hex'), subkey('sm4-cbc', 16), { mode: 'cbc', iv: iv.toString('hex') })).toBe(ID);
		const macInput = [...Buffer.from(`enc:v1:${alg}:${kid}`), ...iv, ...ct];
		expect(sm3(macInput, { key: subkey('hmac-sm3', 32) })).toBe(all.subarray(all.length - 32).toString('hex'));
		expect(c.decrypt(token)).toBe(ID);
		// either suite opens the other's values (a change of CRYPTO_SUITE keeps old data readable)
		expect(new PiiCipher([k], 'intl').decrypt(token)).toBe(ID);
	});

	it('keyed hashes: stable per key, normalised, different under another key; lookups cover every configured key', () => {
		const [k1, k2] = [key(), key()];
		const c1 = new PiiCipher([k1]);
		expect(c1.lookup(ID)).toBe(c1.lookup(` ${ID} `));
		expect(c1.lookup('35050219850612234x')).toBe(c1.lookup('35050219850612234X'));
		expect(c1.lookup('138-0595-9876')).toBe(c1.lookup('13805959876'));
		expect(c1.lookup(ID)).not.toBe(new PiiCipher([k2]).lookup(ID));
		expect(new PiiCipher([k2, k1]).lookups(ID)).toContain(c1.lookup(ID));
		expect(new PiiCipher([k1], 'gm').lookup(ID)).not.toBe(c1.lookup(ID));
	});
});

describe('masks', () => {
	it('shows only the ends of an identifier', () => {
		expect(maskIdentifier(ID)).toBe('3505**********2344');
		expect(maskIdentifier('13805955678')).toBe('138****5678');
		expect(maskIdentifier('0595-22345678')).toBe('0595-****5678');
		expect(maskIdentifier('6222021402001234567')).toBe('***************4567');
		expect(maskIdentifier('350502850612234')).toBe('3505*******2234');
		expect(maskIdentifier('123')).toBe('***');
	});

	it('masks a case state by field name and by value, and nothing else', () => {
		const fields = new PiiFields(['bank_account']);
		const s = caseState();
		s.machine.context.data = {
			applicant_name: '张三',
			contact: { phone: '0595-22345678' },
			members: [{ id: ID }],
			bank_account: '6222021402001234567',
			note: MOBILE
		};
		const masked = maskRecord(fields, 'state', s).machine.context.data;
		expect(masked).toEqual({
			applicant_name: '张三',
			contact: { phone: '0595-****5678' },
			members: [{ id: '3505**********2344' }],
			bank_account: '***************4567',
			note: '139****1234'
		});
		expect(s.machine.context.data.note).toBe(MOBILE);
	});

	it('knows the shipped catalog’s identifier fields from formats and semantic keys, also as composed', () => {
		const { catalog } = checkCatalog(readCatalogDir(resolve('definitions')));
		const fields = PiiFields.fromCatalog(catalog!);
		for (const n of [
			'applicantIdNumber',
			'phone',
			'applicant_idNumber',
			'contact_phone',
			'guardian_idNumber',
			'bankAccount',
			'bank_account',
			'tuixiu-shenpi__bankAccount',
			// the pension, 医保 and 公积金 accounts, each its own key
			'bank_pensionAccount',
			'bank_medicalInsuranceAccount',
			'bank_housingFundAccount'
		])
			expect(fields.has(n, 'x'), n).toBe(true);
		for (const n of ['applicantName', 'applicant_name', 'address', 'employer', 'tuixiu-shenpi__address']) expect(fields.has(n, 'x'), n).toBe(false);
	});
});

describe('the key from the environment', () => {
	it('refuses a key that is not 32 bytes of base64, and a production start without one', () => {
		const dir = tempDir('pii-key-');
		expect(() => piiKeyConfig({ PII_KEY: 'c2hvcnQ=' }, dir)).toThrow(
			'PII_KEY 应为 32 字节密钥的 base64 编码（可用 openssl rand -base64 32 生成），当前解码后为 5 字节'
		);
		expect(() => piiKeyConfig({ PII_KEY: 'not base64!' }, dir)).toThrow('当前不是 base64');
		expect(() => piiKeyConfig({ PII_KEY: b64(key()), CRYPTO_SUITE: 'sm' }, dir)).toThrow('CRYPTO_SUITE=sm：应为 intl（AES-256-GCM）或 gm（国密 SM4/SM3）');
		expect(() => piiKeyConfig({ NODE_ENV: 'production' }, dir)).toThrow('生产环境（NODE_ENV=production）必须设置 PII_KEY');
		expect(existsSync(join(dir, 'pii.key'))).toBe(false);
	});

	it('in development makes a key in DATA_DIR once, readable by its owner only, and keeps using it', () => {
		const dir = tempDir('pii-key-');
		const first = piiKeyConfig({}, dir);
		expect(first.source).toBe(join(dir, 'pii.key'));
		expect(statSync(join(dir, 'pii.key')).mode & 0o077).toBe(0);
		expect(piiKeyConfig({}, dir).keys[0].equals(first.keys[0])).toBe(true);
		const given = key();
		expect(piiKeyConfig({ PII_KEY: b64(given) }, dir).keys[0].equals(given)).toBe(true);
	});
});

/** Every file under dir, concatenated (the store's bytes on disk). */
const bytesUnder = (dir: string): Buffer =>
	Buffer.concat(
		readdirSync(dir, { recursive: true, withFileTypes: true })
			.filter((e) => e.isFile())
			.map((e) => readFileSync(join(e.parentPath, e.name)))
	);

/** A small case (no row large enough for PostgreSQL to compress, so plaintext would show on disk) with identifiers. */
function personalCase(marker: string): CaseRecord {
	const c = caseRecord();
	const context = { ...emptyContext(), data: { applicant_idNumber: ID, contact_phone: MOBILE, remark: marker } };
	const machine = { value: 'submitted', status: 'active' as const, context };
	c.state = { machine, initial: machine, branchVersions: {}, results: [], verifications: [] };
	c.events[0].payload = { data: { phone: MOBILE } };
	return c;
}
const insert = (store: Store, c: CaseRecord) => store.transaction((tx) => tx.cases.insert(c));

describe.each([
	['lowdb', { STORE: 'lowdb' } as Record<string, string>],
	['pglite', {} as Record<string, string>]
])('the %s store', (_name, base) => {
	it('writes no ID or phone number to disk, reads them back, finds the case by either; a wrong key stops the start', async () => {
		const dir = tempDir('pii-store-');
		const env = { ...base, PII_KEY: b64(key()) };
		const marker = `marker-${Date.now()}`;
		const c = personalCase(marker);
		let store = await openStore({ dataDir: dir, env, log: () => {} });
		await insert(store, c);
		await store.accounts.put({ id: 'u1', username: 'u1', name: '张三', passwordHash: 'h', roles: ['applicant'], profile: { idNumber: ID, phone: MOBILE } });
		const draft = {
			userId: 'u1',
			serviceKind: 'item' as const,
			serviceId: 's1',
			answers: {},
			data: { applicant_idNumber: ID },
			materials: {},
			updatedAt: c.createdAt
		};
		await store.drafts.put(draft);
		const card = idCard(c.createdAt);
		await store.licences.put(card);
		expect(await store.cases.get(c.id)).toStrictEqual(c);
		expect(await store.drafts.get('u1', 'item', 's1')).toStrictEqual(draft);
		expect(await store.licences.byHolder(ID)).toStrictEqual([card]);
		expect((await store.cases.list({ identifier: MOBILE })).map((x) => x.id)).toEqual([c.id]);
		await store.close();
		const disk = bytesUnder(dir);
		expect(disk.includes(marker), 'the control value is on disk').toBe(true);
		expect(disk.includes(ID)).toBe(false);
		expect(disk.includes(MOBILE)).toBe(false);

		const wrong = { ...base, PII_KEY: b64(key()) };
		await expect(openStore({ dataDir: dir, env: wrong, log: () => {} })).rejects.toThrow(/^PII_KEY 与已存数据不符：数据由密钥 \w{8} 加密/);
		store = await openStore({ dataDir: dir, env, log: () => {} });
		expect((await store.cases.list({ identifier: ID }))[0]).toStrictEqual(c);
		expect((await store.accounts.get('u1'))?.profile).toEqual({ idNumber: ID, phone: MOBILE });
		await store.close();
	}, 60_000);

	it('rotates: the new key reads old values through PII_OLD_KEYS, pii:rotate reseals them, then the old key is not needed', async () => {
		const dir = tempDir('pii-rotate-');
		const [oldKey, newKey] = [b64(key()), b64(key())];
		const c = personalCase('rotate');
		let store = await openStore({ dataDir: dir, env: { ...base, PII_KEY: oldKey }, log: () => {} });
		const oldId = store.pii.cipher.keyId;
		await insert(store, c);
		await store.close();

		store = await openStore({ dataDir: dir, env: { ...base, PII_KEY: newKey, PII_OLD_KEYS: oldKey, CRYPTO_SUITE: 'gm' }, log: () => {} });
		const newId = store.pii.cipher.keyId;
		expect(await store.cases.get(c.id)).toStrictEqual(c);
		expect(await rotatePii(store)).toBeGreaterThan(0);
		await store.close();
		// without the old key the data is readable (and findable) now, all of it sealed with SM4 under the new key
		store = await openStore({ dataDir: dir, env: { ...base, PII_KEY: newKey, CRYPTO_SUITE: 'gm' }, log: () => {} });
		expect((await store.cases.list({ identifier: ID }))[0]).toStrictEqual(c);
		await store.close();
		const disk = bytesUnder(dir).toString('latin1');
		expect(disk).toContain(`enc:v1:sm4cbc-hsm3:${newId}:`);
		// PostgreSQL keeps replaced row versions (sealed with the old key) until vacuumed; the lowdb file is rewritten whole
		// (store.json.bak, the previous good copy, holds the old key until the next write replaces it)
		if (base.STORE === 'lowdb') expect(readFileSync(join(dir, 'store.json'), 'latin1')).not.toContain(`:${oldId}:`);
	}, 60_000);
});

describe('a store written before encryption', () => {
	it('is sealed and indexed at the first start with a key: cases, their logs and licences (found by holder again)', async () => {
		const dir = tempDir('pii-upgrade-');
		/** seals nothing: the rows as the store wrote them before */
		class Plain extends PiiCodec {
			override seal<K>(_k: unknown, r: K): K {
				return r;
			}
			override caseLookups() {
				return [];
			}
		}
		const c = personalCase('upgrade');
		const card = idCard(c.createdAt);
		const old = await openSqlStore(await pgliteDriver(join(dir, 'pg')), dir, new Plain(new PiiCipher([key()])));
		await insert(old, c);
		await old.licences.put(card);
		await old.close();
		const lines: string[] = [];
		const store = await openStore({ dataDir: dir, env: {}, log: (l) => lines.push(l) });
		expect(lines).toContain('已加密此前以明文保存的个人信息（3 条记录）');
		expect(await store.cases.get(c.id)).toStrictEqual(c);
		expect((await store.cases.list({ identifier: ID }))[0]?.id).toBe(c.id);
		expect(await store.licences.byHolder(ID)).toStrictEqual([card]);
		await store.close();
		const db = await pgliteDriver(join(dir, 'pg'));
		const rows = await db.query<{ t: string }>(
			`SELECT (SELECT string_agg(x::text, ' ') FROM cases x) || (SELECT string_agg(y::text, ' ') FROM case_events y) || (SELECT string_agg(z::text, ' ') FROM licences z) AS t`
		);
		await db.close();
		expect(rows.rows[0].t).toContain('upgrade');
		expect(rows.rows[0].t).not.toContain(ID);
		expect(rows.rows[0].t).not.toContain(MOBILE);
	}, 60_000);
});
