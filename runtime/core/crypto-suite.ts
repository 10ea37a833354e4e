// The cryptographic suite, chosen by CRYPTO_SUITE: intl = SHA-256 hashes and Ed25519 signatures; gm (国密) = SM3 hashes
// (GB/T 32905) and SM2 signatures (GB/T 32918), both from Node's OpenSSL. Every stored hash and signature names its
// algorithm, so a history that switched suites still verifies.
import { createHash } from 'node:crypto';
import type { HashAlg } from './store';

export type CryptoSuite = 'intl' | 'gm';

export const SUITE_HASH: Record<CryptoSuite, HashAlg> = { intl: 'sha256', gm: 'sm3' };

/** The hex digest of a UTF-8 string. */
export const digestHex = (alg: HashAlg, text: string) => createHash(alg).update(text, 'utf8').digest('hex');

/** CRYPTO_SUITE from the environment (default intl); anything else stops the start with the variable's name. */
export function cryptoSuite(env: Record<string, string | undefined> = process.env): CryptoSuite {
	const raw = env.CRYPTO_SUITE?.trim() ?? '';
	if (raw === '' || raw === 'intl') return 'intl';
	if (raw === 'gm') return 'gm';
	throw new Error(`环境变量 CRYPTO_SUITE 应为 intl（SHA-256 + Ed25519）或 gm（国密 SM3 + SM2），现为 “${raw}”`);
}
