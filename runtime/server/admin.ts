import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from '../core/store';

export function requireAdmin(event: RequestEvent): Actor {
	const actor = event.locals.actor;
	if (!actor) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (!actor.roles.includes('admin')) error(403, '仅限管理员');
	return actor;
}
