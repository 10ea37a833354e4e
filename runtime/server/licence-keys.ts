// The licence signing keys, kept by the server in the store's meta (the database, so every process shares them), each
// under its own key id. The index names the active key per crypto suite; rotating adds a key and makes it the active one,
// old keys stay in the index (and in /.well-known/jwks.json) so what they signed keeps verifying. A key is also stored on
// its own (`licenceKey:<kid>`), so a signature verifies even if two processes raced on the index.
// 电子印章: each department has keys of its own in the same index (kid `seal:<department>:<thumbprint>`), rotated alike.
// The first index imports the platform's earlier keys (meta licenceSigningKey, signingKeySm2): licences signed before keep verifying.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import type { CryptoSuite } from '../core/crypto-suite';
import type { Store } from '../core/store';

export type KeyAlg = 'EdDSA' | 'SM2';
export interface StoredKey {
	kid: string;
	alg: KeyAlg;
	/** PKCS#8 PEM */
	privatePem: string;
	createdAt: string;
	/** when a newer key took over signing; it still verifies */
	retiredAt?: string;
	/** 电子印章: the department whose seal this key is (its kid is `seal:<department>:<thumbprint>`); absent = the platform's key */
	department?: string;
}
interface KeyIndex {
	active: Partial<Record<CryptoSuite, string>>;
	/** each department's seal key per suite */
	departments?: Record<string, Partial<Record<CryptoSuite, string>>>;
	kids: string[];
}
export interface LoadedKey extends StoredKey {
	privateKey: KeyObject;
	publicKey: KeyObject;
	publicPem: string;
	jwk: JWK;
}

const INDEX = 'licenceKeys';
const keyMeta = (kid: string) => `licenceKey:${kid}`;
const LEGACY = { intl: 'licenceSigningKey', gm: 'signingKeySm2' } as const;
const ALG: Record<CryptoSuite, KeyAlg> = { intl: 'EdDSA', gm: 'SM2' };
/** how long a process trusts its copy of the index (another process may have rotated) */
const INDEX_TTL_MS = 30_000;

const b64url = (b: Buffer) => b.toString('base64url');

/** The public JWK: OKP/Ed25519 through jose; SM2 as EC with crv "SM2" (x, y from the SPKI's uncompressed point; not a registered curve). */
async function publicJwk(alg: KeyAlg, publicKey: KeyObject): Promise<JWK> {
	if (alg === 'EdDSA') return exportJWK(publicKey);
	const der = publicKey.export({ type: 'spki', format: 'der' });
	const point = der.subarray(der.length - 65);
	return { kty: 'EC', crv: 'SM2', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33)) };
}

async function kidOf(alg: KeyAlg, jwk: JWK): Promise<string> {
	if (alg === 'EdDSA') return calculateJwkThumbprint(jwk, 'sha256');
	return b64url(
		createHash('sha256')
			.update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
			.digest()
	);
}

async function load(k: StoredKey): Promise<LoadedKey> {
	const privateKey = createPrivateKey(k.privatePem);
	const publicKey = createPublicKey(privateKey);
	// SM2 signs with the SM2 scheme only once read back from PEM (runtime/server/signing.ts); the public key is too
	const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
	const pub = k.alg === 'SM2' ? createPublicKey(publicPem) : publicKey;
	return { ...k, privateKey, publicKey: pub, publicPem, jwk: { ...(await publicJwk(k.alg, pub)), kid: k.kid, alg: k.alg, use: 'sig' } };
}

/** The kid of a department's seal key names the department. */
export const sealKid = (department: string, thumbprint: string) => `seal:${department}:${thumbprint}`;
/** The department a kid names, if it is a seal key's. */
export const departmentOfKid = (kid: string) => /^seal:([^:]+):/.exec(kid)?.[1];

async function newKey(alg: KeyAlg, createdAt: string, pem?: string, department?: string): Promise<StoredKey> {
	const privatePem =
		pem ??
		(alg === 'SM2' ? generateKeyPairSync('ec', { namedCurve: 'SM2' }) : generateKeyPairSync('ed25519')).privateKey
			.export({ type: 'pkcs8', format: 'pem' })
			.toString();
	const pub = createPublicKey(createPrivateKey(privatePem));
	const thumbprint = await kidOf(alg, await publicJwk(alg, alg === 'SM2' ? createPublicKey(pub.export({ type: 'spki', format: 'pem' })) : pub));
	return department ? { kid: sealKid(department, thumbprint), alg, privatePem, createdAt, department } : { kid: thumbprint, alg, privatePem, createdAt };
}

export class LicenceKeys {
	private byKid = new Map<string, LoadedKey>();
	private index?: { at: number; value: KeyIndex };

	constructor(
		private store: Store,
		private now: () => Date = () => new Date()
	) {}

	private async readIndex(fresh = false): Promise<KeyIndex> {
		if (!fresh && this.index && Date.now() - this.index.at < INDEX_TTL_MS) return this.index.value;
		const value = (await this.store.meta.get<KeyIndex>(INDEX)) ?? { active: {}, kids: [] };
		this.index = { at: Date.now(), value };
		return value;
	}

