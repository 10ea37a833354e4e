// 信用记录 and 办不成事反映, the pure rules: the restriction period's setting, which commitments a record bars and how the
// refusal reads, and the complaint figures (received, replied by the deadline).
import { describe, expect, it } from 'vitest';
import { activeRestrictions, commitmentRefusals, DEFAULT_RESTRICTION_DAYS, restrictionDays } from '../../runtime/core/credit';
import { overdue } from '../../runtime/core/complaints';
import { complaintFiguresOf } from '../../runtime/core/metrics/figures';
import type { Complaint, CreditRecord } from '../../runtime/core/store';

const rec = (o: Partial<CreditRecord>): CreditRecord => ({
	id: 'credit-1',
	subjectId: 'u-lisi',
	subjectName: '李四',
	item: 'jiaoshi-zige-rending',
	itemName: '教师资格认定',
	caseId: 'c1',
	receiptNumber: 'QZ20260302000001',
	material: 'noCriminalRecord',
	materialName: '无犯罪记录证明',
	at: '2026-03-02T02:00:00.000Z',
	basis: '国办发〔2020〕42号',
	finding: '查有犯罪记录',
	department: 'qz-edu',
	recordedBy: 'u-reviewer',
	restrictedUntil: '2027-03-02T02:00:00.000Z',
	...o
});

const material = (id: string, items: string[]) => ({
	id,
	name: id === 'noCriminalRecord' ? '无犯罪记录证明' : '学历证书',
	origins: items.map((item) => ({ item }))
});

describe('credit restriction', () => {
	it('CREDIT_RESTRICTION_DAYS defaults to a year and refuses a value that is not a whole number of days in range', () => {
		expect(restrictionDays({})).toBe(DEFAULT_RESTRICTION_DAYS);
		expect(restrictionDays({ CREDIT_RESTRICTION_DAYS: '730' })).toBe(730);
		expect(() => restrictionDays({ CREDIT_RESTRICTION_DAYS: '0' })).toThrow(/CREDIT_RESTRICTION_DAYS.*「0」/);
		expect(() => restrictionDays({ CREDIT_RESTRICTION_DAYS: '1.5' })).toThrow(/整数天数/);
		expect(() => restrictionDays({ CREDIT_RESTRICTION_DAYS: 'forever' })).toThrow(/「forever」/);
	});

	it('bars a commitment for the recorded item until the period ends, naming the material, the item and the end date', () => {
		const records = [rec({})];
		const materials = [material('noCriminalRecord', ['jiaoshi-zige-rending']), material('diploma', ['jiaoshi-zige-rending'])];
		const during = activeRestrictions(records, new Date('2026-06-01T00:00:00Z'));
		const errors = commitmentRefusals(materials as never, { noCriminalRecord: { source: 'commitment' }, diploma: { source: 'upload' } }, during);
		expect(errors).toHaveLength(1);
		expect(errors[0].path).toBe('materials.noCriminalRecord');
		expect(errors[0].message).toContain('「无犯罪记录证明」不能以告知承诺方式提供');
		expect(errors[0].message).toContain('「教师资格认定」');
		expect(errors[0].message).toMatch(/2027.*3.*2/);
		// an upload of the same material is fine
		expect(commitmentRefusals(materials as never, { noCriminalRecord: { source: 'upload' } }, during)).toEqual([]);
		// after the period, and for another item, nothing is barred
		const after = activeRestrictions(records, new Date('2027-03-02T02:00:00.001Z'));
		expect(commitmentRefusals(materials as never, { noCriminalRecord: { source: 'commitment' } }, after)).toEqual([]);
		const other = [material('noCriminalRecord', ['minfei-dengji'])];
		expect(commitmentRefusals(other as never, { noCriminalRecord: { source: 'commitment' } }, during)).toEqual([]);
	});

	it('in a bundle, a material asked for by a barred member is barred; the latest end of two records counts', () => {
		const records = [rec({ id: 'a' }), rec({ id: 'b', restrictedUntil: '2028-01-01T00:00:00.000Z' })];
		const active = activeRestrictions(records, new Date('2027-06-01T00:00:00Z'));
		expect(active.get('jiaoshi-zige-rending')?.id).toBe('b');
		const shared = [material('noCriminalRecord', ['minfei-dengji', 'jiaoshi-zige-rending'])];
		expect(commitmentRefusals(shared as never, { noCriminalRecord: { source: 'commitment' } }, active)[0].message).toMatch(/2028/);
	});
});

describe('complaint figures', () => {
	const c = (o: Partial<Complaint>): Complaint => ({
		id: 'cp',
		complainantId: 'u',
		complainantName: '张三',
		department: 'qz-edu',
		subject: '反映',
		text: '窗口要求提供已取消的证明',
		createdAt: '2026-03-02T02:00:00.000Z',
		dueAt: '2026-03-09T16:00:00.000Z',
		status: 'open',
		...o
	});
	const reply = (at: string) => ({ text: '已处理', at, by: 's', byName: '科室负责人' });

	it('counts complaints received and the share replied by the deadline; an open one past it is overdue', () => {
		const list = [
			c({ id: '1', status: 'replied', reply: reply('2026-03-05T02:00:00.000Z') }),
			c({ id: '2', status: 'replied', reply: reply('2026-03-12T02:00:00.000Z') }),
			c({ id: '3' }),
			c({ id: '4' })
		];
		const [received, onTime] = complaintFiguresOf(list);
		expect(received).toMatchObject({ key: 'complaints', value: 4, unit: '件' });
		expect(onTime).toMatchObject({ key: 'complaintsOnTime', value: 25, unit: '%' });
		expect(complaintFiguresOf([])[1].value).toBe(0);
		expect(overdue(list[2], '2026-03-10T00:00:00.000Z')).toBe(true);
		expect(overdue(list[2], '2026-03-09T00:00:00.000Z')).toBe(false);
		expect(overdue(list[0], '2026-04-01T00:00:00.000Z')).toBe(false);
		expect(overdue(list[1], '2026-04-01T00:00:00.000Z')).toBe(true);
	});
});

describe('restriction end', () => {
	it('ends at the start of a local (Asia/Shanghai) day, the configured days after the finding', async () => {
		const { restrictionEnd } = await import('../../runtime/core/credit');
		// 23:31 in Quanzhou on 1 December 2026: restricted through 1 December 2027, free from 2 December
		expect(restrictionEnd('2026-12-01T15:31:00.000Z', 365)).toBe('2027-12-01T16:00:00.000Z');
		expect(restrictionEnd('2026-12-01T16:00:00.000Z', 1)).toBe('2026-12-02T16:00:00.000Z');
	});
});
