import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from '../core/store';
import { staffRoles } from './inbox';

export function requireStaff(event: RequestEvent): Actor {
	const actor = event.locals.actor;
	if (!actor) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (!staffRoles(actor).length && !actor.roles.includes('admin')) error(403, '工作台仅供工作人员使用');
	return actor;
}
