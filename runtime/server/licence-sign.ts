// Electronic licences are handed out as JSON signed with the platform's key: Ed25519, or SM2 under CRYPTO_SUITE=gm.
// The signed text is the licence's RFC 8785 canonical JSON (`canon: 'JCS'`). Signatures made before had no `canon`: they
// covered JSON.stringify(licence, sortedTopLevelKeys), which (a replacer array filters nested keys too) left out nested
// values such as `data`; they still verify as they were made, and new ones cover the whole licence.
import { canonicalJson } from '../core/audit-chain';
import type { CryptoSuite } from '../core/crypto-suite';
import type { Licence, Store } from '../core/store';
import { signText, verifyText, type Signature } from './signing';

const legacyText = (l: Licence) => JSON.stringify(l, Object.keys(l).sort());

export async function signedLicence(store: Store, licence: Licence, suite: CryptoSuite = 'intl') {
	const signature: Signature & { canon: 'JCS' } = { ...(await signText(store, suite, canonicalJson(licence))), canon: 'JCS' };
	return { licence, signature };
}

export function verifyLicence(doc: {
	licence: Licence;
	signature: { alg?: string; canon?: string; value: string; publicKey: string; userId?: string };
}): boolean {
	const { canon } = doc.signature;
	if (canon !== undefined && canon !== 'JCS') return false;
	return verifyText(canon === 'JCS' ? canonicalJson(doc.licence) : legacyText(doc.licence), doc.signature);
}
