import { z } from 'zod';
import { HttpError } from '$core/errors';
import { api, parseBody, readJson } from '$server/http';
import { sweepDeadlines } from '$server/deadlines';

/** Moves the test clock forward (only when the server runs with TEST_CLOCK=1) and runs the deadline timer, as time passing would. */
export const POST = api(
	async ({ app, event }) => {
		if (!app.testClock) throw new HttpError(404, '测试时钟未启用');
		const { advanceHours } = parseBody(z.strictObject({ advanceHours: z.number().min(0).max(24 * 400) }), await readJson(event.request));
		app.testClock.advance(advanceHours * 3600e3);
		await app.store.meta.set('clockOffsetMs', app.testClock.offsetMs);
		return { now: app.time.now().toISOString(), ended: await sweepDeadlines(app) };
	},
	{ auth: false }
);
