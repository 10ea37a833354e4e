import { error, fail, redirect } from '@sveltejs/kit';
import { maskIdentifier } from '$server/pii';
import { getApp } from '$server/app';
import { addWorkingDays } from '$core/calendar';
import { HttpError } from '$core/errors';
import { handled, inbox, inboxChoices, inboxCounts, isTab, listRow, TABS, type InboxFilter, type Tab } from '$server/inbox';
import { requireStaff } from '$server/staff';
import { claimAction } from '$server/form-actions';
import { guardActions } from '$server/body-limits';
import { cursorOf, pagerOf, withCursor } from '$server/paging';
import { casesByIdentifier, openSearch, sealSearch } from '$server/pii-view';
import { windowCentre } from '$core/cases/intake';
import { claimMany, deleteFilter, filterQuery, openName, saveFilter, savedFilters } from '$server/inbox-actions';
import type { Actions, PageServerLoad } from './$types';

/** 办理时限 choices of the filter: the step due before now, or within one working day. */
const DUE = { overdue: '已超时', soon: '1 个工作日内到期' } as const;
/** Rows a page of the inbox (and of 已办, and of the identifier search) shows. */
const PAGE = 50;

const httpErrors = async <T>(fn: () => Promise<T>) => {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof HttpError) error(e.status, e.message);
		throw e;
	}
};

export const load: PageServerLoad = async (event) => {
	const actor = requireStaff(event);
	const app = await getApp();
	const q = event.url.searchParams;
	const requested = q.get('tab');
	const due = (q.get('due') ?? '') as keyof typeof DUE | '';
	const now = app.time.now();
	const applicantName = await httpErrors(async () => openName(app, q.get('an')));
	const filter: InboxFilter = {
		service: q.get('service') || undefined,
		state: q.get('state') || undefined,
		receiptNumber: q.get('receipt') || undefined,
		dueBefore: due === 'overdue' ? now.toISOString() : due === 'soon' ? addWorkingDays(app.cases.calendar, now, 1) : undefined,
		applicantName
	};
	const done = requested === 'done';
	const mine = requested === 'mine';
	const cursor = cursorOf(q);
	const tab = isTab(requested) ? requested : undefined;
	// 已签收: the caller's claimed tasks of every tab
	const query = mine ? { ...filter, claimedBy: actor.id, cursor, limit: PAGE } : { ...filter, tab, firstTab: true, cursor, limit: PAGE };
	const page = done ? undefined : await httpErrors(() => inbox(app, actor, query));
	const doneList = done ? await httpErrors(() => withCursor(() => handled(app, actor, PAGE, cursor))) : undefined;
	const [counts, mineCounts, saved] = await Promise.all([
		mine || !page ? inboxCounts(app, actor, filter) : page.counts,
		mine ? page!.counts : inboxCounts(app, actor, { ...filter, claimedBy: actor.id }),
		savedFilters(app, actor)
	]);
	const mineCount = Object.values(mineCounts).reduce((a, b) => a + b, 0);
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
	const claimers = [...new Set(tasks.map((t) => t.claimedBy).filter((x): x is string => !!x && x !== actor.id))];
	const accounts = await Promise.all(claimers.map((id) => app.store.accounts.get(id)));
	const shown = (done ? 'done' : mine ? 'mine' : page!.tab!) as Tab | 'done' | 'mine';
	return {
		tab: shown,
		tabs: TABS,
		counts,
		mineCount,
		tasks: tasks.map(listRow),
		done: doneList?.rows ?? [],
		doneCount: doneList?.total ?? (await app.store.audit.actedOnCount(actor.id)),
		pager: pagerOf(q, page ?? doneList!, PAGE, doneList ? doneList.total : mine ? mineCount : counts[shown as Tab]),
		saved: saved.map((f) => ({ id: f.id, name: f.name, href: `/workbench?${f.query}` })),
		services: [...services.entries()],
		states: [...states.entries()],
		dues: DUE,
		// the name is shown back in the form (this officer typed it) and travels sealed as `an`
		filter: {
			service: q.get('service') ?? '',
			state: q.get('state') ?? '',
			receipt: q.get('receipt') ?? '',
			due,
			applicant: applicantName ?? '',
			an: q.get('an') ?? ''
		},
		me: actor.id,
		/** a service centre's front desk files for citizens (窗口收件 / 帮办代办) */
		window: !!windowCentre(app.catalog.dictionaries, actor),
		names: Object.fromEntries(accounts.filter((a) => !!a).map((a) => [a!.id, a!.name]))
	};
};

export const actions: Actions = guardActions({
	claim: claimAction(false),
	release: claimAction(true),
	/** 批量签收 of the ticked tasks */
	claimMany: async (event) => {
		const actor = requireStaff(event);
		const app = await getApp();
		const form = await event.request.formData();
		try {
			return { batch: await claimMany(app, actor, form.getAll('tasks').map(String)) };
		} catch (e) {
			if (e instanceof HttpError) return fail(e.status, { message: e.message });
			throw e;
		}
	},
	/** 筛选: to the inbox's URL with the applicant's name sealed */
	filter: async (event) => {
		requireStaff(event);
		const app = await getApp();
		let query: string;
		try {
			query = filterQuery(app, await event.request.formData());
		} catch (e) {
			if (e instanceof HttpError) return fail(e.status, { message: e.message });
			throw e;
		}
		redirect(303, `/workbench${query ? `?${query}` : ''}`);
	},
	saveFilter: async (event) => {
		const actor = requireStaff(event);
		const app = await getApp();
		try {
			await saveFilter(app, actor, await event.request.formData());
			return { savedFilter: true };
		} catch (e) {
			if (e instanceof HttpError) return fail(e.status, { message: e.message });
			throw e;
		}
	},
	deleteFilter: async (event) => {
		const actor = requireStaff(event);
		const app = await getApp();
		try {
			await deleteFilter(app, actor, String((await event.request.formData()).get('id') ?? ''));
			return { deletedFilter: true };
		} catch (e) {
			if (e instanceof HttpError) return fail(e.status, { message: e.message });
			throw e;
		}
	},
	/**
	 * 按证件号码查找办件: a form post, so the number stays out of the URL; the results come back a page at a time with the
	 * number masked; the next page is another post, of the number sealed with the PII key
	 */
	find: async (event) => {
		const actor = requireStaff(event);
		const app = await getApp();
		const form = await event.request.formData();
		const cursor = String(form.get('cursor') ?? '') || undefined;
		try {
			const sealed = String(form.get('sealed') ?? '');
			const identifier = sealed ? openSearch(app, sealed) : String(form.get('identifier') ?? '').trim();
			const found = await withCursor(() => casesByIdentifier(app, actor, identifier, PAGE, cursor));
			return {
				found: found.cases,
				next: found.next,
				sealed: found.next ? sealSearch(app, identifier) : undefined,
				searched: maskIdentifier(identifier)
			};
		} catch (e) {
			if (e instanceof HttpError) return fail(e.status, { findMessage: e.message });
			throw e;
		}
	}
});
