import { HttpError } from '$core/errors';
import { TotpConfirmBody } from '$server/api-bodies';
import { api, parseBody, readJson } from '$server/http';
import { enrolmentStatus, confirmEnrolment, startEnrolment } from '$server/totp-enrol';

/** The signed-in account's two-factor sign-in: whether it is on, and whether REQUIRE_2FA makes it compulsory. */
export const GET = api(async ({ app, actor }) => enrolmentStatus(app, actor!.id));

/** Starts enrolling: a new secret and its otpauth URI (shown this once), and the challenge to confirm it with. */
export const POST = api(async ({ app, actor }) => startEnrolment(app, actor!.id));

/** Confirms the enrolment with a code from the authenticator; from then on every sign-in asks for a code. */
export const PUT = api(async ({ app, event, actor }) => {
	const body = parseBody(TotpConfirmBody, await readJson(event.request));
	const done = await confirmEnrolment(app, actor!.id, body.challenge, body.code, event.getClientAddress());
	if (!done.enrolled) throw new HttpError(422, done.message, [{ path: done.path, message: done.message }]);
	return done;
});
