// Electronic licences are handed out as a JSON file: the licence, and a detached compact JWS (RFC 7515 appendix F) over
// its RFC 8785 canonical JSON, so the signature covers every nested value. The header names the key (kid) in the
// server's key set (/.well-known/jwks.json): EdDSA (Ed25519) through jose, or under CRYPTO_SUITE=gm the platform's
// own "SM2" algorithm (SM2 with SM3, GB/T 32918, DER signature, empty user id; not a registered JOSE algorithm).
// Files downloaded before carry `signature: { alg, value, publicKey, canon? }`: they verify when their public key is
// one of the server's keys (the earlier single keys were imported as the first ones, runtime/server/licence-keys.ts).
import { sign, verify } from 'node:crypto';
import canonicalize from 'canonicalize';
import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import { canonicalJson } from '../core/audit-chain';
import type { CryptoSuite } from '../core/crypto-suite';
import type { Licence } from '../core/store';
import type { LicenceKeys } from './licence-keys';
import { verifyText } from './signing';

export interface LicenceFile {
	licence: Licence;
	/** compact JWS with the payload detached: `<protected>..<signature>` */
	jws: string;
	canonicalization: 'RFC8785';
	/** where the public keys are */
	keys?: string;
	/** the verification page of this licence (the QR code's URL) */
	verify?: string;
	/** 电子印章: the department whose seal key signed it (its kid names the department too); not part of the signed content */
	seal?: { department: string; name: string };
}

type LegacySignature = { alg?: string; canon?: string; value: string; publicKey: string; userId?: string };
export type SignatureCheck =
	{ ok: true; kid: string; legacy?: 'jcs' | 'topKeys'; department?: string } | { ok: false; reason: 'tampered' | 'unknown-key' | 'malformed'; kid?: string };

export const canonicalBytes = (l: Licence) => Buffer.from(canonicalize(l) ?? '', 'utf8');
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** Signs with `seal`'s department key (电子印章) when given, else with the platform's key. */
export async function signLicence(
	keys: LicenceKeys,
	licence: Licence,
	suite: CryptoSuite,
	origin?: string,
	seal?: { department: string; name: string }
): Promise<LicenceFile> {
	const key = seal ? await keys.ofDepartment(seal.department, suite) : await keys.active(suite);
	const payload = canonicalBytes(licence);
	let jws: string;
	if (key.alg === 'EdDSA') {
		jws = await new CompactSign(payload).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'licence+jws' }).sign(key.privateKey);
	} else {
		const header = b64(JSON.stringify({ alg: 'SM2', kid: key.kid, typ: 'licence+jws' }));
		const signature = sign('sm3', Buffer.from(`${header}.${b64(payload)}`, 'ascii'), key.privateKey);
		jws = `${header}.${b64(payload)}.${b64(signature)}`;
	}
	const [h, , s] = jws.split('.');
	return {
		licence,
		jws: `${h}..${s}`,
		canonicalization: 'RFC8785',
		...(origin ? { keys: `${origin}/.well-known/jwks.json`, verify: verifyUrl(origin, licence.id) } : {}),
		...(seal ? { seal: { department: seal.department, name: seal.name } } : {})
	};
}

export const verifyUrl = (origin: string, id: string) => `${origin}/verify?id=${encodeURIComponent(id)}`;

/** Whether the file's signature holds for its licence with one of the server's keys. */
export async function checkSignature(keys: LicenceKeys, doc: unknown): Promise<SignatureCheck> {
	const d = doc as { licence?: Licence; jws?: unknown; signature?: LegacySignature };
	if (!d || typeof d !== 'object' || !d.licence || typeof d.licence !== 'object') return { ok: false, reason: 'malformed' };
	if (typeof d.jws === 'string') return checkJws(keys, d.licence, d.jws);
	if (d.signature && typeof d.signature.value === 'string' && typeof d.signature.publicKey === 'string') return checkLegacy(keys, d.licence, d.signature);
	return { ok: false, reason: 'malformed' };
}

async function checkJws(keys: LicenceKeys, licence: Licence, jws: string): Promise<SignatureCheck> {
	const parts = jws.split('.');
	if (parts.length !== 3 || parts[1] !== '') return { ok: false, reason: 'malformed' };
	let header: { alg?: string; kid?: string };
	try {
		header = decodeProtectedHeader(jws);
	} catch {
		return { ok: false, reason: 'malformed' };
	}
	if (typeof header.kid !== 'string') return { ok: false, reason: 'malformed' };
	const key = await keys.get(header.kid);
	if (!key) return { ok: false, reason: 'unknown-key', kid: header.kid };
	let payload: string;
	try {
		payload = b64(canonicalBytes(licence));
	} catch {
		return { ok: false, reason: 'malformed', kid: key.kid };
	}
	const attached = `${parts[0]}.${payload}.${parts[2]}`;
	try {
		if (header.alg !== key.alg) return { ok: false, reason: 'tampered', kid: key.kid };
		if (key.alg === 'EdDSA') await compactVerify(attached, key.publicKey, { algorithms: ['EdDSA'] });
		else if (!verify('sm3', Buffer.from(`${parts[0]}.${payload}`, 'ascii'), key.publicKey, Buffer.from(parts[2], 'base64url')))
			return { ok: false, reason: 'tampered', kid: key.kid };
		return { ok: true, kid: key.kid, ...(key.department ? { department: key.department } : {}) };
	} catch {
		return { ok: false, reason: 'tampered', kid: key.kid };
	}
}

/** Files made before the JWS: the public key they carry must be one of ours, and the signature must hold. */
async function checkLegacy(keys: LicenceKeys, licence: Licence, s: LegacySignature): Promise<SignatureCheck> {
	const ours = (await keys.all()).find((k) => k.publicPem.trim() === s.publicKey.trim());
	if (!ours) return { ok: false, reason: 'unknown-key' };
	if (s.canon !== undefined && s.canon !== 'JCS') return { ok: false, reason: 'malformed', kid: ours.kid };
	const text = s.canon === 'JCS' ? canonicalJson(licence) : JSON.stringify(licence, Object.keys(licence).sort());
	if (!verifyText(text, s)) return { ok: false, reason: 'tampered', kid: ours.kid };
	return { ok: true, kid: ours.kid, legacy: s.canon === 'JCS' ? 'jcs' : 'topKeys' };
}
