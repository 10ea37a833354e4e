// Personal identifiers at rest (个人信息保护法, 等保 2.0): authenticated encryption with a key from the environment, keyed
// hashes for exact-match lookups, and the masks shown to viewers who do not need the full value.
//
// A sealed value is `enc:v1:<alg>:<key id>:<iv>:<ciphertext>` (base64url): alg `a256gcm` (AES-256-GCM, the default) or, with
// CRYPTO_SUITE=gm, `sm4cbc-hsm3` (SM4-CBC, then HMAC-SM3 over header, iv and ciphertext: Node's OpenSSL has no SM4-GCM).
// Every subkey is derived from PII_KEY (32 bytes, base64) with HKDF; the key id names the key, so older keys listed in
// PII_OLD_KEYS still open what they sealed while new writes use PII_KEY (rotation).
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CryptoSuite } from '../core/crypto-suite';
export type { CryptoSuite };
export const SEALED_PREFIX = 'enc:v1:';
const ALG: Record<CryptoSuite, string> = { intl: 'a256gcm', gm: 'sm4cbc-hsm3' };
const SALT = 'onething/pii/v1';
const KEY_BYTES = 32;
const MAC_BYTES = 32;

/** A key, a sealed value or the store's key check that does not fit; the message says what to do. */
export class PiiError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PiiError';
	}
}

interface KeyMaterial {
	id: string;
	aes: Buffer;
	sm4: Buffer;
	sm4Mac: Buffer;
	lookup: Record<CryptoSuite, Buffer>;
}

const hkdf = (digest: string, key: Buffer, info: string, length: number) => Buffer.from(hkdfSync(digest, key, SALT, info, length));

/** The key id: a short name for a key that does not reveal it. */
export const keyIdOf = (key: Buffer) => createHmac('sha256', key).update('onething/pii/key-id').digest('hex').slice(0, 8);

function derive(key: Buffer): KeyMaterial {
	return {
		id: keyIdOf(key),
		aes: hkdf('sha256', key, 'aes-256-gcm', 32),
		sm4: hkdf('sm3', key, 'sm4-cbc', 16),
		sm4Mac: hkdf('sm3', key, 'hmac-sm3', MAC_BYTES),
		lookup: { intl: hkdf('sha256', key, 'lookup/hmac-sha256', 32), gm: hkdf('sm3', key, 'lookup/hmac-sm3', 32) }
	};
}

const b64 = (b: Buffer) => b.toString('base64url');

// IVs come from a pool of random bytes refilled 4 KiB at a time (randomBytes per value cost as much as the cipher itself)
let pool = Buffer.alloc(0);
let poolAt = 0;
function freshIv(n: number): Buffer {
	if (poolAt + n > pool.length) {
		pool = randomBytes(4096);
		poolAt = 0;
	}
	poolAt += n;
	return pool.subarray(poolAt - n, poolAt);
}

/** A Map that forgets its oldest entries beyond `max`. */
export class Recent<V> extends Map<string, V> {
	constructor(private readonly max: number) {
		super();
	}
	override set(k: string, v: V) {
		if (this.size >= this.max && !this.has(k)) this.delete(this.keys().next().value!);
		return super.set(k, v);
	}
}

/** The form an identifier is hashed in: an ID number's x upper-cased, a phone number without spaces or hyphens. */
export function normaliseIdentifier(value: string): string {
	const s = value.trim();
	if (/^\d{17}[\dxX]$/.test(s)) return s.toUpperCase();
	if (/^[\d\s()+-]+$/.test(s)) return s.replace(/[\s()-]/g, '');
	return s;
}

export class PiiCipher {
	private readonly keys: KeyMaterial[];
	private readonly byId: Map<string, KeyMaterial>;

	/** keys[0] seals; every key opens what it sealed */
	constructor(
		keys: Buffer[],
		readonly suite: CryptoSuite = 'intl'
	) {
		if (!keys.length) throw new PiiError('没有可用的个人信息密钥');
		this.keys = keys.map(derive);
		this.byId = new Map(this.keys.map((k) => [k.id, k]));
	}

	get keyId() {
		return this.keys[0].id;
	}

	get keyIds() {
		return this.keys.map((k) => k.id);
	}

	hasKey(id: string) {
		return this.byId.has(id);
	}

	/** Sealed values start with this when made with the current key and suite. */
	get currentHeader() {
		return `${SEALED_PREFIX}${ALG[this.suite]}:${this.keys[0].id}:`;
	}

	encrypt(plain: string): string {
		const k = this.keys[0];
		const header = `${SEALED_PREFIX}${ALG[this.suite]}:${k.id}`;
		if (this.suite === 'gm') {
			const iv = freshIv(16);
			const c = createCipheriv('sm4-cbc', k.sm4, iv);
			const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
			const mac = createHmac('sm3', k.sm4Mac).update(header).update(iv).update(ct).digest();
			return `${header}:${b64(iv)}:${b64(Buffer.concat([ct, mac]))}`;
		}
		const iv = freshIv(12);
		const c = createCipheriv('aes-256-gcm', k.aes, iv);
		c.setAAD(Buffer.from(header));
		const ct = Buffer.concat([c.update(plain, 'utf8'), c.final(), c.getAuthTag()]);
		return `${header}:${b64(iv)}:${b64(ct)}`;
	}

