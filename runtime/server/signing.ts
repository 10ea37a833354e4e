// Signatures over JSON documents (electronic licences), with the suite CRYPTO_SUITE chooses: Ed25519 (intl) or SM2 with
// SM3 (gm, GB/T 32918). The signature names its algorithm and carries the public key, so documents signed under
// either suite verify. Keys live in the store's meta, made on first use.
//
// SM2 through Node's OpenSSL 3.0: a key is only signed with the SM2 scheme once it is read back from PEM (a freshly
// generated one is a plain EC key, and would make ECDSA signatures on the SM2 curve). OpenSSL 3.0 gives Node no way to
// set the signer's distinguishing identifier, so its Z value uses an empty one (ENTL = 0), recorded as `userId: ''`:
// a verifier must use that ID, not GM/T 0009's default 1234567812345678 (tests/unit/gm-crypto.test.ts checks both
// directions against sm-crypto).
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { CryptoSuite } from '../core/crypto-suite';
import type { Store } from '../core/store';

export type Signature = { alg: 'Ed25519'; value: string; publicKey: string } | { alg: 'SM2'; hash: 'SM3'; userId: ''; value: string; publicKey: string };

/** The store.meta key of each suite's private key (PKCS#8 PEM); the Ed25519 one keeps its older name. */
const KEY_META = { intl: 'licenceSigningKey', gm: 'signingKeySm2' } as const;

function newKeyPem(suite: CryptoSuite): string {
	const { privateKey } = suite === 'gm' ? generateKeyPairSync('ec', { namedCurve: 'SM2' }) : generateKeyPairSync('ed25519');
	return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** The DER of the SM2 curve's OID 1.2.156.10197.1.301, as an SPKI names it. */
const SM2_CURVE = Buffer.from('06082a811ccf5501822d', 'hex');
const isSm2Key = (key: KeyObject) => key.type === 'public' && key.export({ type: 'spki', format: 'der' }).includes(SM2_CURVE);

const keys = new Map<string, { privateKey: KeyObject; publicKeyPem: string }>();

async function keyPair(store: Store, suite: CryptoSuite) {
	let pem = await store.meta.get<string>(KEY_META[suite]);
	if (!pem) {
		pem = newKeyPem(suite);
		await store.meta.set(KEY_META[suite], pem);
	}
	let pair = keys.get(pem);
	if (!pair) {
		const privateKey = createPrivateKey(pem);
		pair = { privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
		keys.set(pem, pair);
	}
	return pair;
}

/** Signs the UTF-8 bytes of `text` with the suite's key. */
export async function signText(store: Store, suite: CryptoSuite, text: string): Promise<Signature> {
	const { privateKey, publicKeyPem } = await keyPair(store, suite);
	const data = Buffer.from(text, 'utf8');
	if (suite === 'gm') return { alg: 'SM2', hash: 'SM3', userId: '', value: sign('sm3', data, privateKey).toString('base64'), publicKey: publicKeyPem };
	return { alg: 'Ed25519', value: sign(null, data, privateKey).toString('base64'), publicKey: publicKeyPem };
}

/** Whether `signature` (either suite) holds for `text`; false for an unknown algorithm or a malformed key. */
export function verifyText(text: string, signature: { alg?: string; value: string; publicKey: string; userId?: string }): boolean {
	try {
		const data = Buffer.from(text, 'utf8');
		const key = createPublicKey(signature.publicKey);
		const value = Buffer.from(signature.value, 'base64');
		if (signature.alg === 'SM2') return (signature.userId ?? '') === '' && isSm2Key(key) && verify('sm3', data, key, value);
		if (signature.alg === 'Ed25519' || signature.alg === undefined) return key.asymmetricKeyType === 'ed25519' && verify(null, data, key, value);
		return false;
	} catch {
		return false;
	}
}