	private async writeIndex(value: KeyIndex) {
		await this.store.meta.set(INDEX, value);
		this.index = undefined;
	}

	private async save(k: StoredKey) {
		await this.store.meta.set(keyMeta(k.kid), k);
	}

	/** A key by id, the retired ones too; undefined for a key this platform never had. */
	async get(kid: string): Promise<LoadedKey | undefined> {
		const cached = this.byKid.get(kid);
		if (cached) return cached;
		const stored = await this.store.meta.get<StoredKey>(keyMeta(kid));
		if (!stored) return undefined;
		const loaded = await load(stored);
		this.byKid.set(kid, loaded);
		return loaded;
	}

	/** The key that signs now under `suite`, made (or imported from the earlier single key) on first use. */
	async active(suite: CryptoSuite): Promise<LoadedKey> {
		let index = await this.readIndex();
		let kid = index.active[suite];
		if (!kid) {
			index = await this.readIndex(true);
			kid = index.active[suite];
		}
		if (!kid) {
			const legacy = await this.store.meta.get<string>(LEGACY[suite]);
			const k = await newKey(ALG[suite], this.now().toISOString(), legacy);
			await this.save(k);
			await this.writeIndex({ ...index, active: { ...index.active, [suite]: k.kid }, kids: [...new Set([...index.kids, k.kid])] });
			// two processes starting together: whichever index was written last is the one both use from now on
			kid = (await this.readIndex(true)).active[suite] ?? k.kid;
		}
		const key = await this.get(kid);
		if (!key) throw new Error(`证照签名密钥 ${kid} 丢失`);
		return key;
	}

	/** Makes a new key the signing key of `suite`; the previous one is marked retired and keeps verifying. */
	async rotate(suite: CryptoSuite): Promise<LoadedKey> {
		return this.replace(suite, await this.active(suite));
	}

	/** 电子印章: the key that signs now for `department`'s seal under `suite`, made on first use. */
	async ofDepartment(department: string, suite: CryptoSuite): Promise<LoadedKey> {
		const slot = (i: KeyIndex) => i.departments?.[department]?.[suite];
		let kid = slot(await this.readIndex()) ?? slot(await this.readIndex(true));
		if (!kid) {
			const k = await newKey(ALG[suite], this.now().toISOString(), undefined, department);
			await this.save(k);
			await this.writeIndex(withDepartmentKey(await this.readIndex(true), department, suite, k.kid));
			kid = slot(await this.readIndex(true)) ?? k.kid;
		}
		const key = await this.get(kid);
		if (!key) throw new Error(`电子印章密钥 ${kid} 丢失`);
		return key;
	}

	/** A new seal key for `department`; the previous one is retired and keeps verifying what it signed. */
	async rotateDepartment(department: string, suite: CryptoSuite): Promise<LoadedKey> {
		// a department without a key yet gets its first one
		if (!(await this.readIndex(true)).departments?.[department]?.[suite]) return this.ofDepartment(department, suite);
		return this.replace(suite, await this.ofDepartment(department, suite), department);
	}

	private async replace(suite: CryptoSuite, previous: LoadedKey, department?: string): Promise<LoadedKey> {
		const at = this.now().toISOString();
		const k = await newKey(ALG[suite], at, undefined, department);
		await this.save(k);
		await this.save({ ...stripLoaded(previous), retiredAt: at });
		this.byKid.delete(previous.kid);
		const index = await this.readIndex(true);
		await this.writeIndex(
			department
				? withDepartmentKey(index, department, suite, k.kid)
				: { ...index, active: { ...index.active, [suite]: k.kid }, kids: [...new Set([...index.kids, k.kid])] }
		);
		return (await this.get(k.kid))!;
	}

	/** Every key of the index, newest first (an earlier single key not yet imported is imported first). */
	async all(): Promise<LoadedKey[]> {
		let index = await this.readIndex();
		for (const suite of ['intl', 'gm'] as const)
			if (!index.active[suite] && (await this.store.meta.get<string>(LEGACY[suite]))) {
				await this.active(suite);
				index = await this.readIndex(true);
			}
		const keys = (await Promise.all(index.kids.map((kid) => this.get(kid)))).filter((k): k is LoadedKey => !!k);
		return keys.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
	}

	/** The public key set (RFC 7517) anyone verifies licences with; `suite`'s signing key is made first if there is none yet. */
	async jwks(suite?: CryptoSuite): Promise<{ keys: JWK[] }> {
		if (suite) await this.active(suite);
		return { keys: (await this.all()).map((k) => k.jwk) };
	}
}

const stripLoaded = (k: LoadedKey): StoredKey => ({
	kid: k.kid,
	alg: k.alg,
	privatePem: k.privatePem,
	createdAt: k.createdAt,
	...(k.retiredAt ? { retiredAt: k.retiredAt } : {}),
	...(k.department ? { department: k.department } : {})
});

const withDepartmentKey = (index: KeyIndex, department: string, suite: CryptoSuite, kid: string): KeyIndex => ({
	...index,
	departments: { ...index.departments, [department]: { ...index.departments?.[department], [suite]: kid } },
	kids: [...new Set([...index.kids, kid])]
});
