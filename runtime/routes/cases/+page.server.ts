import { error } from '@sveltejs/kit';
import { acceptanceOf } from '$core/cases/acceptance';
import { getApp } from '$server/app';
import { requireApplicant } from '$server/portal';
import { mayAct, offers } from '$core/cases/engine';
import { progressOf } from '$core/cases/progress';
import { cursorOf, pageOfList, pagerOf } from '$server/paging';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

/** 我的办件 shows this many cases a page, and this many drafts. */
const PAGE = 20;
const DRAFTS = 10;
const DRAFT_KEYS = { cursor: 'drafts', back: 'draftsBack' };

export const load: PageServerLoad = async (event) => {
	const actor = requireApplicant(event);
	const app = await getApp();
	const q = event.url.searchParams;
	let page;
	let total;
	try {
		[page, total] = await Promise.all([app.store.cases.page({ applicantId: actor.id }, PAGE, cursorOf(q)), app.store.cases.count({ applicantId: actor.id })]);
	} catch (e) {
		if (e instanceof Error && e.message === 'invalid cursor') error(400, m.pager_invalid());
		throw e;
	}
	// the clocks need the event logs: one query for this page's cases only
	const ids = page.rows.map((c) => c.id);
	const full = new Map((ids.length ? await app.store.cases.list({ ids, limit: PAGE }) : []).map((c) => [c.id, c]));
	const rows = [];
	for (const summary of page.rows) {
		const c = full.get(summary.id);
		if (!c) continue;
		const service = await app.cases.composeFor(c);
		const clock = app.cases.clockOf(c, service);
		const progress = progressOf(service.workflow, c.state.machine.value);
		const active = c.status === 'active';
		rows.push({
			id: c.id,
			receiptNumber: c.receiptNumber,
			/** 受理编号 once accepted (视为受理 marked) */
			acceptance: acceptanceOf(c),
			name: c.service.name,
			status: c.status,
			createdAt: c.createdAt,
			steps: [...progress.steps, ...progress.branches].filter((s) => !s.final).map((s) => s.label),
			// a 补正 to answer, or a 容缺 material still to supply (SUPPLY itself is offered on every case)
			needsMe:
				active &&
				(c.state.machine.context.pending.length > 0 ||
					offers(service.workflow, c.state.machine.value).some((o) => o.type === 'RESUBMIT' && mayAct(actor, o, c.applicantId))),
			deadline: clock.case.dueAt,
			overdue: clock.case.overdue
		});
	}
	// drafts: one per service, bounded by the store; their own pager
	const allDrafts = await app.store.drafts.listByUser(actor.id);
	let drafts;
	try {
		drafts = pageOfList(allDrafts, DRAFTS, cursorOf(q, DRAFT_KEYS));
	} catch {
		error(400, m.pager_drafts_invalid());
	}
	return {
		cases: rows,
		pager: pagerOf(q, page, PAGE, total),
		drafts: drafts.rows.map((d) => ({ kind: d.serviceKind, id: d.serviceId, updatedAt: d.updatedAt })),
		draftPager: pagerOf(q, drafts, DRAFTS, allDrafts.length, DRAFT_KEYS)
	};
};