	decrypt(token: string): string {
		const parts = token.split(':');
		if (parts.length !== 6 || `${parts[0]}:${parts[1]}:` !== SEALED_PREFIX)
			throw new PiiError(`个人信息密文格式不正确（应为 ${SEALED_PREFIX}<算法>:<密钥标识>:<iv>:<密文>）`);
		const [, , alg, kid, ivText, ctText] = parts;
		const k = this.byId.get(kid);
		if (!k) throw new PiiError(`个人信息密文由密钥 ${kid} 加密，但该密钥未配置：请在 PII_KEY 或 PII_OLD_KEYS 中提供它（已配置：${this.keyIds.join('、')}）`);
		const header = `${SEALED_PREFIX}${alg}:${kid}`;
		const iv = Buffer.from(ivText, 'base64url');
		const body = Buffer.from(ctText, 'base64url');
		const refused = () => new PiiError(`个人信息密文无法用密钥 ${kid} 解开（密钥不符或数据被篡改）`);
		try {
			if (alg === ALG.gm) {
				const ct = body.subarray(0, body.length - MAC_BYTES);
				const mac = createHmac('sm3', k.sm4Mac).update(header).update(iv).update(ct).digest();
				if (body.length < MAC_BYTES + 16 || !timingSafeEqual(mac, body.subarray(body.length - MAC_BYTES))) throw refused();
				const d = createDecipheriv('sm4-cbc', k.sm4, iv);
				return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
			}
			if (alg === ALG.intl) {
				if (body.length < 16) throw refused();
				const d = createDecipheriv('aes-256-gcm', k.aes, iv);
				d.setAAD(Buffer.from(header));
				d.setAuthTag(body.subarray(body.length - 16));
				return Buffer.concat([d.update(body.subarray(0, body.length - 16)), d.final()]).toString('utf8');
			}
		} catch (e) {
			if (e instanceof PiiError) throw e;
			throw refused();
		}
		throw new PiiError(`个人信息密文的算法 ${alg} 不受支持（支持 ${Object.values(ALG).join('、')}）`);
	}

	private readonly lookupsMade = new Recent<string>(10_000);

	/** The keyed hash an identifier is indexed under: HMAC-SHA256 (HMAC-SM3 under gm) with the current key, 128 bits. */
	lookup(value: string): string {
		let h = this.lookupsMade.get(value);
		if (h === undefined) this.lookupsMade.set(value, (h = this.hashWith(this.keys[0], this.suite, value)));
		return h;
	}

	/** The hashes an identifier may be indexed under: every configured key, both suites (rotation or a change of suite in progress). */
	lookups(value: string): string[] {
		const out = new Set<string>();
		for (const k of this.keys) for (const suite of [this.suite, this.suite === 'gm' ? 'intl' : 'gm'] as const) out.add(this.hashWith(k, suite, value));
		return [...out];
	}

	private hashWith(k: KeyMaterial, suite: CryptoSuite, value: string) {
		return b64(
			createHmac(suite === 'gm' ? 'sm3' : 'sha256', k.lookup[suite])
				.update(normaliseIdentifier(value))
				.digest()
				.subarray(0, 16)
		);
	}
}

export const isSealed = (v: unknown): v is string => typeof v === 'string' && v.startsWith(SEALED_PREFIX);

function parseKey(name: string, text: string): Buffer {
	const s = text.trim();
	const key = /^[0-9a-fA-F]{64}$/.test(s) ? Buffer.from(s, 'hex') : /^[A-Za-z0-9+/_-]+={0,2}$/.test(s) ? Buffer.from(s, 'base64') : undefined;
	if (!key || key.length !== KEY_BYTES)
		throw new PiiError(
			`${name} 应为 ${KEY_BYTES} 字节密钥的 base64 编码（可用 openssl rand -base64 32 生成）${key ? `，当前解码后为 ${key.length} 字节` : '，当前不是 base64'}`
		);
	return key;
}

export interface PiiKeyConfig {
	keys: Buffer[];
	suite: CryptoSuite;
	/** where the current key came from: PII_KEY, or the development key file in DATA_DIR */
	source: 'env' | string;
}

export const DEV_KEY_FILE = 'pii.key';

/**
 * PII_KEY (required when NODE_ENV=production), PII_OLD_KEYS (comma-separated, still read), CRYPTO_SUITE (intl | gm, as for the audit chain).
 * Without PII_KEY elsewhere a development key is kept in DATA_DIR/pii.key, made on first start with a warning.
 */
