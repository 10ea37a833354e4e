// The store contract for keyset pages and counts: the audit log, 已办 (cases an account acted on), ratings, cases by identifier.
import { expect, it } from 'vitest';
import type { Page, Store } from '../../runtime/core/store';
import { audit, caseRecord, idNumber, iso, rating, uid } from './fixtures';

/** Every page, following `next`; each page holds at most `limit` rows, a page with `next` exactly `limit`. */
async function walk<T>(read: (cursor?: string) => Promise<Page<T>>, limit: number): Promise<T[][]> {
	const pages: T[][] = [];
	let cursor: string | undefined;
	do {
		const page = await read(cursor);
		expect(page.rows.length).toBeLessThanOrEqual(limit);
		if (page.next) expect(page.rows).toHaveLength(limit);
		pages.push(page.rows);
		cursor = page.next;
		if (pages.length > 200) throw new Error('paging does not end');
	} while (cursor);
	return pages;
}

export function pagingContract(s: () => Store) {
	it('pages the audit log newest first: the pages together are list() in order, each entry once; count() agrees', async () => {
		const store = s();
		const caseId = uid('case');
		const actorId = uid('actor');
		// ties on time: the later-appended first, as list() orders them
		const entries = Array.from({ length: 11 }, (_, i) => audit({ caseId: i % 4 ? caseId : undefined, actorId, at: iso(Math.floor(i / 3)) }));
		for (const e of entries) await store.audit.append(e);
		const whole = await store.audit.list({ actorId, limit: 100 });
		expect(whole).toHaveLength(11);
		for (const limit of [1, 3, 4, 11, 50]) {
			const pages = await walk((c) => store.audit.page({ actorId }, limit, c), limit);
			expect(pages.flat()).toStrictEqual(whole);
			expect(pages).toHaveLength(Math.max(1, Math.ceil(11 / limit)));
		}
		const ofCase = (await walk((c) => store.audit.page({ caseId, actorId }, 2, c), 2)).flat();
		expect(ofCase).toStrictEqual(await store.audit.list({ caseId, actorId }));
		expect(ofCase).toHaveLength(8);
		expect(await store.audit.count({ actorId })).toBe(11);
		expect(await store.audit.count({ caseId })).toBe(8);
		expect(await store.audit.count({ actorId: uid('nobody') })).toBe(0);
		expect(await store.audit.page({ actorId: uid('nobody') }, 5)).toEqual({ rows: [] });
		await expect(store.audit.page({ actorId }, 5, 'garbage')).rejects.toThrow('invalid cursor');
	});

	it('lists the cases an account acted on (已办), by its latest action on each, without mere views; pages them', async () => {
		const store = s();
		const actorId = uid('officer');
		const [a, b, c, d] = [uid('case'), uid('case'), uid('case'), uid('case')];
		const log = [
			audit({ actorId, caseId: a, action: 'case.ACCEPT', at: iso(1) }),
			audit({ actorId, caseId: b, action: 'case.ACCEPT', at: iso(2) }),
			audit({ actorId, caseId: c, action: 'case.view', at: iso(9) }),
			audit({ actorId, caseId: a, action: 'case.APPROVE', at: iso(5) }),
			audit({ actorId, caseId: d, action: 'task.claim', at: iso(6) }),
			audit({ actorId, action: 'case.search', at: iso(7) }),
			audit({ actorId: uid('other'), caseId: c, action: 'case.ACCEPT', at: iso(8) }),
			audit({ actorId, caseId: d, action: 'case.REJECT', at: iso(3) })
		];
		for (const e of log) await store.audit.append(e);
		const want = [
			{ caseId: a, at: iso(5) },
			{ caseId: d, at: iso(3) },
			{ caseId: b, at: iso(2) }
		];
		expect((await store.audit.actedOn(actorId, 10)).rows).toStrictEqual(want);
		for (const limit of [1, 2, 3]) expect((await walk((cur) => store.audit.actedOn(actorId, limit, cur), limit)).flat()).toStrictEqual(want);
		expect(await store.audit.actedOnCount(actorId)).toBe(3);
		expect(await store.audit.actedOnCount(uid('nobody'))).toBe(0);
		// same instant: by case id, descending
		const tied = uid('officer');
		for (const id of ['t-1', 't-3', 't-2']) await store.audit.append(audit({ actorId: tied, caseId: `${tied}-${id}`, action: 'case.ACCEPT', at: iso(1) }));
		expect((await walk((cur) => store.audit.actedOn(tied, 2, cur), 2)).flat().map((r) => r.caseId)).toEqual(['t-3', 't-2', 't-1'].map((x) => `${tied}-${x}`));
	});

	it('pages ratings newest first, 差评 apart; count() agrees', async () => {
		const store = s();
		const mine = Array.from({ length: 7 }, (_, i) =>
			rating(uid('case'), {
				createdAt: iso(2_000_000 + Math.floor(i / 2)),
				...(i % 3 === 0 ? { grade: 1 as const, aspects: { attitude: 1, efficiency: 1, quality: 1 } } : {})
			})
		);
		for (const r of mine) await store.ratings.create(r);
		const ids = new Set(mine.map((r) => r.id));
		for (const poor of [undefined, true, false]) {
			const whole = await store.ratings.list({ poor, limit: 1000 });
			const pages = (await walk((c) => store.ratings.page({ poor }, 3, c), 3)).flat();
			expect(pages).toStrictEqual(whole);
			expect(await store.ratings.count({ poor })).toBe(whole.length);
			const shown = pages.filter((r) => ids.has(r.id));
			expect(shown).toStrictEqual(
				mine
					.filter((r) => poor === undefined || r.grade <= 2 === poor)
					.sort((x, y) => (x.createdAt === y.createdAt ? (x.id < y.id ? 1 : -1) : x.createdAt < y.createdAt ? 1 : -1))
			);
		}
	});

	it('pages the cases holding a personal identifier, and everyone’s cases, newest first; count() agrees', async () => {
		const store = s();
		const id = idNumber();
		const cs = Array.from({ length: 5 }, (_, i) => {
			const c = caseRecord({ createdAt: iso(3_000_000 + i), status: i === 2 ? 'closed' : 'active' });
			c.state.machine.context.data = { holder: id };
			return c;
		});
		for (const c of cs) await store.transaction((tx) => tx.cases.insert(c));
		const strip = ({ events: _, ...rest }: (typeof cs)[number]) => rest;
		const pages = await walk((c) => store.cases.page({ identifier: id }, 2, c), 2);
		expect(pages.flat()).toStrictEqual([...cs].reverse().map(strip));
		expect(await store.cases.count({ identifier: id })).toBe(5);
		expect((await store.cases.page({ identifier: id, status: 'closed' }, 5)).rows.map((c) => c.id)).toEqual([cs[2].id]);
		expect(await store.cases.count({ identifier: id, status: 'active' })).toBe(4);
		// everyone's: these are the newest cases of the store
		expect((await store.cases.page({}, 3)).rows.map((c) => c.id)).toEqual([cs[4].id, cs[3].id, cs[2].id]);
		expect(await store.cases.count({})).toBeGreaterThanOrEqual(5);
		expect(await store.cases.count({ applicantId: cs[0].applicantId })).toBe(1);
	});
}
