import { z } from 'zod';
import { compose } from '$core/compose';
import { api, parseBody, readJson } from '$server/http';

const ComposeBody = z.strictObject({
	service: z.strictObject({ kind: z.enum(['item', 'bundle']), id: z.string().min(1) }),
	answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({})
});

export const POST = api(
	async ({ app, event }) => {
		const body = parseBody(ComposeBody, await readJson(event.request));
		return compose(await app.defs.source(body.service.kind, body.service.id), body.answers);
	},
	{ auth: false }
);
