import { auditEntry } from '$core/audit';
import { HttpError, notFound } from '$core/errors';
import { api } from '$server/http';
import { signedLicence } from '$server/licence-sign';

/** The electronic licence as a signed JSON file (Ed25519, or SM2 under CRYPTO_SUITE=gm; the public key travels with it). */
export const GET = api(async ({ app, event, actor }) => {
	const licence = await app.licences.get(event.params.id!);
	if (!licence) throw notFound(`电子证照 ${event.params.id} `);
	if (!(await app.licences.mayRead(actor!, licence))) throw new HttpError(403, '您无权下载该电子证照');
	await app.store.audit.append(auditEntry(app.time.now().toISOString(), actor!.id, 'licence.download', licence.caseId, { licence: licence.id }));
	const doc = await signedLicence(app.store, licence, app.cryptoSuite);
	return new Response(JSON.stringify(doc, null, 2), {
		headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="${licence.number}.json"` }
	});
});
