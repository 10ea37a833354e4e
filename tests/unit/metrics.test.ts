import { describe, expect, it } from 'vitest';
import { byDepartment, figuresOf, matches, percentile, rectifiedOnTime, trendByWeek, weekOf, type MetricCase } from '../../runtime/core/metrics/figures';
import { toCsv } from '../../runtime/core/metrics/csv';
import type { Rating } from '../../runtime/core/store';

const mc = (o: Partial<MetricCase> = {}): MetricCase => ({
	id: 'c',
	receiptNumber: 'R',
	service: { kind: 'item', id: 'x', name: 'X' },
	departments: ['d1'],
	regions: ['350500'],
	createdAt: '2026-11-02T02:00:00.000Z',
	status: 'active',
	accepted: true,
	completed: false,
	dueAt: '2026-11-10T16:00:00.000Z',
	overdue: false,
	usedDays: 0,
	promisedDays: 5,
	corrected: false,
	deferred: 0,
	commitments: 0,
	verifications: { confirmed: 0, false: 0, open: 0 },
	online: true,
	materialsSaved: 0,
	visitsSaved: 0,
	...o
});
const rating = (grade: 1 | 2 | 3 | 4 | 5, o: Partial<Rating> = {}): Rating => ({
	id: `r${grade}`,
	caseId: 'c',
	applicantId: 'a',
	grade,
	aspects: { attitude: grade, efficiency: grade, quality: grade },
	createdAt: '2026-11-03T00:00:00.000Z',
	...o
});
const value = (cases: MetricCase[], ratings: Rating[], key: string) => figuresOf(cases, ratings).find((f) => f.key === key)!.value;

describe('workbench figures', () => {
	it('counts overdue, on time and the shares over the cases given', () => {
		const cases = [mc({ overdue: true }), mc({ completed: true, usedDays: 3 }), mc({ completed: true, usedDays: 7, overdue: true, corrected: true })];
		expect(value(cases, [], 'received')).toBe(3);
		expect(value(cases, [], 'overdueShare')).toBe(66.7);
		expect(value(cases, [], 'onTime')).toBe(1);
		expect(value(cases, [], 'avgDays')).toBe(5);
		expect(value(cases, [], 'p90Days')).toBe(7);
		expect(value(cases, [], 'correctionRate')).toBe(33.3);
		expect(value([], [], 'overdueShare')).toBe(0);
		// every figure carries its definition
		expect(figuresOf(cases, []).every((f) => f.definition.length > 5)).toBe(true);
	});

	it('grades satisfaction and 差评 rectified by their deadline', () => {
		const late = rating(1, {
			id: 'late',
			followUp: {
				status: 'closed',
				deadline: '2026-11-05T00:00:00Z',
				steps: [{ at: '2026-11-06T00:00:00Z', actorId: 's', kind: 'rectification', note: '' } as never]
			}
		});
		const onTime = rating(2, {
			id: 'ok',
			followUp: {
				status: 'closed',
				deadline: '2026-11-05T00:00:00Z',
				steps: [{ at: '2026-11-04T00:00:00Z', actorId: 's', kind: 'rectification', note: '' } as never]
			}
		});
		expect(rectifiedOnTime(late)).toBe(false);
		expect(rectifiedOnTime(onTime)).toBe(true);
		const ratings = [rating(5), rating(4), late, onTime];
		expect(value([], ratings, 'goodShare')).toBe(50);
		expect(value([], ratings, 'poorRectified')).toBe(50);
		expect(value([], ratings, 'avgGrade')).toBe(3);
	});

	it('groups by week (Monday, China time) and by department; filters by region, department and service', () => {
		// Sunday 23:30 in Beijing is still the week of Monday 10-26
		expect(weekOf('2026-11-01T15:30:00.000Z')).toBe('2026-10-26');
		expect(weekOf('2026-11-01T16:30:00.000Z')).toBe('2026-11-02');
		const cases = [mc({ createdAt: '2026-11-01T15:30:00.000Z', overdue: true }), mc({ departments: ['d1', 'd2'] })];
		expect(trendByWeek(cases)).toEqual([
			{ week: '2026-10-26', received: 1, completed: 0, overdue: 1 },
			{ week: '2026-11-02', received: 1, completed: 0, overdue: 0 }
		]);
		// a period lists its empty weeks too
		expect(trendByWeek(cases, { from: '2026-10-20', to: '2026-11-10' }).map((w) => [w.week, w.received])).toEqual([
			['2026-10-19', 0],
			['2026-10-26', 1],
			['2026-11-02', 1],
			['2026-11-09', 0]
		]);
		expect(byDepartment(cases, { d1: '一局' }).map((d) => [d.name, d.received, d.overdueShare])).toEqual([
			['一局', 2, 50],
			['d2', 1, 0]
		]);
		expect(matches(mc(), { department: 'd2' })).toBe(false);
		expect(matches(mc(), { region: '350500', service: 'item:x' })).toBe(true);
		expect(matches(mc(), { service: 'bundle:x' })).toBe(false);
		expect(percentile([], 90)).toBe(0);
	});

	it('writes CSV a spreadsheet opens as UTF-8, quoting and defusing formulas', () => {
		expect(
			toCsv(
				['a', 'b'],
				[
					['x,y', '=1+1'],
					['say "hi"', -3]
				]
			)
		).toBe('\uFEFFa,b\r\n"x,y",\'=1+1\r\n"say ""hi""",-3\r\n');
	});
});
