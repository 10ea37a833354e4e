import { auditEntry } from '$core/audit';
import { api, parseBody, readJson, requireRole } from '$server/http';
import { saveSeal, SealBody } from '$server/seals';

/** Sets a department's seal name and/or image (SVG or PNG as base64; `image: null` draws it from the name again). */
export const PUT = api(async ({ app, event, actor }) => {
	const admin = requireRole(actor, 'admin');
	const body = parseBody(SealBody, await readJson(event.request));
	const seal = await saveSeal(app, event.params.department!, body, admin.id);
	await app.store.audit.append(
		auditEntry(app.time.now().toISOString(), admin.id, 'seal.update', undefined, {
			department: seal.department,
			...(body.name ? { name: body.name } : {}),
			...(body.image !== undefined ? { image: body.image ? body.image.type : 'default' } : {})
		})
	);
	return { seal };
});
