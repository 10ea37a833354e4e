// The figures' facts rows (case_metrics) on every adapter: the SQL aggregates (PGlite, and PostgreSQL with
// TEST_DATABASE_URL) answer what the lowdb store counts in memory with the figures' own code, for the same cases and
// ratings; overdue is decided at the time asked; an older row never replaces a newer one; cases without a row are found.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseFacts, MetricsQuery, MetricsSummary } from '../../runtime/core/metrics/facts';
import { weekOf } from '../../runtime/core/metrics/figures';
import { localDate } from '../../runtime/core/calendar';
import type { Rating, RatingGrade, Store } from '../../runtime/core/store';
import { openStore } from '../../runtime/server/open-store';
import { adminQuery } from '../unit/helpers/postgres';
import { caseRecord } from './fixtures';

const admin = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
const dirs: string[] = [];
const dbs: string[] = [];
async function open(kind: 'lowdb' | 'pglite' | 'postgres'): Promise<Store> {
	const dir = mkdtempSync(join(tmpdir(), `metrics-${kind}-`));
	dirs.push(dir);
	if (kind !== 'postgres') return openStore({ dataDir: dir, env: kind === 'lowdb' ? { STORE: 'lowdb' } : {} });
	const name = `metrics_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	await adminQuery(admin!, `CREATE DATABASE ${name}`);
	dbs.push(name);
	const url = new URL(admin!);
	url.pathname = `/${name}`;
	return openStore({ dataDir: dir, env: { DATABASE_URL: url.toString() } });
}

/** a small deterministic generator, so every adapter gets the same cases */
function rng(seed: number) {
	return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}
const DAY = 86400_000;
const NOW = '2030-04-01T04:00:00.000Z';
const at = (ms: number) => new Date(ms).toISOString();

/** 240 cases over the 90 days before NOW: services, departments, regions, states and clocks of every kind. */
function cases(): CaseFacts[] {
	const r = rng(7);
	const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
	const services = [
		{ kind: 'item' as const, id: 'teacher', name: '教师资格认定', departments: ['qz-edu'] },
		{ kind: 'item' as const, id: 'shop', name: '食品经营许可', departments: ['qz-market'] },
		{ kind: 'bundle' as const, id: 'tuixiu', name: '退休一件事', departments: ['qz-hrss', 'qz-medical', 'qz-fund'] },
		{ kind: 'bundle' as const, id: 'kaidian', name: '开便利店一件事', departments: ['qz-market', 'ss-fire'] }
	];
	const regionOf: Record<string, string> = { 'ss-fire': '350581' };
	return Array.from({ length: 240 }, (_, i) => {
		const s = pick(services);
		const created = Date.parse(NOW) - Math.floor(r() * 90 * DAY);
		const status = pick(['active', 'active', 'closed', 'closed', 'denied', 'rejected', 'withdrawn', 'terminated']);
		const completed = ['closed', 'denied', 'rejected'].includes(status);
		// working days count in half days: limits and days used may end in .5
		const promisedDays = pick([0, 0.5, 5, 10, 12.5, 20]);
		const due = created + (promisedDays + 2) * DAY + Math.floor(r() * 20 - 10) * DAY;
		const paused = status === 'active' && r() < 0.2;
		const used = Math.floor(r() * 50) / 2;
		return {
			id: `m${String(i).padStart(4, '0')}`,
			version: 1 + Math.floor(r() * 5),
			receiptNumber: `QZ${i}`,
			service: { kind: s.kind, id: s.id, name: s.name },
			departments: s.departments,
			regions: [...new Set(s.departments.map((d) => regionOf[d] ?? '350500'))],
			createdAt: at(created),
			day: localDate(at(created)),
			week: weekOf(at(created)),
			status,
			accepted: status !== 'rejected' && r() < 0.9,
			completed,
			...(status === 'active' ? {} : { finishedAt: at(created + used * DAY) }),
			dueAt: at(due),
			paused,
			pausedDays: paused ? 3.5 : Math.floor(r() * 3),
			// the saved verdict: what a finished or paused case keeps; a running one is decided again at the question
			overdue: status === 'active' ? r() < 0.5 : completed && r() < 0.3,
			usedDays: used,
			promisedDays,
			corrected: r() < 0.2,
			escalated: completed && r() < 0.2,
			deferred: Math.floor(r() * 2),
			commitments: Math.floor(r() * 3),
			verifications: { confirmed: Math.floor(r() * 2), false: r() < 0.1 ? 1 : 0, open: Math.floor(r() * 2) },
			online: r() < 0.7,
			materialsSaved: s.kind === 'bundle' ? 4 : Math.floor(r() * 2),
			visitsSaved: s.kind === 'bundle' ? 2 : 0
		};
	});
}

function ratings(facts: CaseFacts[]): Rating[] {
	const r = rng(11);
	return facts
		.filter(() => r() < 0.4)
		.map((c, i) => {
			const grade = (1 + Math.floor(r() * 5)) as RatingGrade;
			const g = () => (1 + Math.floor(r() * 5)) as RatingGrade;
			const deadline = pick3(r, ['2030-03-10T00:00:00.000Z', '', undefined]);
			const last = pick3(r, ['2030-03-09T00:00:00.000Z', '2030-03-11T00:00:00.000Z', undefined]);
			const status = pick3(r, ['closed', 'closed', 'rectifying'] as const);
			return {
				id: `rating-${c.id}-${i}`,
				caseId: c.id,
				applicantId: 'a',
				grade,
				aspects: { attitude: g(), efficiency: g(), quality: g() },
				createdAt: c.createdAt,
				...(grade <= 2
					? {
							followUp: {
								status,
								...(deadline === undefined ? {} : { deadline }),
								steps: last ? [{ at: last, actorId: 's', kind: 'outcome' as const, note: '已整改' }] : []
							}
						}
					: {})
			};
		});
}
const pick3 = <T>(r: () => number, xs: T[]) => xs[Math.floor(r() * xs.length)];

const QUERIES: (Omit<MetricsQuery, 'overdueLimit'> & { overdueLimit?: number; label: string })[] = [
	{ label: 'the whole span', from: '2029-12-01', to: '2030-04-30' },
	{ label: 'one month (local dates: a case at 23:30 UTC on the 31st counts for February)', from: '2030-02-01', to: '2030-02-28' },
	{ label: 'a region', from: '2029-12-01', to: '2030-04-30', region: '350581' },
	{ label: 'a department', from: '2029-12-01', to: '2030-04-30', department: 'qz-market' },
	{ label: 'a bundle', from: '2029-12-01', to: '2030-04-30', service: 'bundle:tuixiu' },
	{ label: 'a short overdue list', from: '2029-12-01', to: '2030-04-30', overdueLimit: 3 },
	{ label: 'an empty period', from: '2031-01-01', to: '2031-01-31' }
];

/** weeks and departments come in no order */
const sorted = (s: MetricsSummary) => ({
	...s,
	weeks: [...s.weeks].sort((a, b) => a.week.localeCompare(b.week)),
	departments: [...s.departments].sort((a, b) => a.department.localeCompare(b.department))
});

const kinds = ['lowdb', 'pglite', ...(admin ? ['postgres' as const] : [])] as const;

describe('figures over case_metrics: every adapter answers alike', () => {
	const stores = new Map<string, Store>();
	const facts = cases();
	const rated = ratings(facts);
	beforeAll(async () => {
		for (const kind of kinds) {
			const store = await open(kind);
			// a third rated before its case's row is written, the rest after; every other case first saved as it stood earlier
			for (const r of rated.filter((_, i) => i % 3 === 0)) await store.ratings.create(r);
			await store.transaction(async (tx) => {
				for (const [i, f] of facts.entries()) {
					if (i % 2 === 0)
						await tx.caseMetrics.put({ ...f, version: f.version - 1, status: 'active', completed: false, paused: true, overdue: false, usedDays: 1 });
					await tx.caseMetrics.put(f);
				}
			});
			for (const r of rated.filter((_, i) => i % 3 !== 0)) await store.ratings.create(r);
			// a 差评's follow-up closed later, and one closed late
			for (const r of rated.filter((x) => x.followUp?.status === 'rectifying').slice(0, 4))
				await store.ratings.update({ ...r, followUp: { ...r.followUp!, status: 'closed' } });
			stores.set(kind, store);
		}
	}, 120_000);
	afterAll(async () => {
		for (const s of stores.values()) await s.close();
		for (const name of dbs) await adminQuery(admin!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
	});

	for (const q of QUERIES)
		it(`the same summary for ${q.label}`, async () => {
			const query = { overdueLimit: 500, ...q };
			const answers = await Promise.all(kinds.map(async (k) => sorted(await stores.get(k)!.caseMetrics.summary(query, NOW))));
			for (const a of answers.slice(1)) expect(a).toStrictEqual(answers[0]);
			if (q.label === 'an empty period') expect(answers[0].totals.received).toBe(0);
			else expect(answers[0].totals.received).toBeGreaterThan(0);
		});

	it('counts what the rows say: received, overdue at the time asked, the oldest overdue listed first', async () => {
		const q = { ...QUERIES[0], overdueLimit: 500 };
		const running = facts.filter((f) => f.status === 'active' && !f.paused);
		const kept = facts.filter((f) => !(f.status === 'active' && !f.paused) && f.overdue);
		for (const kind of kinds) {
			const s = await stores.get(kind)!.caseMetrics.summary(q, NOW);
			expect(s.totals.received).toBe(facts.length);
			expect(s.totals.overdue).toBe(running.filter((f) => f.dueAt < NOW).length + kept.length);
			expect(s.overdue.map((f) => f.createdAt)).toStrictEqual(s.overdue.map((f) => f.createdAt).sort());
			// asked a year later, every running clock has passed its due date; the paused and finished keep their verdict
			const later = await stores.get(kind)!.caseMetrics.summary(q, '2031-04-01T00:00:00.000Z');
			expect(later.totals.overdue).toBe(running.length + kept.length);
			expect(later.totals.grades.reduce((a, b) => a + b, 0)).toBe(rated.length);
		}
	});

	it('keeps the newest version of a case row, writes the row with a new case, and finds cases without one', async () => {
		for (const kind of kinds) {
			const store = await open(kind);
			const c = caseRecord();
			const base = { ...facts[0], id: c.id, createdAt: NOW, day: localDate(NOW), week: weekOf(NOW), status: 'active', completed: false, paused: false };
			await store.cases.create(c, [], [], { ...base, version: 3, dueAt: '2030-04-20T00:00:00.000Z' });
			const q = { from: '2030-03-01', to: '2030-04-30', overdueLimit: 10 };
			await store.transaction((tx) => tx.caseMetrics.put({ ...base, version: 2, dueAt: '2030-03-02T00:00:00.000Z' }));
			expect((await store.caseMetrics.summary(q, NOW)).totals.overdue).toBe(0);
			await store.transaction((tx) => tx.caseMetrics.put({ ...base, version: 4, dueAt: '2030-03-02T00:00:00.000Z' }));
			const s = await store.caseMetrics.summary(q, NOW);
			expect([s.totals.overdue, s.overdue[0]?.id, s.overdue[0]?.receiptNumber]).toStrictEqual([1, c.id, base.receiptNumber]);
			// a case stored without its row (from before the table) is found, in id order after the cursor
			const bare = [caseRecord(), caseRecord()].sort((a, b) => (a.id < b.id ? -1 : 1));
			for (const b of bare) await store.transaction((tx) => tx.cases.insert(b));
			expect(await store.caseMetrics.missing('', 10)).toStrictEqual(bare.map((b) => b.id));
			expect(await store.caseMetrics.missing(bare[0].id, 10)).toStrictEqual([bare[1].id]);
			await store.close();
		}
	});
});
