// Electronic licences are handed out as JSON signed with the platform's Ed25519 key.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { Licence, Store } from '../core/store';

async function keyPair(store: Store) {
	let pem = await store.meta.get<string>('licenceSigningKey');
	if (!pem) {
		pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		await store.meta.set('licenceSigningKey', pem);
	}
	const privateKey = createPrivateKey(pem);
	return { privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
}

const canonical = (l: Licence) => JSON.stringify(l, Object.keys(l).sort());

export async function signedLicence(store: Store, licence: Licence) {
	const { privateKey, publicKeyPem } = await keyPair(store);
	return { licence, signature: { alg: 'Ed25519', value: sign(null, Buffer.from(canonical(licence)), privateKey).toString('base64'), publicKey: publicKeyPem } };
}

export function verifyLicence(doc: { licence: Licence; signature: { value: string; publicKey: string } }): boolean {
	return verify(null, Buffer.from(canonical(doc.licence)), createPublicKey(doc.signature.publicKey), Buffer.from(doc.signature.value, 'base64'));
}
