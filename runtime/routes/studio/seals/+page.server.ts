import { getApp } from '$server/app';
import { sealList } from '$server/seals';
import type { PageServerLoad } from './$types';

/** 电子印章: every department's seal (administrators; the studio layout checks the role). */
export const load: PageServerLoad = async () => {
	const app = await getApp();
	return { seals: await sealList(app), suite: app.cryptoSuite };
};
