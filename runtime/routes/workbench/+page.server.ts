import { getApp } from '$server/app';
import { handled, inbox, TABS, type Tab } from '$server/inbox';
import { requireStaff } from '$server/staff';
import { claimAction } from '$server/form-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireStaff(event);
	const app = await getApp();
	const q = event.url.searchParams;
	const tab = (q.get('tab') ?? '') as Tab | 'done' | '';
	const all = await inbox(app, actor, { service: q.get('service') || undefined, state: q.get('state') || undefined });
	const counts = Object.fromEntries(Object.keys(TABS).map((t) => [t, all.filter((x) => x.tab === t).length])) as Record<Tab, number>;
	const shownTab: Tab | 'done' = tab || ((Object.keys(TABS) as Tab[]).find((t) => counts[t] > 0) ?? 'intake');
	const services = [...new Map(all.map((t) => [t.case.service.id, t.case.service.name])).entries()];
	const everyState = q.get('state') ? await inbox(app, actor, { service: q.get('service') || undefined }) : all;
	const states = [...new Map(everyState.map((t) => [t.statePath.split('.').pop()!, t.label])).entries()];
	const done = await handled(app, actor);
	return {
		tab: shownTab,
		tabs: TABS,
		counts,
		tasks: shownTab === 'done' ? [] : all.filter((t) => t.tab === shownTab),
		done: shownTab === 'done' ? done : [],
		doneCount: done.length,
		services,
		states,
		filter: { service: q.get('service') ?? '', state: q.get('state') ?? '' },
		me: actor.id,
		names: Object.fromEntries((await app.store.accounts.list()).filter((a) => a.department === actor.department).map((a) => [a.id, a.name]))
	};
};

export const actions: Actions = { claim: claimAction(false), release: claimAction(true) };
