// npm run demo:history: a seeded history made through the engine is one the engine itself stands behind.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../runtime/server/app';
import { generateHistory, type HistorySummary } from '../demo/history';
import { inconsistencies } from './helpers/case-walk';
import { tempDir } from './helpers/server';

describe('demo:history', () => {
	let app: App;
	let summary: HistorySummary;
	const dir = tempDir('history-');
	const end = new Date('2026-11-20T08:00:00Z');

	beforeAll(async () => {
		app = await createApp({ dataDir: dir, definitionsDir: resolve('definitions'), testClock: true });
		summary = await generateHistory(app, { cases: 40, days: 75, seed: 11, end });
	}, 300_000);
	afterAll(async () => {
		await app?.store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('submits every generated application to the shipped catalog, spread over the period, and moves them on', async () => {
		expect(summary.refused).toEqual([]);
		expect(summary.submitted).toBe(40);
		const cases = await app.store.cases.list({ limit: 100 });
		expect(cases).toHaveLength(40);
		const created = cases.map((c) => c.createdAt).sort();
		expect(created[0] >= summary.from && created.at(-1)! < end.toISOString()).toBe(true);
		// spread: not all in one week
		expect(Date.parse(created.at(-1)!) - Date.parse(created[0])).toBeGreaterThan(30 * 86400_000);
		expect(cases.filter((c) => c.status === 'closed').length).toBeGreaterThan(20);
		const types = new Set(cases.flatMap((c) => c.events.map((e) => e.type)));
		for (const t of ['ACCEPT', 'APPROVE', 'ISSUE']) expect(types).toContain(t);
		expect((await app.store.ratings.list({ caseIds: cases.map((c) => c.id), limit: 100 })).length).toBe(summary.ratings);
	});

	it('keeps each case consistent: the log replays to the state, tasks match it, every event is audited, time only moves on', async () => {
		for (const c of await app.store.cases.list({ limit: 100 })) {
			expect(await inconsistencies(app, c.id)).toEqual([]);
			const times = c.events.map((e) => e.at);
			expect(times).toEqual([...times].sort());
			expect(times.every((t) => t < end.toISOString())).toBe(true);
		}
	});
});
