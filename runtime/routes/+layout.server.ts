import type { LayoutServerLoad } from './$types';
import { getApp } from '$server/app';

// textSize: 适老化 large text (from the cookie, on citizen pages); unread: 消息中心's badge
export const load: LayoutServerLoad = async ({ locals, depends }) => {
	depends('app:messages');
	return {
		actor: locals.actor ?? null,
		textSize: locals.textSize ?? 'standard',
		locale: locals.locale ?? 'zh-CN',
		unread: locals.actor ? await (await getApp()).store.messages.unread(locals.actor.id) : 0
	};
};