export function piiKeyConfig(env: Record<string, string | undefined>, dataDir: string): PiiKeyConfig {
	const suiteText = env.CRYPTO_SUITE?.trim() || 'intl';
	if (suiteText !== 'intl' && suiteText !== 'gm') throw new PiiError(`CRYPTO_SUITE=${suiteText}：应为 intl（AES-256-GCM）或 gm（国密 SM4/SM3）`);
	const old = (env.PII_OLD_KEYS ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.map((s, i) => parseKey(`PII_OLD_KEYS 第 ${i + 1} 个密钥`, s));
	if (env.PII_KEY?.trim()) return { keys: [parseKey('PII_KEY', env.PII_KEY), ...old], suite: suiteText, source: 'env' };
	if (env.NODE_ENV === 'production')
		throw new PiiError(
			'生产环境（NODE_ENV=production）必须设置 PII_KEY：32 字节密钥的 base64 编码（openssl rand -base64 32），用于加密身份证号、手机号等个人信息'
		);
	const file = join(dataDir, DEV_KEY_FILE);
	if (!existsSync(file)) {
		try {
			writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
			console.warn(`警告：未设置 PII_KEY，已生成开发用个人信息密钥 ${file}。生产环境必须设置 PII_KEY，且妥善备份：丢失密钥即无法读取已加密的个人信息。`);
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process made it first
		}
	}
	return { keys: [parseKey(file, readFileSync(file, 'utf8')), ...old], suite: suiteText, source: file };
}

/** Every key available to read a data folder written by another process: PII_KEY, PII_OLD_KEYS and DIR/pii.key (none is made). */
export function readerCipher(env: Record<string, string | undefined>, dir: string): PiiCipher {
	const keys: Buffer[] = [];
	if (env.PII_KEY?.trim()) keys.push(parseKey('PII_KEY', env.PII_KEY));
	for (const [i, k] of (env.PII_OLD_KEYS ?? '')
		.split(',')
		.map((x) => x.trim())
		.filter(Boolean)
		.entries())
		keys.push(parseKey(`PII_OLD_KEYS 第 ${i + 1} 个密钥`, k));
	const file = join(dir, DEV_KEY_FILE);
	if (existsSync(file)) keys.push(parseKey(file, readFileSync(file, 'utf8')));
	if (!keys.length) throw new PiiError(`${dir} 中的个人信息已加密：请用 PII_KEY（或 PII_OLD_KEYS）提供加密它的密钥`);
	return new PiiCipher(keys);
}

const KEY_CHECK = 'onething-pii-key-check';

/** What a store records of its keys: every key id its data may be sealed with, and a value sealed with one of them. */
export interface PiiKeyRecord {
	keyIds: string[];
	check: string;
}

export const piiKeyRecord = (cipher: PiiCipher): PiiKeyRecord => ({ keyIds: [cipher.keyId], check: cipher.encrypt(KEY_CHECK) });

/** Refuses keys that cannot open a store's data, before any of it is read (a wrong key would otherwise fail on reads). */
export function verifyKeyRecord(rec: PiiKeyRecord, cipher: PiiCipher) {
	const missing = rec.keyIds.filter((id) => !cipher.hasKey(id));
	if (missing.length)
		throw new PiiError(
			`PII_KEY 与已存数据不符：数据由密钥 ${missing.join('、')} 加密，当前配置的密钥为 ${cipher.keyIds.join('、')}。` +
				'请使用原来的 PII_KEY；轮换密钥时，新密钥放在 PII_KEY、旧密钥放在 PII_OLD_KEYS，再运行 npm run pii:rotate。'
		);
	let opened: string;
	try {
		opened = cipher.decrypt(rec.check);
	} catch (e) {
		throw new PiiError(`PII_KEY 无法解开存储中的密钥校验值：${(e as Error).message}`);
	}
	if (opened !== KEY_CHECK) throw new PiiError('PII_KEY 无法解开存储中的密钥校验值（内容不符）');
}

// ---------- masks ----------

const stars = (n: number) => '*'.repeat(Math.max(n, 1));

/** 身份证 3505**********1234, mobile 138****5678, landline 0595-****5678, anything else its last 4 characters. */
export function maskIdentifier(value: string): string {
	const s = value.trim();
	if (/^\d{17}[\dxX]$/.test(s) || /^\d{15}$/.test(s)) return s.slice(0, 4) + stars(s.length - 8) + s.slice(-4);
	if (/^1\d{10}$/.test(s)) return s.slice(0, 3) + '****' + s.slice(-4);
	const landline = /^(0\d{2,3})(-?)(\d{7,8})((?:-\d{1,6})?)$/.exec(s);
	if (landline) return `${landline[1]}${landline[2]}${stars(landline[3].length - 4)}${landline[3].slice(-4)}`;
	if (s.length <= 4) return stars(s.length);
	return stars(s.length - 4) + s.slice(-4);
}
