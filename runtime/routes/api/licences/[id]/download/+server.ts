import { auditEntry } from '$core/audit';
import { HttpError, notFound } from '$core/errors';
import { humanNumber } from '$core/certificates';
import { api } from '$server/http';
import { signLicence } from '$server/licence-sign';
import { sealDepartmentOf, sealOf } from '$server/seals';

/** The electronic licence as a JSON file with a detached JWS over its canonical JSON; the keys are at /.well-known/jwks.json. */
export const GET = api(async ({ app, event, actor }) => {
	const licence = await app.licences.get(event.params.id!);
	if (!licence) throw notFound(`电子证照 ${event.params.id} `);
	if (!(await app.licences.mayRead(actor!, licence))) throw new HttpError(403, '您无权下载该电子证照');
	await app.store.audit.append(auditEntry(app.time.now().toISOString(), actor!.id, 'licence.download', licence.caseId, { licence: licence.id }));
	// 电子印章: signed with the issuing department's seal key
	const department = sealDepartmentOf(app, licence);
	const seal = department ? await sealOf(app, department) : undefined;
	const doc = await signLicence(app.licenceKeys, licence, app.cryptoSuite, event.url.origin, seal);
	const file = encodeURIComponent(`${licence.name}-${humanNumber(licence)}.json`);
	return new Response(JSON.stringify(doc, null, 2), {
		headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="licence.json"; filename*=UTF-8''${file}` }
	});
});
