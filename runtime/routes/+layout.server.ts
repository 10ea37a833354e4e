import type { LayoutServerLoad } from './$types';

// textSize: 适老化 large text (from the cookie, on citizen pages)
export const load: LayoutServerLoad = async ({ locals }) => ({
	actor: locals.actor ?? null,
	textSize: locals.textSize ?? 'standard',
	locale: locals.locale ?? 'zh-CN'
});
