// The timer service for deadlines kept as data (never xstate `after`): it runs at start, every few minutes, and when the test clock moves.
import { ConflictError } from '../core/store';
import type { App } from './app';

/** The store.meta key of the shared test-clock offset: every server on one database reads it before timed work. */
export const CLOCK_OFFSET_KEY = 'clockOffsetMs';

/** Under TEST_CLOCK only: moves this process's clock to the offset another server (or this one) stored. */
export async function syncTestClock(app: App): Promise<void> {
	if (app.testClock) app.testClock.catchUp(await app.store.meta.get<number>(CLOCK_OFFSET_KEY));
}

/**
 * Ends every case whose 容缺 material is past its deadline, and accepts every case the front desk left undecided for
 * 5 working days (视为受理); returns the ids of the cases it ended and of those it accepted.
 */
export async function sweepDeadlines(app: App): Promise<{ ended: string[]; accepted: string[] }> {
	await syncTestClock(app);
	const ended: string[] = [];
	const accepted: string[] = [];
	for (const c of await app.store.cases.list({ deferredDueBefore: app.time.now().toISOString() })) {
		try {
			if (await app.cases.acceptIfDeemed(c.id)) accepted.push(c.id);
			else if (await app.cases.endIfDeferredLate(c.id)) ended.push(c.id);
		} catch (e) {
			// changed meanwhile: the next sweep sees the fresh case; anything else is logged and the other cases still run
			if (!(e instanceof ConflictError)) console.error(`时限检查：办件 ${c.id} 处理失败：`, e);
		}
	}
	return { ended, accepted };
}

export function startDeadlineTimer(app: App, everyMs = 5 * 60_000): () => void {
	const run = () =>
		Promise.all([
			sweepDeadlines(app).catch((e) => console.error('时限检查失败：', e)),
			app.store.sessions.purgeExpired(app.time.now().toISOString()).catch((e) => console.error('清理过期会话失败：', e))
		]);
	void run();
	const timer = setInterval(run, everyMs);
	timer.unref();
	return () => clearInterval(timer);
}
