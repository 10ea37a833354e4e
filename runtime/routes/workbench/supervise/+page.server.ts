import { error, fail } from '@sveltejs/kit';
import { HttpError } from '$core/errors';
import { ConflictError } from '$core/store';
import { getApp } from '$server/app';
import { guardActions } from '$server/body-limits';
import { cursorOf, pagerOf, withCursor } from '$server/paging';
import {
	claimRow,
	officersOf,
	reassign,
	requireSupervisor,
	staleCutoff,
	staleHours,
	supervisedDepartment,
	workloadCharts,
	REASON_MAX
} from '$server/supervise';
import type { Actions, PageServerLoad } from './$types';

/** Claimed tasks a page lists. */
const PAGE = 50;

export const load: PageServerLoad = async (event) => {
	const actor = requireSupervisor(event);
	const app = await getApp();
	const q = event.url.searchParams;
	try {
		const department = supervisedDepartment(app, actor, q.get('department'));
		const hours = staleHours(process.env, q.get('hours'));
		const now = app.time.now();
		const staleBefore = staleCutoff(app, now, hours);
		const onlyStale = q.get('stale') === '1';
		const officer = q.get('officer') || undefined;
		const filter = { department, claimed: true, ...(officer ? { claimedBy: officer } : {}), ...(onlyStale ? { claimedBefore: staleBefore } : {}) };
		const [loads, page, stale, officers] = await Promise.all([
			app.store.tasks.workload({ department }),
			withCursor(() => app.store.tasks.page(filter, PAGE, cursorOf(q))),
			app.store.tasks.count({ department, claimedBefore: staleBefore }),
			officersOf(app, department)
		]);
		const names = new Map(officers.map((o) => [o.id, o.name]));
		for (const id of new Set(loads.map((l) => l.claimedBy).filter((x): x is string => !!x && !names.has(x))))
			names.set(id, (await app.store.accounts.get(id))?.name ?? id);
		const perOfficer = new Map<string, { id: string; name: string; claimed: number; steps: string[] }>();
		for (const o of officers) perOfficer.set(o.id, { id: o.id, name: o.name, claimed: 0, steps: [] });
		for (const l of loads.filter((x) => x.claimedBy)) {
			const row =
				perOfficer.get(l.claimedBy!) ??
				perOfficer.set(l.claimedBy!, { id: l.claimedBy!, name: names.get(l.claimedBy!)!, claimed: 0, steps: [] }).get(l.claimedBy!)!;
			row.claimed += l.count;
			row.steps.push(`${l.label} ${l.count}`);
		}
		const staleCount = stale.reduce((n, c) => n + c.count, 0);
		const total = (officer || onlyStale ? await app.store.tasks.count(filter) : []).reduce((n, c) => n + c.count, 0);
		return {
			department,
			departments: actor.roles.includes('admin') ? app.catalog.dictionaries.departments.map((d) => [d.id, d.name] as const) : [],
			hours,
			onlyStale,
			officer: officer ?? '',
			staleCount,
			unclaimed: loads.filter((l) => !l.claimedBy).reduce((n, l) => n + l.count, 0),
			perOfficer: [...perOfficer.values()],
			charts: workloadCharts(loads, names),
			claims: page.rows.map((t) => claimRow(app, t, now, staleBefore)),
			names: Object.fromEntries(names),
			// who may take each role's tasks over
			candidates: Object.fromEntries(
				[...new Set(page.rows.map((t) => t.role))].map((role) => [role, officers.filter((o) => o.roles.includes(role)).map((o) => [o.id, o.name] as const)])
			),
			reasonMax: REASON_MAX,
			pager: pagerOf(q, page, PAGE, officer || onlyStale ? total : loads.filter((l) => l.claimedBy).reduce((n, l) => n + l.count, 0))
		};
	} catch (e) {
		if (e instanceof HttpError) error(e.status, e.message);
		throw e;
	}
};

export const actions: Actions = guardActions({
	/** 改派 (`to` set) or 收回 a claim, with the reason */
	reassign: async (event) => {
		const actor = requireSupervisor(event);
		const app = await getApp();
		const form = await event.request.formData();
		const release = form.get('do') === 'release';
		const to = release ? undefined : String(form.get('to') ?? '');
		if (!release && !to) return fail(400, { message: '请选择改派给哪位工作人员' });
		try {
			const r = await reassign(app, actor, String(form.get('task') ?? ''), {
				expected: String(form.get('expected') ?? ''),
				to,
				reason: String(form.get('reason') ?? '')
			});
			return { done: r.to ? `已将 ${r.receiptNumber} 从 ${r.from} 改派给 ${r.to}` : `已收回 ${r.from} 对 ${r.receiptNumber} 的签收，该待办回到科室待签收` };
		} catch (e) {
			if (e instanceof HttpError) return fail(e.status, { message: e.message });
			if (e instanceof ConflictError) return fail(409, { message: '该待办的签收人已变化，请刷新后再操作' });
			throw e;
		}
	}
});
