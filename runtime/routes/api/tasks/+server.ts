import { api } from '$server/http';
import { inbox } from '$server/inbox';

/** The inbox: tasks the caller's roles and department may act on now, soonest deadline first. */
export const GET = api(async ({ app, event, actor }) => {
	const q = event.url.searchParams;
	return { tasks: await inbox(app, actor!, { service: q.get('service') ?? undefined, state: q.get('state') ?? undefined }) };
});
