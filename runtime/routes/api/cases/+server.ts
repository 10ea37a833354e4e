import { SubmitBody } from '$core/cases/service';
import { CASE_STATUS } from '$core/cases/status';
import { badRequest } from '$core/errors';
import type { CaseRecord, CaseStatus } from '$core/store';
import { api, parseBody, readJson } from '$server/http';

export const POST = api(
	async ({ app, event, actor }) => {
		const body = parseBody(SubmitBody, await readJson(event.request));
		const view = await app.cases.submit(actor!, body);
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

const CASES_LIMIT = 50;
const CASES_MAX_LIMIT = 200;
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
 * The caller's own applications (我的办件), newest first, one page: `?status=&cursor=&limit=` → {cases, next?}.
 * Administrators name an applicant (`?applicant=`), or get the latest `limit` cases of everyone (no further pages).
 */
export const GET = api(async ({ app, event, actor }) => {
	const q = event.url.searchParams;
	const limit = q.get('limit') ? Number(q.get('limit')) : CASES_LIMIT;
	if (!Number.isInteger(limit) || limit < 1 || limit > CASES_MAX_LIMIT) throw badRequest('limit', `limit 应为 1 到 ${CASES_MAX_LIMIT} 的整数`);
	const status = (q.get('status') || undefined) as CaseStatus | undefined;
	if (status !== undefined && !Object.hasOwn(CASE_STATUS, status)) throw badRequest('status', `没有「${status}」这个办件状态`);
	const admin = actor!.roles.includes('admin');
	const applicantId = admin ? q.get('applicant') || undefined : actor!.id;
	if (!applicantId) return { cases: (await app.store.cases.list({ status, limit })).map(summary) };
	try {
		const page = await app.store.cases.page({ applicantId, status }, limit, q.get('cursor') || undefined);
		return { cases: page.rows.map(summary), next: page.next };
	} catch (e) {
		if (e instanceof Error && e.message === 'invalid cursor') throw badRequest('cursor', '翻页参数 cursor 无效，请从第一页开始');
		throw e;
	}
});
