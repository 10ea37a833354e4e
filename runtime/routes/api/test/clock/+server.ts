import { HttpError } from '$core/errors';
import { TestClockBody } from '$server/api-bodies';
import { api, parseBody, readJson, requireRole } from '$server/http';
import { CLOCK_OFFSET_KEY, sweepDeadlines, syncTestClock } from '$server/deadlines';

/**
 * Moves the test clock forward and runs the deadline timer, as time passing would: only when the server runs with
 * TEST_CLOCK=1 (404 otherwise) and only for an administrator (401 signed out, 403 for anyone else).
 * The offset lives in store.meta, so every server on the same database moves with it (each re-reads it before timed work).
 */
export const POST = api(
	async ({ app, event, actor }) => {
		const clock = app.testClock;
		if (!clock) throw new HttpError(404, '测试时钟未启用');
		requireRole(actor, 'admin');
		const { advanceHours } = parseBody(TestClockBody, await readJson(event.request));
		await syncTestClock(app);
		const offset = clock.offsetMs + advanceHours * 3600e3;
		await app.store.meta.set(CLOCK_OFFSET_KEY, offset);
		clock.catchUp(offset);
		const { ended, accepted } = await sweepDeadlines(app);
		return { now: app.time.now().toISOString(), ended, accepted };
	},
	{ auth: false }
);
