// The figures' facts rows through the app: a case saved before the table existed gets its row at start; a case in
// progress becomes overdue in the figures when its due date passes, with no save; nearest-rank from counts agrees.
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../runtime/server/app';
import { backfillCaseFacts } from '../../runtime/server/case-facts';
import { localDate } from '../../runtime/core/calendar';
import { percentile, percentileOfCounts } from '../../runtime/core/metrics/figures';
import { randomAnswers, rng, seedCase } from './helpers/case-walk';
import { tempDir, writeFixtureCatalog } from './helpers/server';

const catalogDir = writeFixtureCatalog();
const apps: App[] = [];
afterAll(async () => Promise.all(apps.map((a) => a.store.close())));

describe('case facts (case_metrics)', () => {
	it('a case without a row is found and given one; it turns overdue when its due date passes, without a save', async () => {
		const app = await createApp({ dataDir: tempDir('facts-'), definitionsDir: catalogDir, testClock: true });
		apps.push(app);
		const citizen = (await app.store.accounts.byUsername('zhangsan'))!;
		const { answers, service } = await randomAnswers(app, 'item', 'edu-confirm', rng(1));
		// inserted the way a case stood before migration 12: no facts row
		const id = await seedCase(app, service, answers, { id: citizen.id, name: citizen.name, roles: citizen.roles }, 1);
		expect(await app.store.caseMetrics.missing('', 10)).toEqual([id]);
		const today = localDate(app.time.now());
		const ask = async () =>
			app.store.caseMetrics.summary({ from: today, to: today, service: 'item:edu-confirm', overdueLimit: 10 }, app.time.now().toISOString());
		expect((await ask()).totals.received).toBe(0);

		expect(await backfillCaseFacts(app.store, app.cases)).toBe(1);
		expect(await app.store.caseMetrics.missing('', 10)).toEqual([]);
		const before = await ask();
		expect([before.totals.received, before.totals.overdue, before.overdue.length]).toEqual([1, 0, 0]);

		// 60 days on, the promised working days are long gone: overdue, listed, though nothing was written
		app.testClock!.advance(60 * 86400_000);
		const after = await ask();
		expect([after.totals.received, after.totals.overdue, after.overdue.map((c) => c.id)]).toEqual([1, 1, [id]]);
	}, 120_000);

	it('the 90th percentile from counts is the nearest rank of the values themselves', () => {
		const values = [0, 0, 1, 3, 3, 3, 7, 9, 12, 12, 12, 20, 31];
		const counts = [...new Set(values)].map((v) => [v, values.filter((x) => x === v).length] as [number, number]);
		for (const p of [50, 90, 99]) expect(percentileOfCounts(counts, p)).toBe(percentile(values, p));
		expect(percentileOfCounts([], 90)).toBe(0);
	});
});
