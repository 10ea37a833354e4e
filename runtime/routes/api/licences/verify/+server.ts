import { json } from '@sveltejs/kit';
import { HttpError } from '$core/errors';
import { api, parseBody, readJson } from '$server/http';
import { throttledVerify, verifyFile, verifyId, VerifyById, type VerifyAnswer } from '$server/licence-verify';
import type { App } from '$server/app';
import type { RequestEvent } from '@sveltejs/kit';

/** Licence files are small: a larger body is not one of ours. */
const MAX_FILE = 64 * 1024;

async function respond(app: App, event: RequestEvent, key: string, actorId: string | undefined, run: () => Promise<VerifyAnswer>) {
	const outcome = await throttledVerify(app, key, event.getClientAddress(), actorId, run);
	if (outcome.ok) return outcome.answer;
	return json(
		{ message: outcome.message, errors: [{ path: '(根)', message: outcome.message }], retryAfterSeconds: outcome.retryAfterSeconds },
		{ status: 429, headers: { 'retry-after': String(outcome.retryAfterSeconds) } }
	);
}

/**
 * 证照核验, no sign-in. GET ?id=lic-… (the QR code's link): the registry's answer. POST the downloaded licence file (its
 * JSON as the body): signature and registry. Answers `{status, message, facts}`: valid / revoked / expired / tampered /
 * unknown-key / not-found / malformed, with the non-personal facts and personal data masked.
 */
export const GET = api(
	async ({ app, event, actor }) => {
		const { id } = parseBody(VerifyById, { id: event.url.searchParams.get('id') ?? '' });
		return respond(app, event, id, actor?.id, () => verifyId(app, id));
	},
	{ auth: false }
);

export const POST = api(
	async ({ app, event, actor }) => {
		const body = (await readJson(event.request, MAX_FILE)) as { id?: unknown; licence?: { id?: unknown } };
		if (body && typeof body === 'object' && 'id' in body && !('licence' in body)) {
			const { id } = parseBody(VerifyById, body);
			return respond(app, event, id, actor?.id, () => verifyId(app, id));
		}
		if (!body || typeof body !== 'object') throw new HttpError(400, '请提交下载的电子证照文件（JSON）');
		const key = typeof body.licence?.id === 'string' ? body.licence.id.slice(0, 40) : 'file';
		return respond(app, event, key, actor?.id, () => verifyFile(app, body));
	},
	{ auth: false }
);
