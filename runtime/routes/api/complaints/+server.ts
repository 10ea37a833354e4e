import { api, readJson } from '$server/http';

/** 办不成事反映: a citizen's own complaints; a supervisor's department's (administrators: all, or `?department=`), newest first. */
export const GET = api(async ({ app, event, actor }) => ({
	complaints: actor!.roles.includes('applicant')
		? await app.complaints.mine(actor!)
		: await app.complaints.forStaff(actor!, event.url.searchParams.get('department') || undefined)
}));

/** A citizen files a complaint about one of their cases (`caseId`) or to a department; the reply is due in 5 working days. */
export const POST = api(async ({ app, event, actor }) => ({ complaint: await app.complaints.create(actor!, await readJson(event.request, 16 * 1024)) }), {
	status: 201
});
