import { error, redirect } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { maskedLicence } from '$server/pii-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	if (!locals.actor) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const app = await getApp();
	const licence = await app.licences.get(params.id);
	if (!licence) error(404, '电子证照不存在');
	if (!(await app.licences.mayRead(locals.actor, licence))) error(403, '您无权查看该电子证照');
	const issuer = app.catalog.dictionaries.departments.find((d) => d.id === licence.issuer)?.name ?? licence.issuer;
	// the holder and the applicant see the ID number; an administrator sees it masked
	const own = await app.licences.mayRead({ ...locals.actor, roles: locals.actor.roles.filter((r) => r !== 'admin') }, licence);
	return { licence: own ? licence : maskedLicence(licence), issuer };
};
