import { auditEntry } from '$core/audit';
import { api, requireRole } from '$server/http';
import { rotateSeal } from '$server/seals';

/** 印章密钥轮换: the department's seal signs with a new key from now on; what the old key signed keeps verifying. */
export const POST = api(async ({ app, event, actor }) => {
	const admin = requireRole(actor, 'admin');
	const rotated = await rotateSeal(app, event.params.department!);
	await app.store.audit.append(auditEntry(app.time.now().toISOString(), admin.id, 'seal.key_rotate', undefined, { ...rotated }));
	return rotated;
});
