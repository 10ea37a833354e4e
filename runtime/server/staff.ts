import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from '../core/store';
import { staffRoles } from './inbox';

/** Anyone signed in (citizen pages of one's own: 我的信息, 消息中心, 文书); else to the login page and back. */
export function requireSignedIn(event: Pick<RequestEvent, 'locals' | 'url'>): Actor {
	const actor = event.locals.actor;
	if (!actor) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
	return actor;
}

export function requireStaff(event: RequestEvent): Actor {
	const actor = event.locals.actor;
	if (!actor) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (!staffRoles(actor).length && !actor.roles.includes('admin')) error(403, '工作台仅供工作人员使用');
	return actor;
}
