import { CASE_STATUS } from '$core/cases/status';
import { badRequest } from '$core/errors';
import type { CaseRecord, CaseStatus } from '$core/store';
import { CaseSubmitBody } from '$server/api-bodies';
import { api, parseBody, readJson } from '$server/http';
import { limitParam, withCursor } from '$server/paging';

export const POST = api(
	async ({ app, event, actor }) => {
		const { onBehalfOf, ...body } = parseBody(CaseSubmitBody, await readJson(event.request));
		const view = await app.cases.submit(actor!, body, onBehalfOf);
		return {
			id: view.case.id,
			receiptNumber: view.case.receiptNumber,
			deadline: view.clock.case.dueAt,
			version: view.case.version,
			case: view.case,
			tasks: view.tasks
		};
	},
	{ status: 201 }
);

const summary = ({ id, receiptNumber, service, status, createdAt, updatedAt, version }: Omit<CaseRecord, 'events'>) => ({
	id,
	receiptNumber,
	service,
	status,
	createdAt,
	updatedAt,
	version
});

/**
 * The caller's own applications (我的办件), newest first, one page: `?status=&cursor=&limit=` → {cases, next?, total};
 * `next` is absent on the last page. Administrators name an applicant (`?applicant=`) or page through everyone's cases.
 */
export const GET = api(async ({ app, event, actor }) => {
	const q = event.url.searchParams;
	const limit = limitParam(q);
	const status = (q.get('status') || undefined) as CaseStatus | undefined;
	if (status !== undefined && !Object.hasOwn(CASE_STATUS, status)) throw badRequest('status', `没有「${status}」这个办件状态`);
	const admin = actor!.roles.includes('admin');
	const filter = { applicantId: admin ? q.get('applicant') || undefined : actor!.id, status };
	const [page, total] = await Promise.all([withCursor(() => app.store.cases.page(filter, limit, q.get('cursor') || undefined)), app.store.cases.count(filter)]);
	return { cases: page.rows.map(summary), next: page.next, total };
});
