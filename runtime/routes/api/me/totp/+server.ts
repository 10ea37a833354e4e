import { z } from 'zod';
import { HttpError } from '$core/errors';
import { api, parseBody, readJson } from '$server/http';
import { enrolmentStatus, confirmEnrolment, startEnrolment } from '$server/totp-enrol';

/** The signed-in account's two-factor sign-in: whether it is on, and whether REQUIRE_2FA makes it compulsory. */
export const GET = api(async ({ app, actor }) => enrolmentStatus(app, actor!.id));

/** Starts enrolling: a new secret and its otpauth URI (shown this once), and the challenge to confirm it with. */
export const POST = api(async ({ app, actor }) => startEnrolment(app, actor!.id));

const Confirm = z.strictObject({
	challenge: z.string({ message: '缺少 challenge（开始启用时返回）' }).min(1, '缺少 challenge（开始启用时返回）').max(2000),
	code: z.string({ message: '请输入 6 位动态验证码' }).max(20, '动态验证码应为 6 位数字')
});

/** Confirms the enrolment with a code from the authenticator; from then on every sign-in asks for a code. */
export const PUT = api(async ({ app, event, actor }) => {
	const body = parseBody(Confirm, await readJson(event.request));
	const done = await confirmEnrolment(app, actor!.id, body.challenge, body.code, event.getClientAddress());
	if (!done.enrolled) throw new HttpError(422, done.message, [{ path: done.path, message: done.message }]);
	return done;
});
