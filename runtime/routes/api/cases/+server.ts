import { SubmitBody } from '$core/cases/service';
import { api, parseBody, readJson } from '$server/http';

export const POST = api(
	async ({ app, event, actor }) => {
		const body = parseBody(SubmitBody, await readJson(event.request));
		const view = await app.cases.submit(actor!, body);
		return { id: view.case.id, receiptNumber: view.case.receiptNumber, deadline: view.clock.case.dueAt, version: view.case.version, case: view.case, tasks: view.tasks };
	},
	{ status: 201 }
);

/** The caller's own applications (我的办件); administrators see all. */
export const GET = api(async ({ app, actor }) => {
	const list = await app.store.cases.list(actor!.roles.includes('admin') ? {} : { applicantId: actor!.id });
	return {
		cases: list
			.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
			.map(({ id, receiptNumber, service, status, createdAt, updatedAt, version }) => ({ id, receiptNumber, service, status, createdAt, updatedAt, version }))
	};
});
