// The store contract for the inbox and the supervisor's view: the applicant's masked name on a task, tasks by holder and
// claim age, by the applicant's full name (its keyed hash), and the workload per holder and step.
import { expect, it } from 'vitest';
import type { CaseRecord, Store, Task, TaskFilter } from '../../runtime/core/store';
import { caseRecord, iso, task, uid } from './fixtures';

const insert = (store: Store, c: CaseRecord, tasks: Task[]) =>
	store.transaction(async (tx) => {
		await tx.cases.insert(c);
		await tx.tasks.replaceForCase(c.id, tasks);
	});

const withName = (name: string) => {
	const c = caseRecord();
	c.state.machine.context.data = { ...c.state.machine.context.data, applicant_name: name };
	return c;
};

const inboxOrder = (a: Task, b: Task) =>
	a.dueAt === b.dueAt ? (a.id < b.id ? -1 : 1) : a.dueAt === undefined ? 1 : b.dueAt === undefined ? -1 : a.dueAt < b.dueAt ? -1 : 1;

export function inboxContract(s: () => Store) {
	it('keeps the masked applicant name of a task, and leaves it absent when unset', async () => {
		const store = s();
		const c = caseRecord();
		const named = task(c, { applicant: '张*三' });
		const plain = task(c, { statePath: 'accept' });
		await insert(store, c, [named, plain]);
		expect(await store.tasks.get(named.id)).toStrictEqual(named);
		expect(await store.tasks.get(plain.id)).toStrictEqual(plain);
	});

	it('filters tasks by holder, claimed or not, and claim age; query, pages, count and workload agree', async () => {
		const store = s();
		const department = uid('dept');
		const all: Task[] = [];
		for (let i = 0; i < 4; i++) {
			const c = caseRecord();
			const ts = Array.from({ length: 3 }, (_, j) => {
				const holder = (i + j) % 3 === 0 ? undefined : (i + j) % 3 === 1 ? 'officer-a' : 'officer-b';
				return task(c, {
					department,
					statePath: j === 0 ? 'review' : j === 1 ? 'decide' : 'verify:v1',
					label: j === 0 ? '审查' : j === 1 ? '决定' : '核查',
					dueAt: iso(100 + i * 10 + j),
					...(holder ? { claimedBy: holder, claimedAt: iso(i * 60 + j) } : {})
				});
			});
			all.push(...ts);
			await insert(store, c, ts);
		}
		const check = async (f: TaskFilter, want: Task[]) => {
			expect(want.length).toBeGreaterThan(0);
			const expected = [...want].sort(inboxOrder);
			expect(await store.tasks.query(f)).toStrictEqual(expected);
			const first = await store.tasks.page(f, 2);
			expect(first.rows).toStrictEqual(expected.slice(0, 2));
			const second = await store.tasks.page(f, 100, first.next);
			expect(first.next ? second.rows : []).toStrictEqual(expected.slice(2));
			expect((await store.tasks.count(f)).reduce((n, c) => n + c.count, 0)).toBe(expected.length);
			expect((await store.tasks.workload(f)).reduce((n, c) => n + c.count, 0)).toBe(expected.length);
		};
		await check(
			{ department, claimedBy: 'officer-a' },
			all.filter((t) => t.claimedBy === 'officer-a')
		);
		await check(
			{ department, claimed: true },
			all.filter((t) => t.claimedBy)
		);
		await check(
			{ department, claimed: false },
			all.filter((t) => !t.claimedBy)
		);
		await check(
			{ department, claimedBefore: iso(61) },
			all.filter((t) => t.claimedAt && t.claimedAt < iso(61))
		);
		await check(
			{ department, claimedBy: 'officer-b', claimedBefore: iso(130) },
			all.filter((t) => t.claimedBy === 'officer-b' && t.claimedAt! < iso(130))
		);
		expect(await store.tasks.query({ department, claimedBy: 'nobody' })).toEqual([]);

		// per holder (unclaimed last), then step label
		const want = new Map<string, number>();
		for (const t of all) want.set(JSON.stringify([t.claimedBy ?? null, t.label]), (want.get(JSON.stringify([t.claimedBy ?? null, t.label])) ?? 0) + 1);
		const loads = [...want.entries()]
			.map(([k, count]) => {
				const [claimedBy, label] = JSON.parse(k) as [string | null, string];
				return { ...(claimedBy ? { claimedBy } : {}), label, count };
			})
			.sort((a, b) => (a.claimedBy === b.claimedBy ? (a.label < b.label ? -1 : 1) : !a.claimedBy ? 1 : !b.claimedBy ? -1 : a.claimedBy < b.claimedBy ? -1 : 1));
		expect(await store.tasks.workload({ department })).toStrictEqual(loads);
		expect(await store.tasks.workload({ department: uid('none') })).toEqual([]);
	});

	it("finds tasks by the applicant's full name through its keyed hash, whitespace aside, and never by a part of it", async () => {
		const store = s();
		const department = uid('dept');
		const name = `欧阳${uid('名')}`;
		const mine = withName(name);
		const other = withName(`${name}二`);
		const t1 = task(mine, { department });
		const t2 = task(mine, { department, statePath: 'decide' });
		const t3 = task(other, { department });
		await insert(store, mine, [t1, t2]);
		await insert(store, other, [t3]);
		const ids = async (f: TaskFilter) => (await store.tasks.query(f)).map((t) => t.id).sort();
		expect(await ids({ department, applicantName: name })).toEqual([t1.id, t2.id].sort());
		expect(await ids({ department, applicantName: ` ${name.slice(0, 2)} ${name.slice(2)}\u3000` })).toEqual([t1.id, t2.id].sort());
		expect(await ids({ department, applicantName: `${name}二` })).toEqual([t3.id]);
		expect(await ids({ department, applicantName: name.slice(0, 3) })).toEqual([]);
		expect(await ids({ department: uid('elsewhere'), applicantName: name })).toEqual([]);
		expect((await store.tasks.count({ department, applicantName: name }))[0].count).toBe(2);
		// a name is no identifier: the case search by ID or phone number does not find it
		expect((await store.cases.page({ identifier: name }, 10)).rows).toEqual([]);

		// the name follows the case's form data: changed, the old one no longer finds it
		await store.transaction(async (tx) => {
			const c = (await tx.cases.get(mine.id))!;
			const next = { ...c, version: c.version, state: { ...c.state, machine: { ...c.state.machine, context: { ...c.state.machine.context } } } };
			next.state.machine.context.data = { ...next.state.machine.context.data, applicant_name: '李四' };
			await tx.cases.update(next, c.version, []);
		});
		expect(await ids({ department, applicantName: name })).toEqual([]);
		expect(await ids({ department, applicantName: '李四' })).toEqual([t1.id, t2.id].sort());
	});
}
