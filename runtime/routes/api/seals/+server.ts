import { api, requireRole } from '$server/http';
import { sealList } from '$server/seals';

/** 电子印章 (administrators): every department with its seal's name, image and signing keys. */
export const GET = api(async ({ app, actor }) => {
	requireRole(actor, 'admin');
	return { seals: await sealList(app) };
});
