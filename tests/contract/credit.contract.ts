// The store contract for 信用记录 (written inside the 核查's transaction, rolled back with it, never twice) and 办不成事反映
// complaints (listed newest first by complainant, department, case, status and period; a reply replaces the stored one).
import { expect, it } from 'vitest';
import { ConflictError, type Complaint, type CreditRecord, type Store } from '../../runtime/core/store';
import { iso, uid } from './fixtures';

const record = (subjectId: string, n: number, o: Partial<CreditRecord> = {}): CreditRecord => ({
	id: uid('credit'),
	subjectId,
	subjectName: '张三',
	item: 'jiaoshi-zige-rending',
	itemName: '教师资格认定',
	caseId: uid('case'),
	receiptNumber: `QZ20260302${String(n).padStart(6, '0')}`,
	material: 'noCriminalRecord',
	materialName: '无犯罪记录证明',
	at: iso(n),
	basis: '国办发〔2020〕42号',
	finding: '查有犯罪记录',
	department: 'qz-edu',
	recordedBy: 'u-reviewer',
	restrictedUntil: iso(n + 525_600),
	...o
});

const complaint = (complainantId: string, n: number, o: Partial<Complaint> = {}): Complaint => ({
	id: uid('complaint'),
	complainantId,
	complainantName: '张三',
	department: 'qz-edu',
	subject: `第 ${n} 件反映`,
	text: '窗口要求提供已取消的证明',
	createdAt: iso(n),
	dueAt: iso(n + 7200),
	status: 'open',
	...o
});

export function creditContract(s: () => Store) {
	it('keeps credit records written in a transaction (none when it fails), a subject’s newest first, never one id twice', async () => {
		const me = uid('citizen');
		const other = uid('citizen');
		const a = record(me, 1);
		const b = record(me, 3, { item: 'minfei-dengji', itemName: '民办非企业登记' });
		await s().transaction(async (tx) => {
			await tx.credit.add(a);
			await tx.credit.add(b);
			await tx.credit.add(record(other, 2));
		});
		await s()
			.transaction(async (tx) => {
				await tx.credit.add(record(me, 5));
				throw new Error('核查未保存');
			})
			.catch(() => undefined);
		const mine = await s().credit.bySubject(me);
		expect(mine.map((r) => r.id)).toEqual([b.id, a.id]);
		expect(mine[1]).toStrictEqual(a);
		expect((await s().credit.list(1000)).filter((r) => r.subjectId === me || r.subjectId === other)).toHaveLength(3);
		await expect(s().transaction((tx) => tx.credit.add(a))).rejects.toBeInstanceOf(ConflictError);
		expect(await s().credit.bySubject(me)).toHaveLength(2);
		expect(await s().credit.bySubject(uid('citizen'))).toEqual([]);
	});

	it('lists complaints newest first by complainant, department, case, status and period; a reply replaces the stored one', async () => {
		const me = uid('citizen');
		const dept = uid('dept');
		const caseId = uid('case');
		const first = complaint(me, 10, { department: dept });
		const second = complaint(me, 20, { department: dept, caseId, receiptNumber: 'QZ20260302000009' });
		const third = complaint(uid('citizen'), 30, { department: dept });
		await s().transaction(async (tx) => {
			for (const c of [first, second, third]) await tx.complaints.put(c);
		});
		expect((await s().complaints.list({ complainantId: me })).map((c) => c.id)).toEqual([second.id, first.id]);
		expect((await s().complaints.list({ department: dept })).map((c) => c.id)).toEqual([third.id, second.id, first.id]);
		expect((await s().complaints.list({ caseId })).map((c) => c.id)).toEqual([second.id]);
		expect((await s().complaints.list({ department: dept, createdFrom: iso(15), createdBefore: iso(30) })).map((c) => c.id)).toEqual([second.id]);
		expect((await s().complaints.list({ department: dept, limit: 1 })).map((c) => c.id)).toEqual([third.id]);

		const replied: Complaint = { ...second, status: 'replied', reply: { text: '已核实并整改', at: iso(40), by: 'u-sup', byName: '科室负责人' } };
		await s().transaction(async (tx) => {
			expect(await tx.complaints.get(second.id)).toStrictEqual(second);
			await tx.complaints.put(replied);
		});
		expect(await s().complaints.get(second.id)).toStrictEqual(replied);
		expect((await s().complaints.list({ department: dept, status: 'open' })).map((c) => c.id)).toEqual([third.id, first.id]);
		expect((await s().complaints.list({ department: dept, status: 'replied' })).map((c) => c.id)).toEqual([second.id]);
		expect(await s().complaints.get(uid('complaint'))).toBeUndefined();
	});
}
