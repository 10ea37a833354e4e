import { error, fail } from '@sveltejs/kit';
import { maskIdentifier } from '$server/pii';
import { getApp } from '$server/app';
import { addWorkingDays } from '$core/calendar';
import { HttpError } from '$core/errors';
import { handled, handledCount, inbox, inboxChoices, inboxCounts, isTab, TABS, type InboxFilter, type Tab } from '$server/inbox';
import { requireStaff } from '$server/staff';
import { claimAction } from '$server/form-actions';
import { guardActions } from '$server/body-limits';
import { casesByIdentifier } from '$server/pii-view';
import type { Actions, PageServerLoad } from './$types';

/** 办理时限 choices of the filter: the step due before now, or within one working day. */
const DUE = { overdue: '已超时', soon: '1 个工作日内到期' } as const;

export const load: PageServerLoad = async (event) => {
	const actor = requireStaff(event);
	const app = await getApp();
	const q = event.url.searchParams;
	const requested = q.get('tab');
	const due = (q.get('due') ?? '') as keyof typeof DUE | '';
	const now = app.time.now();
	const filter: InboxFilter = {
		service: q.get('service') || undefined,
		state: q.get('state') || undefined,
		receiptNumber: q.get('receipt') || undefined,
		dueBefore: due === 'overdue' ? now.toISOString() : due === 'soon' ? addWorkingDays(app.cases.calendar, now, 1) : undefined
	};
	const done = requested === 'done';
	let page: Awaited<ReturnType<typeof inbox>> | undefined;
	try {
		const tab = isTab(requested) ? requested : undefined;
		page = done ? undefined : await inbox(app, actor, { ...filter, tab, firstTab: true, cursor: q.get('cursor') ?? undefined });
	} catch (e) {
		if (e instanceof HttpError) error(e.status, e.message);
		throw e;
	}
	const counts = page?.counts ?? (await inboxCounts(app, actor, filter));
	const tasks = page?.rows ?? [];
	const choices = inboxChoices(app, actor, filter.service);
	// a service or step on this page (e.g. published in the studio only) or chosen in the URL is offered too
	const services = new Map(choices.services);
	const states = new Map(choices.states);
	for (const t of tasks) {
		if (!services.has(t.case.service.id)) services.set(t.case.service.id, t.case.service.name);
		if (!t.verification && !states.has(t.statePath.split('.').pop()!)) states.set(t.statePath.split('.').pop()!, t.label);
	}
	if (filter.service && !services.has(filter.service)) services.set(filter.service, filter.service);
	if (filter.state && !states.has(filter.state)) states.set(filter.state, filter.state);
	const doneList = done ? await handled(app, actor) : [];
	const claimers = [...new Set(tasks.map((t) => t.claimedBy).filter((x): x is string => !!x && x !== actor.id))];
	const accounts = await Promise.all(claimers.map((id) => app.store.accounts.get(id)));
	return {
		tab: (done ? 'done' : page!.tab!) as Tab | 'done',
		tabs: TABS,
		counts,
		tasks,
		next: page?.next,
		paged: !!q.get('cursor'),
		done: doneList,
		doneCount: done ? doneList.length : await handledCount(app, actor),
		services: [...services.entries()],
		states: [...states.entries()],
		dues: DUE,
		filter: { service: q.get('service') ?? '', state: q.get('state') ?? '', receipt: q.get('receipt') ?? '', due },
		me: actor.id,
		names: Object.fromEntries(accounts.filter((a) => !!a).map((a) => [a!.id, a!.name]))
	};
};

export const actions: Actions = guardActions({
	claim: claimAction(false),
	release: claimAction(true),
	/** 按证件号码查找办件: a form post, so the number stays out of the URL; the results come back with the number masked */
	find: async (event) => {
		const actor = requireStaff(event);
		const app = await getApp();
		const identifier = String((await event.request.formData()).get('identifier') ?? '');
		try {
			return { found: await casesByIdentifier(app, actor, identifier), searched: maskIdentifier(identifier.trim()) };
		} catch (e) {
			if (e instanceof HttpError) return fail(e.status, { findMessage: e.message });
			throw e;
		}
	}
});
