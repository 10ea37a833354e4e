import { api } from '$server/http';
import { forbidden } from '$core/errors';

/** 缴费: what the case owes (each fee with its 收费依据, in 分), its orders, 票据 and refunds. Whoever may see the case. */
export const GET = api(async ({ app, event, actor }) => {
	const c = await app.cases.get(event.params.id!);
	if (!(await app.cases.canSee(actor!, c))) throw forbidden('您无权查看该办件');
	return app.payments.statusOf(c);
});

/** The applicant opens a payment order for what is due; answers the order and where to pay it. */
export const POST = api(async ({ app, event, actor }) => app.payments.open(actor!, event.params.id!), { status: 201 });
