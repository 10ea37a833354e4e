import { getApp } from '$server/app';
import { publicFigures } from '$server/public-figures';
import type { PageServerLoad } from './$types';

/** 改革成效, public (no sign-in): per published bundle, what the citizen does once instead of member by member. */
export const load: PageServerLoad = async () => ({ bundles: await publicFigures(await getApp()) });
