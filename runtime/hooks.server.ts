import type { Handle } from '@sveltejs/kit';
import { getApp } from './server/app';
import { actorOf } from './server/auth';
import { studioPolicy } from './server/csp';

export const handle: Handle = async ({ event, resolve }) => {
	const app = await getApp();
	const bearer = event.request.headers.get('authorization')?.replace(/^Bearer\s+/i, '');
	const id = await app.sessions.verify(bearer || event.cookies.get('session'));
	const account = id ? await app.store.accounts.get(id) : undefined;
	event.locals.actor = account ? actorOf(account) : undefined;
	return studioPolicy(event.url.pathname, await resolve(event));
};

/** Opens the store and loads the catalog at start-up, and tells where to sign in. */
export async function init() {
	const app = await getApp();
	const accounts = await app.store.accounts.list();
	const port = process.env.PORT ?? '3000';
	console.log(`一件事配置工作台: ${app.catalog.items.size} 个事项, ${app.catalog.bundles.size} 个一件事; 数据目录 ${process.env.DATA_DIR ?? 'data'}`);
	const byDepartment = new Map<string, string[]>();
	for (const a of accounts) {
		const group = a.department ?? (a.roles.includes('admin') ? '管理员' : '群众');
		byDepartment.set(group, [...(byDepartment.get(group) ?? []), a.username]);
	}
	console.log('演示账号（密码均为 demo123）：');
	for (const [dept, names] of byDepartment) console.log(`  ${dept.padEnd(12)} ${names.join(', ')}`);
	console.log(`打开 http://localhost:${port}`);
}
