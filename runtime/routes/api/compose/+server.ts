import { compose } from '$core/compose';
import { ComposeBody } from '$server/api-bodies';
import { api, parseBody, readJson } from '$server/http';

export const POST = api(
	async ({ app, event }) => {
		const body = parseBody(ComposeBody, await readJson(event.request));
		return compose(await app.defs.source(body.service.kind, body.service.id), body.answers);
	},
	{ auth: false }
);
