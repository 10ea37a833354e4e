import { error, redirect } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { humanNumber, type CertificateValue } from '$core/certificates';
import { maskIdentifier } from '$server/pii';
import { licenceQr } from '$server/licence-qr';
import { sealDepartmentOf, sealOf } from '$server/seals';
import { membersOf } from '$core/cases/combined';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	if (!locals.actor) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const app = await getApp();
	const licence = await app.licences.get(params.id);
	if (!licence) error(404, '电子证照不存在');
	if (!(await app.licences.mayRead(locals.actor, licence))) error(403, '您无权查看该电子证照');
	const dict = app.catalog.dictionaries;
	const issuer = dict.departments.find((d) => d.id === licence.issuer)?.name ?? licence.issuer;
	const typeName = dict.licenceTypes.find((t) => t.code === licence.type)?.name ?? String(licence.data.typeName ?? licence.name);
	const department = sealDepartmentOf(app, licence);
	const fields = Array.isArray(licence.data.fields) ? (licence.data.fields as CertificateValue[]) : [];
	// the page may be printed or shown over a shoulder: the ID number (or credit code) is always shown masked
	return {
		licence: {
			id: licence.id,
			name: licence.name,
			number: humanNumber(licence),
			holderName: licence.holderName,
			holderId: maskIdentifier(licence.holderId),
			issuedAt: licence.issuedAt,
			validUntil: licence.validUntil,
			revokedAt: licence.revokedAt,
			revokedReason: licence.revokedReason,
			itemName: typeof licence.data.itemName === 'string' ? licence.data.itemName : undefined,
			receiptNumber: typeof licence.data.receiptNumber === 'string' ? licence.data.receiptNumber : undefined,
			fields: fields.filter((f) => !/^(number|certificateNumber)$/.test(f.key) || f.value !== humanNumber(licence))
		},
		typeName,
		issuer,
		// 电子印章 of the issuing department, and the member approvals of a combined licence (多证合一)
		seal: department ? await sealOf(app, department) : undefined,
		members: membersOf(licence).map((m) => ({ ...m, department: dict.departments.find((d) => d.id === m.department)?.name ?? m.department })),
		qr: await licenceQr(url.origin, licence.id)
	};
};
