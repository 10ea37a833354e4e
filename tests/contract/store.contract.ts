// The store contract: the same behaviour from every adapter (lowdb, PGlite, a PostgreSQL server).
// Tests share one store and stay apart through fresh ids, applicants and departments; the outbox gets a store of its own.
// Decision: a counter taken in a transaction that throws is rolled back with it (receipt numbers have no gaps).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseState } from '../../runtime/core/cases/state';
import { ConflictError, type CaseRecord, type Store, type Task, type TaskFilter } from '../../runtime/core/store';
import { audit, caseRecord, event, fullTask, idNumber, iso, licence, mobile, outbox, task, uid } from './fixtures';
import { recordContract } from './records.contract';
import { pagingContract } from './paging.contract';
import { reviewContract } from './review.contract';
import { messagesContract } from './messages.contract';
import { inboxContract } from './inbox.contract';
import { consultContract } from './consult.contract';
import { creditContract } from './credit.contract';
import { paymentsContract } from './payments.contract';

export interface ContractOptions {
	/** opens the data of a closed store again (a restart) */
	reopen?: (closed: Store) => Promise<Store>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const insert = (store: Store, c: CaseRecord, tasks: Task[] = []) =>
	store.transaction(async (tx) => {
		await tx.cases.insert(c);
		if (tasks.length) await tx.tasks.replaceForCase(c.id, tasks);
	});
const conflict = async (p: Promise<unknown>) => {
	const e = await p.then(
		() => undefined,
		(x: unknown) => x
	);
	expect(e).toBeInstanceOf(ConflictError);
	return e as ConflictError;
};

/** Every page of a keyset-paged task list, in order. */
async function allPages(store: Store, f: TaskFilter, limit: number) {
	const rows: Task[] = [];
	let cursor: string | undefined;
	let pages = 0;
	do {
		const page = await store.tasks.page(f, limit, cursor);
		expect(page.rows.length).toBeLessThanOrEqual(limit);
		rows.push(...page.rows);
		cursor = page.next;
		if (++pages > 100) throw new Error('paging does not end');
	} while (cursor);
	return rows;
}

const inboxOrder = (a: Task, b: Task) =>
	a.dueAt === b.dueAt ? (a.id < b.id ? -1 : 1) : a.dueAt === undefined ? 1 : b.dueAt === undefined ? -1 : a.dueAt < b.dueAt ? -1 : 1;

export function storeContract(name: string, open: () => Promise<Store>, options: ContractOptions = {}) {
	describe(`store contract: ${name}`, () => {
		let store: Store;
		beforeAll(async () => {
			store = await open();
		}, 120_000);
		afterAll(async () => {
			await store?.close();
		});
		const s = () => store;

		recordContract(s);
		pagingContract(s);
		reviewContract(s);
		messagesContract(s);
		inboxContract(s);
		consultContract(s);
		creditContract(s);
		paymentsContract(s);

		it('fixtures are valid case states', () => {
			expect(() => CaseState.parse(caseRecord({ deferredDueAt: iso(10) }).state)).not.toThrow();
		});

		it('round-trips a case with its events, optional fields present and absent', async () => {
			const full = caseRecord({ deferredDueAt: iso(500), events: 3 });
			const bare = caseRecord();
			await insert(store, full);
			await insert(store, bare);
			expect(await store.cases.get(full.id)).toStrictEqual(full);
			expect(await store.cases.get(bare.id)).toStrictEqual(bare);
			expect('deferredDueAt' in (await store.cases.get(bare.id))!).toBe(false);
			expect(await store.transaction((tx) => tx.cases.get(full.id))).toStrictEqual(full);
			expect(await store.cases.get(uid('missing'))).toBeUndefined();
		});

		it('finds the licences issued by an account’s own cases, and no one else’s', async () => {
			const mine = caseRecord();
			const theirs = caseRecord();
			await insert(store, mine);
			await insert(store, theirs);
			const issued = licence({ caseId: mine.id, holderId: uid('holder'), issuedAt: iso(2) });
			await store.transaction(async (tx) => {
				await tx.licences.put(issued);
				await tx.licences.put(licence({ caseId: theirs.id, holderId: uid('holder') }));
			});
			expect(await store.licences.byApplicant(mine.applicantId)).toStrictEqual([issued]);
		});

		it('round-trips tasks through the unit of work and the inbox queries', async () => {
			const c = caseRecord();
			const tasks = [fullTask(c), task(c, { statePath: 'accept' }), fullTask(c, { verification: true, claimedBy: undefined, claimedAt: undefined })];
			delete tasks[2].claimedBy;
			delete tasks[2].claimedAt;
			await insert(store, c, tasks);
			const byId = (ts: Task[]) => [...ts].sort((a, b) => (a.id < b.id ? -1 : 1));
			expect(byId(await store.transaction((tx) => tx.tasks.forCase(c.id)))).toStrictEqual(byId(tasks));
			for (const t of tasks) expect(await store.tasks.get(t.id)).toStrictEqual(t);
			expect(byId(await store.tasks.query({ caseId: c.id }))).toStrictEqual(byId(tasks));
			// replaceForCase replaces every task of the case
			const next = [task(c, { statePath: 'decide', role: 'head' })];
			await store.transaction((tx) => tx.tasks.replaceForCase(c.id, next));
			expect(await store.tasks.query({ caseId: c.id })).toStrictEqual(next);
			expect(await store.tasks.get(tasks[0].id)).toBeUndefined();
		});

		it('commits nothing when the unit of work throws', async () => {
			const c = caseRecord();
			const seq = uid('seq');
			const lic = licence();
			const msg = outbox({ caseId: c.id });
			const boom = new Error('boom');
			await expect(
				store.transaction(async (tx) => {
					await tx.cases.insert(c);
					await tx.tasks.replaceForCase(c.id, [task(c)]);
					await tx.audit.append(audit({ caseId: c.id }));
					await tx.outbox.append(msg);
					await tx.licences.put(lic);
					expect(await tx.nextSequence(seq)).toBe(1);
					expect(await tx.cases.get(c.id)).toStrictEqual(c); // the unit sees its own writes
					throw boom;
				})
			).rejects.toBe(boom);
			expect(await store.cases.get(c.id)).toBeUndefined();
			expect(await store.cases.list({ ids: [c.id] })).toEqual([]);
			expect(await store.tasks.query({ caseId: c.id })).toEqual([]);
			expect(await store.audit.list({ caseId: c.id })).toEqual([]);
			expect(await store.outbox.list({ caseId: c.id })).toEqual([]);
			expect(await store.licences.get(lic.id)).toBeUndefined();
			// the counter rolled back with the unit of work
			expect(await store.transaction((tx) => tx.nextSequence(seq))).toBe(1);
			// the case can be inserted afterwards
			await insert(store, c);
			expect(await store.cases.get(c.id)).toStrictEqual(c);
		});

		it('refuses a second case with the same id or receipt number', async () => {
			const c = caseRecord();
			await insert(store, c);
			await conflict(insert(store, { ...caseRecord(), id: c.id }));
			await conflict(insert(store, { ...caseRecord(), receiptNumber: c.receiptNumber }));
			expect(await store.cases.get(c.id)).toStrictEqual(c);
		});

		it('creates a case with its events, first tasks and audit entries at once, and nothing of a duplicate', async () => {
			const c = caseRecord({ events: 2 });
			const tasks = [fullTask(c), task(c, { statePath: 'accept' })];
			const entries = [audit({ caseId: c.id, action: 'case.SUBMIT' }), audit({ caseId: c.id, action: 'licence.fetch' })];
			await store.cases.create(c, tasks, entries);
			expect(await store.cases.get(c.id)).toStrictEqual(c);
			const byId = (ts: Task[]) => [...ts].sort((a, b) => (a.id < b.id ? -1 : 1));
			expect(byId(await store.tasks.query({ caseId: c.id }))).toStrictEqual(byId(tasks));
			expect((await store.audit.list({ caseId: c.id })).map((e) => e.action).sort()).toEqual(['case.SUBMIT', 'licence.fetch']);
			// same id, or same 受理编号: refused, and none of its tasks or audit entries is written
			const twin = { ...caseRecord(), id: c.id };
			await conflict(store.cases.create(twin, [task(twin, { statePath: 'twin' })], [audit({ caseId: c.id, action: 'twin' })]));
			const sameNumber = { ...caseRecord(), receiptNumber: c.receiptNumber };
			await conflict(store.cases.create(sameNumber, [task(sameNumber)], [audit({ caseId: sameNumber.id })]));
			expect(await store.cases.get(sameNumber.id)).toBeUndefined();
			expect(await store.tasks.query({ caseId: sameNumber.id })).toEqual([]);
			expect(await store.audit.list({ caseId: sameNumber.id })).toEqual([]);
			expect(byId(await store.tasks.query({ caseId: c.id }))).toStrictEqual(byId(tasks));
			expect((await store.audit.list({ caseId: c.id })).map((e) => e.action)).not.toContain('twin');
		});

		it('updates a case at the expected version and appends its events; a stale version is a ConflictError carrying the current case', async () => {
			const c = caseRecord({ events: 2 });
			await insert(store, c);
			const appended = [event(3, true), event(4)];
			const next: CaseRecord = { ...c, version: 4, status: 'closed', updatedAt: iso(60), deferredDueAt: iso(70), events: [...c.events, ...appended] };
			await store.transaction((tx) => tx.cases.update(next, 2, appended));
			expect(await store.cases.get(c.id)).toStrictEqual(next);
			// clearing an optional field
			const cleared = { ...next, version: 5, events: [...next.events, event(5)] };
			delete cleared.deferredDueAt;
			await store.transaction((tx) => tx.cases.update(cleared, 4, [event(5)]));
			expect(await store.cases.get(c.id)).toStrictEqual(cleared);

			const e = await conflict(store.transaction((tx) => tx.cases.update({ ...cleared, version: 6 }, 4, [event(6)])));
			expect(e.current).toStrictEqual(cleared);
			expect((await store.cases.get(c.id))!.events).toHaveLength(5);
			await conflict(store.transaction((tx) => tx.cases.update({ ...caseRecord(), version: 2 }, 1, [event(2)])));
		});

		it('serialises two transactions on one case: the second sees the first', async () => {
			const c = caseRecord();
			await insert(store, c);
			const step = (who: string) =>
				store.transaction(async (tx) => {
					const cur = (await tx.cases.get(c.id))!;
					await sleep(30);
					const e = { ...event(cur.version + 1), comment: who };
					await tx.cases.update({ ...cur, version: cur.version + 1, events: [...cur.events, e] }, cur.version, [e]);
					return cur.version;
				});
			const seen = await Promise.all([step('a'), step('b')]);
			expect(seen.sort()).toEqual([1, 2]);
			const after = (await store.cases.get(c.id))!;
			expect(after.version).toBe(3);
			expect(after.events.map((e) => e.seq)).toEqual([1, 2, 3]);
		});

		it('hands out each sequence number once under 50 concurrent transactions', async () => {
			const name = uid('receipt');
			const got = await Promise.all(Array.from({ length: 50 }, () => store.transaction((tx) => tx.nextSequence(name))));
			expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
			const other = await store.transaction((tx) => tx.nextSequence(uid('other')));
			expect(other).toBe(1);
		});

		it('takes numbers outside a transaction: once each under 50 concurrent callers, from the same counters as transactions', async () => {
			const name = uid('receipt');
			const got = await Promise.all(Array.from({ length: 50 }, () => store.takeNumber(name)));
			expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
			expect(await store.transaction((tx) => tx.nextSequence(name))).toBe(51);
			expect(await store.takeNumber(name)).toBe(52);
		});

		it('orders and pages the inbox: every task exactly once, with filters, and counts per role', async () => {
			const department = uid('dept');
			const cases = [caseRecord(), caseRecord(), caseRecord()];
			const dues = [iso(300), iso(100), undefined, iso(100), iso(200), undefined, iso(50)];
			const all: Task[] = [];
			for (const [i, c] of cases.entries()) {
				const ts = Array.from({ length: 8 }, (_, j) => {
					const t = task(c, {
						department,
						role: j % 3 === 0 ? 'head' : 'reviewer',
						statePath: j % 2 ? 'review.edu.review' : 'review.fire.inspect',
						serviceId: i === 2 ? 'other-service' : c.service.id
					});
					const due = dues[(i * 8 + j) % dues.length];
					if (due) t.dueAt = due;
					if (j === 5) t.verification = true;
					if (j === 6) t.verification = false;
					return t;
				});
				all.push(...ts);
				await insert(store, c, ts);
			}
			const check = async (f: TaskFilter, want: Task[]) => {
				const expected = [...want].sort(inboxOrder);
				expect(await store.tasks.query(f)).toStrictEqual(expected);
				for (const limit of [1, 3, 5, 100]) expect(await allPages(store, f, limit)).toStrictEqual(expected);
			};
			await check({ department }, all);
			await check(
				{ department, roles: ['head'] },
				all.filter((t) => t.role === 'head')
			);
			await check({ department, roles: ['head', 'reviewer'] }, all);
			await check({ department, roles: [] }, []);
			await check(
				{ department, verification: true },
				all.filter((t) => t.verification)
			);
			await check(
				{ department, verification: false },
				all.filter((t) => !t.verification)
			);
			await check(
				{ department, state: 'review' },
				all.filter((t) => t.statePath === 'review.edu.review')
			);
			await check(
				{ department, state: 'fire.inspect' },
				all.filter((t) => t.statePath === 'review.fire.inspect')
			);
			await check({ department, state: 'spect' }, []);
			await check(
				{ department, serviceId: 'other-service' },
				all.filter((t) => t.caseId === cases[2].id)
			);
			await check(
				{ department, receiptNumber: cases[1].receiptNumber },
				all.filter((t) => t.caseId === cases[1].id)
			);
			await check(
				{ department, caseId: cases[0].id, roles: ['reviewer'] },
				all.filter((t) => t.caseId === cases[0].id && t.role === 'reviewer')
			);
			await check(
				{ department, dueBefore: iso(150) },
				all.filter((t) => t.dueAt !== undefined && t.dueAt < iso(150))
			);
			await check(
				{ department, dueBefore: iso(150), roles: ['head'] },
				all.filter((t) => t.role === 'head' && t.dueAt !== undefined && t.dueAt < iso(150))
			);
			await check({ department: uid('nobody') }, []);
			expect((await store.tasks.page({ department }, 1000)).next).toBeUndefined();

			const counts = await store.tasks.count({ department });
			const want = new Map<string, number>();
			for (const t of all) want.set(`${t.role}/${t.verification ?? false}`, (want.get(`${t.role}/${t.verification ?? false}`) ?? 0) + 1);
			expect(counts).toEqual(
				[...want.entries()]
					.map(([k, count]) => ({ role: k.split('/')[0], verification: k.split('/')[1] === 'true', count }))
					.sort((a, b) => (a.role === b.role ? Number(a.verification) - Number(b.verification) : a.role < b.role ? -1 : 1))
			);
			expect(await store.tasks.count({ department, roles: ['head'], verification: false })).toEqual([
				{ role: 'head', verification: false, count: all.filter((t) => t.role === 'head' && !t.verification).length }
			]);
			const soon = await store.tasks.count({ department, dueBefore: iso(150) });
			expect(soon.reduce((n, c) => n + c.count, 0)).toBe(all.filter((t) => t.dueAt !== undefined && t.dueAt < iso(150)).length);
		});

		it('claims and releases a task only from the expected holder', async () => {
			const c = caseRecord();
			const t = task(c);
			await insert(store, c, [t]);
			const claimed = await store.tasks.setClaim(t.id, 'staff-9', undefined, iso(7));
			expect(claimed).toStrictEqual({ ...t, claimedBy: 'staff-9', claimedAt: iso(7) });
			const e = await conflict(store.tasks.setClaim(t.id, 'staff-8', undefined, iso(8)));
			expect(e.current).toStrictEqual(claimed);
			expect(await store.tasks.setClaim(t.id, undefined, 'staff-9', iso(9))).toStrictEqual(t);
			expect(await store.tasks.get(t.id)).toStrictEqual(t);
			await conflict(store.tasks.setClaim(uid('gone'), 'x', undefined, iso(9)));
		});

		it('lists cases by applicant, ids, receipt number, status, 容缺 deadline and submission period, newest first', async () => {
			const applicantId = uid('applicant');
			const a = caseRecord({ applicantId, createdAt: iso(1), deferredDueAt: iso(100) });
			const b = caseRecord({ applicantId, createdAt: iso(3), deferredDueAt: iso(300) });
			const closed = caseRecord({ applicantId, createdAt: iso(2), status: 'closed', deferredDueAt: iso(50) });
			const none = caseRecord({ applicantId, createdAt: iso(4) });
			for (const c of [a, b, closed, none]) await insert(store, c);
			const ids = (cs: CaseRecord[]) => cs.map((c) => c.id);
			expect(await store.cases.list({ applicantId })).toStrictEqual([none, b, closed, a]);
			expect(ids(await store.cases.list({ applicantId, limit: 2 }))).toEqual([none.id, b.id]);
			expect(ids(await store.cases.list({ ids: [a.id, closed.id, uid('missing')] }))).toEqual([closed.id, a.id]);
			expect(await store.cases.list({ ids: [] })).toEqual([]);
			expect(ids(await store.cases.list({ receiptNumber: b.receiptNumber }))).toEqual([b.id]);
			expect(ids(await store.cases.list({ applicantId, status: 'closed' }))).toEqual([closed.id]);
			expect(ids(await store.cases.list({ applicantId, deferredDueBefore: iso(200) }))).toEqual([a.id]);
			expect(ids(await store.cases.list({ applicantId, deferredDueBefore: iso(1000) }))).toEqual([b.id, a.id]);
			expect(ids(await store.cases.list({ applicantId, deferredDueBefore: iso(100) }))).toEqual([]);
			// the figures' period: from included, before excluded
			expect(ids(await store.cases.list({ applicantId, createdFrom: iso(2), createdBefore: iso(4) }))).toEqual([b.id, closed.id]);
			expect(ids(await store.cases.list({ applicantId, createdFrom: iso(4) }))).toEqual([none.id]);
			expect(ids(await store.cases.list({ applicantId, createdBefore: iso(1) }))).toEqual([]);
		});

		it('finds cases by a personal identifier in their current form data, and no longer by one a later version dropped', async () => {
			const id = idNumber();
			const [phone, newPhone] = [mobile(), mobile()];
			const a = caseRecord({ createdAt: iso(1) });
			a.state.machine.context.data = { applicant: { idNo: id.slice(0, 17) + id[17].toLowerCase() }, phone };
			const b = caseRecord({ createdAt: iso(2) });
			b.state.machine.context.data = { other: id };
			for (const c of [a, b]) await insert(store, c);
			const ids = (cs: CaseRecord[]) => cs.map((c) => c.id);
			expect(await store.cases.list({ identifier: phone })).toStrictEqual([a]);
			expect(ids(await store.cases.list({ identifier: id }))).toEqual([b.id, a.id]);
			expect(ids(await store.cases.list({ identifier: ` ${id.toLowerCase()} ` }))).toEqual([b.id, a.id]);
			const moved = { ...a, version: a.version + 1, state: structuredClone(a.state) };
			moved.state.machine.context.data.phone = newPhone;
			await store.transaction((tx) => tx.cases.update(moved, a.version, [event(a.version + 1)]));
			expect(await store.cases.list({ identifier: phone })).toEqual([]);
			expect(ids(await store.cases.list({ identifier: newPhone }))).toEqual([a.id]);
			expect(await store.cases.list({ identifier: mobile() })).toEqual([]);
		});

		it('pages an applicant’s cases newest first without their logs', async () => {
			const applicantId = uid('applicant');
			const cs = Array.from({ length: 7 }, (_, i) => caseRecord({ applicantId, createdAt: iso(i % 3), status: i === 4 ? 'closed' : 'active' }));
			for (const c of cs) await insert(store, c);
			const want = [...cs].sort((x, y) => (x.createdAt === y.createdAt ? (x.id < y.id ? 1 : -1) : x.createdAt < y.createdAt ? 1 : -1));
			const strip = ({ events: _, ...rest }: CaseRecord) => rest;
			for (const limit of [1, 2, 3, 7, 50]) {
				const rows = [];
				let cursor: string | undefined;
				do {
					const page = await store.cases.page({ applicantId }, limit, cursor);
					expect(page.rows.length).toBeLessThanOrEqual(limit);
					rows.push(...page.rows);
					cursor = page.next;
				} while (cursor);
				expect(rows).toStrictEqual(want.map(strip));
			}
			expect((await store.cases.page({ applicantId, status: 'closed' }, 10)).rows).toStrictEqual([strip(cs[4])]);
			expect(await store.cases.page({ applicantId: uid('nobody') }, 10)).toEqual({ rows: [] });
		});

		it('imports cases in bulk with their events and tasks', async () => {
			const applicantId = uid('applicant');
			const department = uid('dept');
			const records = Array.from({ length: 300 }, (_, i) => {
				const record = caseRecord({ applicantId, createdAt: iso(i), events: 1 + (i % 3), deferredDueAt: i % 2 ? iso(i + 1000) : undefined });
				return { record, tasks: [task(record, { department, dueAt: iso(i) })] };
			});
			await store.cases.importMany(records);
			expect(await store.cases.get(records[299].record.id)).toStrictEqual(records[299].record);
			expect(await store.cases.list({ applicantId, limit: 3 })).toStrictEqual(
				records
					.slice(-3)
					.reverse()
					.map((r) => r.record)
			);
			expect((await store.tasks.page({ department }, 2)).rows).toStrictEqual(records.slice(0, 2).map((r) => r.tasks[0]));
			expect(await store.tasks.count({ department })).toEqual([{ role: 'reviewer', verification: false, count: 300 }]);
		});

		it('claims outbox messages once each, when due, and settles them', async () => {
			const own = await open();
			try {
				const due = Array.from({ length: 24 }, (_, i) => outbox({ at: iso(i), nextAttemptAt: iso(i) }));
				const later = outbox({ at: iso(1000), nextAttemptAt: iso(102) });
				await own.transaction(async (tx) => {
					for (const m of [...due, later]) await tx.outbox.append(m);
				});
				expect(await own.outbox.claim(10, iso(-1), 'w0')).toEqual([]);
				const rounds = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((w) => own.outbox.claim(5, iso(100), w)));
				const first = rounds.flat();
				const rest = await own.outbox.claim(100, iso(100), 'w5');
				const ids = [...first, ...rest].map((m) => m.id);
				expect(new Set(ids).size).toBe(ids.length);
				expect([...ids].sort()).toEqual(due.map((m) => m.id).sort());
				expect(first.length).toBeLessThanOrEqual(20);
				for (const m of [...first, ...rest]) {
					const original = due.find((d) => d.id === m.id)!;
					expect({ ...m, nextAttemptAt: original.nextAttemptAt }).toStrictEqual(original);
					expect(m.nextAttemptAt > iso(100)).toBe(true); // leased
				}
				// claimed messages are leased: nobody else gets them now
				expect(await own.outbox.claim(100, iso(100), 'w6')).toEqual([]);
				// a message due later comes when its time comes; the others stay leased (5 minutes)
				expect((await own.outbox.claim(100, iso(102), 'w7')).map((m) => m.id)).toEqual([later.id]);

				await own.outbox.settle(due[0].id, { status: 'sent', attempts: 1, nextAttemptAt: iso(100), sentAt: iso(101) });
				await own.outbox.settle(due[1].id, { status: 'pending', attempts: 1, nextAttemptAt: iso(150), lastError: 'timeout' });
				await own.outbox.settle(due[2].id, { status: 'failed', attempts: 5, nextAttemptAt: iso(100), lastError: 'gone' });
				const list = await own.outbox.list({ limit: 3 });
				expect(list).toStrictEqual([
					{ ...due[0], status: 'sent', attempts: 1, nextAttemptAt: iso(100), sentAt: iso(101) },
					{ ...due[1], attempts: 1, nextAttemptAt: iso(150), lastError: 'timeout' },
					{ ...due[2], status: 'failed', attempts: 5, nextAttemptAt: iso(100), lastError: 'gone' }
				]);
				expect((await own.outbox.list({ status: 'sent' })).map((m) => m.id)).toEqual([due[0].id]);
				// a retry is due again at its nextAttemptAt; sent and failed ones never come back
				expect((await own.outbox.claim(100, iso(10_000), 'w8')).map((m) => m.id).sort()).toEqual(
					[later, ...due.slice(1)]
						.filter((m) => m.id !== due[2].id)
						.map((m) => m.id)
						.sort()
				);
				// settling the retry with sentAt and no lastError drops the old error
				await own.outbox.settle(due[1].id, { status: 'sent', attempts: 2, nextAttemptAt: iso(150), sentAt: iso(160) });
				expect((await own.outbox.list({ limit: 2 }))[1]).toStrictEqual({ ...due[1], status: 'sent', attempts: 2, nextAttemptAt: iso(150), sentAt: iso(160) });
				// filtered by id and channel, newest first
				const hook = outbox({ at: iso(2000), nextAttemptAt: iso(2000), channel: 'webhook' });
				await own.transaction((tx) => tx.outbox.append(hook));
				expect((await own.outbox.list({ channel: 'webhook' })).map((m) => m.id)).toEqual([hook.id]);
				expect((await own.outbox.list({ id: due[5].id })).map((m) => m.id)).toEqual([due[5].id]);
				expect((await own.outbox.list({ newest: true, limit: 3 })).map((m) => m.id)).toEqual([hook.id, later.id, due[23].id]);
				// a provider's payload (its attempt log) replaces the stored one; settling without one keeps it
				const logged = { ...due[3].payload, log: [{ attempt: 1, status: 500 }] };
				await own.outbox.settle(due[3].id, { status: 'pending', attempts: 1, nextAttemptAt: iso(150), lastError: 'HTTP 500', payload: logged });
				await own.outbox.settle(due[3].id, { status: 'failed', attempts: 2, nextAttemptAt: iso(150), lastError: 'HTTP 500' });
				expect((await own.outbox.list({ limit: 4 }))[3]).toStrictEqual({
					...due[3],
					payload: logged,
					status: 'failed',
					attempts: 2,
					nextAttemptAt: iso(150),
					lastError: 'HTTP 500'
				});
			} finally {
				await own.close();
			}
		}, 60_000);

		it('never hands one outbox message to two racing claimers', async () => {
			const own = await open();
			try {
				const messages = Array.from({ length: 240 }, (_, i) => outbox({ at: iso(i), nextAttemptAt: iso(i % 7) }));
				await own.transaction(async (tx) => {
					for (const m of messages) await tx.outbox.append(m);
				});
				const seen: string[] = [];
				for (let round = 0; round < 40 && seen.length < messages.length; round++) {
					const claimed = await Promise.all(Array.from({ length: 8 }, (_, w) => own.outbox.claim(4, iso(10), `w${w}`)));
					seen.push(...claimed.flat().map((m) => m.id));
				}
				expect(new Set(seen).size).toBe(seen.length);
				expect(seen.length).toBe(messages.length);
			} finally {
				await own.close();
			}
		}, 60_000);

		it.runIf(options.reopen)(
			'keeps everything across a restart',
			async () => {
				const first = await open();
				const c = caseRecord({ deferredDueAt: iso(9), events: 2 });
				const t = fullTask(c);
				const lic = licence();
				const msg = outbox();
				await first.transaction(async (tx) => {
					await tx.cases.insert(c);
					await tx.tasks.replaceForCase(c.id, [t]);
					await tx.licences.put(lic);
					await tx.outbox.append(msg);
					await tx.audit.append(audit({ caseId: c.id }));
					await tx.nextSequence('restart');
				});
				await first.meta.set('k', { v: [1, 2] });
				const file = { id: 'f-restart', ownerId: 'o', name: 'a.pdf', mime: 'application/pdf', size: 3, sha256: 'x', createdAt: iso(1) };
				await first.files.put(file, new Uint8Array([7, 8, 9]));
				await first.close();
				const again = await options.reopen!(first);
				try {
					expect(await again.cases.get(c.id)).toStrictEqual(c);
					expect(await again.tasks.get(t.id)).toStrictEqual(t);
					expect(await again.licences.get(lic.id)).toStrictEqual(lic);
					expect(await again.outbox.list()).toStrictEqual([msg]);
					expect(await again.audit.list({ caseId: c.id })).toHaveLength(1);
					expect(await again.meta.get('k')).toEqual({ v: [1, 2] });
					expect(await again.files.read('f-restart')).toEqual(new Uint8Array([7, 8, 9]));
					expect(await again.transaction((tx) => tx.nextSequence('restart'))).toBe(2);
				} finally {
					await again.close();
				}
			},
			60_000
		);
	});
}
