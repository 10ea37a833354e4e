import { auditEntry } from '$core/audit';
import { api, requireRole } from '$server/http';

const view = (k: { kid: string; alg: string; createdAt: string; retiredAt?: string }) => ({
	kid: k.kid,
	alg: k.alg,
	createdAt: k.createdAt,
	...(k.retiredAt ? { retiredAt: k.retiredAt } : {})
});

/** The licence signing keys (administrators): which one signs now under this server's crypto suite, and every older one. */
export const GET = api(async ({ app, actor }) => {
	requireRole(actor, 'admin');
	const active = await app.licenceKeys.active(app.cryptoSuite);
	return { active: active.kid, keys: (await app.licenceKeys.all()).map(view) };
});

/** 密钥轮换: a new key signs from now on; the old ones stay in /.well-known/jwks.json and keep verifying. */
export const POST = api(async ({ app, actor }) => {
	const admin = requireRole(actor, 'admin');
	const key = await app.licenceKeys.rotate(app.cryptoSuite);
	await app.store.audit.append(auditEntry(app.time.now().toISOString(), admin.id, 'licence.key_rotate', undefined, { kid: key.kid }));
	return { active: key.kid, keys: (await app.licenceKeys.all()).map(view) };
});
