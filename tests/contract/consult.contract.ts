// The store contract for 征求意见: requests live in the case state (sealed and opened like the rest of it) and their
// inbox tasks carry the roles `consult` (a department) and `consult:<account>` (one officer), found by the roles filter.
import { expect, it } from 'vitest';
import { CaseState } from '../../runtime/core/cases/state';
import { consultationTasks, consultRolesOf, type Consultation } from '../../runtime/core/cases/consultations';
import { ConflictError, type CaseRecord, type Store } from '../../runtime/core/store';
import { audit, caseRecord, iso, uid } from './fixtures';

const request = (o: Partial<Consultation> = {}): Consultation => ({
	id: uid('cx'),
	askedBy: { id: 'u-asker', name: '审查人员', department: 'dept-a' },
	to: { department: 'dept-b', name: '乙局' },
	question: '申请人的学历证明是否属实？',
	askedAt: iso(20),
	dueAt: iso(9000),
	...o
});

const consultEvent = (c: CaseRecord, x: Consultation, type = 'CONSULT') => ({
	seq: c.version + 1,
	at: iso(30),
	actor: { id: 'u-asker', name: '审查人员', roles: ['reviewer'], department: 'dept-a' },
	type,
	payload: { consultation: x.id, to: x.to, question: x.question },
	stateAfter: c.state.machine.value
});

export function consultContract(s: () => Store) {
	it('keeps a case’s 征求意见 in its state, and the addressees’ inbox roles find their tasks', async () => {
		const store = s();
		const c = caseRecord();
		await store.cases.create(c, [], []);
		const toDept = request();
		const toOfficer = request({ to: { department: 'dept-b', account: 'u-b1', name: '乙局 王五' } });
		const next: CaseRecord = { ...c, version: c.version + 1, state: { ...c.state, consultations: [toDept, toOfficer] } };
		const tasks = consultationTasks(next, []);
		await store.transaction(async (tx) => {
			await tx.cases.update(next, c.version, [consultEvent(c, toDept)]);
			await tx.audit.append(audit({ caseId: c.id, action: 'case.CONSULT' }));
			await tx.tasks.replaceForCase(c.id, tasks);
		});
		const stored = (await store.cases.get(c.id))!;
		expect(stored.state.consultations).toEqual([toDept, toOfficer]);
		expect(CaseState.safeParse(stored.state).success).toBe(true);
		expect(stored.events.at(-1)!.payload).toMatchObject({ consultation: toDept.id, question: toDept.question });
		// the named officer sees both; a colleague only the department's; another department none
		const inbox = (account: string, department: string) =>
			store.tasks.query({ roles: ['reviewer', ...consultRolesOf(account)], department, caseId: c.id }).then((r) => r.map((t) => t.statePath).sort());
		expect(await inbox('u-b1', 'dept-b')).toEqual([`consult:${toDept.id}`, `consult:${toOfficer.id}`].sort());
		expect(await inbox('u-b2', 'dept-b')).toEqual([`consult:${toDept.id}`]);
		expect(await inbox('u-b1', 'dept-a')).toEqual([]);
		const counts = await store.tasks.count({ roles: consultRolesOf('u-b1'), department: 'dept-b', caseId: c.id });
		expect(counts.map((x) => [x.role, x.verification, x.count]).sort()).toEqual([
			['consult', false, 1],
			['consult:u-b1', false, 1]
		]);
	});

	it('lets one of two answers written at the same version win; the other is a conflict and leaves nothing behind', async () => {
		const store = s();
		const c = caseRecord();
		const x = request();
		const asked: CaseRecord = { ...c, state: { ...c.state, consultations: [x] } };
		await store.cases.create(asked, consultationTasks(asked, []), []);
		const answer = (by: string) => {
			const done = { ...x, answer: `${by} 的意见`, answeredBy: { id: by, name: by }, answeredAt: iso(40) };
			const next: CaseRecord = { ...asked, version: asked.version + 1, state: { ...asked.state, consultations: [done] } };
			return store.transaction(async (tx) => {
				await tx.cases.update(next, asked.version, [consultEvent(asked, x, 'CONSULT_ANSWER')]);
				await tx.audit.append(audit({ caseId: c.id, action: 'case.CONSULT_ANSWER', actorId: by }));
				await tx.tasks.replaceForCase(c.id, consultationTasks(next, []));
			});
		};
		const results = await Promise.allSettled([answer('u-b1'), answer('u-b2')]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(lost.reason).toBeInstanceOf(ConflictError);
		const stored = (await store.cases.get(c.id))!;
		expect(stored.events.filter((e) => e.type === 'CONSULT_ANSWER')).toHaveLength(1);
		expect(stored.state.consultations![0].answer).toMatch(/^u-b[12] 的意见$/);
		expect(await store.tasks.query({ caseId: c.id })).toEqual([]);
		expect((await store.audit.list({ caseId: c.id })).filter((a) => a.action === 'case.CONSULT_ANSWER')).toHaveLength(1);
	});
}
