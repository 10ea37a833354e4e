import { consultationsOf } from '$core/cases/consultations';
import { forbidden } from '$core/errors';
import { api, readJson } from '$server/http';
import { consultService } from '$server/consult';

/** The case's 征求意见 (question, due date, answer, `overdue` while unanswered past its date): staff who may see the case; the applicant sees only that one was sought (GET /api/cases/:id). */
export const GET = api(async ({ app, event, actor }) => {
	const c = await app.cases.get(event.params.id!);
	if (actor!.id === c.applicantId || !(await app.cases.canSee(actor!, c))) throw forbidden('只有办理该办件的工作人员可以查看征求意见');
	const now = app.time.now().toISOString();
	return { consultations: consultationsOf(c).map((x) => ({ ...x, overdue: !x.answeredAt && now > x.dueAt })) };
});

/** Asks a colleague `{to: {officer}}` or a department `{to: {department}}`: `{question, days}` (working days, default 5); the workflow does not move. */
export const POST = api(
	async ({ app, event, actor }) => ({ consultation: await consultService(app).ask(actor!, event.params.id!, await readJson(event.request, 16 * 1024)) }),
	{ status: 201 }
);
