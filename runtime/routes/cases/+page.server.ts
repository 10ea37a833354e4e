import { error } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { requireApplicant } from '$server/portal';
import { mayAct, offers } from '$core/cases/engine';
import { progressOf } from '$core/cases/progress';
import type { PageServerLoad } from './$types';

/** 我的办件 shows this many cases a page. */
const PAGE = 20;

export const load: PageServerLoad = async (event) => {
	const actor = requireApplicant(event);
	const app = await getApp();
	const cursor = event.url.searchParams.get('cursor') || undefined;
	let page;
	try {
		page = await app.store.cases.page({ applicantId: actor.id }, PAGE, cursor);
	} catch (e) {
		if (e instanceof Error && e.message === 'invalid cursor') error(400, '翻页参数无效，请从第一页开始');
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
	// drafts are few (one per service) and bounded by the store
	const drafts = cursor ? [] : await app.store.drafts.listByUser(actor.id);
	return { cases: rows, next: page.next, paged: !!cursor, drafts: drafts.map((d) => ({ kind: d.serviceKind, id: d.serviceId, updatedAt: d.updatedAt })) };
};
