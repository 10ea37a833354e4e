// A department's own system posts its decision on its branch (Authorization: ApiKey …), through the reviewer's workflow checks.
import { HttpError } from '$core/errors';
import { apiKeyActor } from '$server/api-keys';
import { DepartmentResultBody } from '$server/api-bodies';
import { api, readJson } from '$server/http';

export const POST = api(
	async ({ app, event }) => {
		const actor = await apiKeyActor(app.store, event.request.headers.get('authorization'));
		if (!actor) throw new HttpError(401, '须以 Authorization: ApiKey <部门密钥> 调用');
		const parsed = DepartmentResultBody.safeParse(await readJson(event.request));
		if (!parsed.success)
			throw new HttpError(
				422,
				'办理结果不正确',
				parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
			);
		const { caseId, ...rest } = parsed.data;
		return app.cases.act(actor, caseId, rest);
	},
	{ auth: false }
);
