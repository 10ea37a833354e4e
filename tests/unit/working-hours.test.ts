import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../runtime/core/calendar';
import { workingHoursBefore, workingHoursBetween } from '../../runtime/core/working-hours';

// 2026-10-01..08 National Day off; Sat 2026-10-10 a make-up working day
const cal = makeCalendar([{ year: 2026, holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-08' }], workdays: [{ date: '2026-10-10' }] }] as never);
const at = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('working hours', () => {
	it('counts office hours of working days only: mornings, afternoons, not lunch, nights, holidays or weekends', () => {
		expect(workingHoursBetween(cal, at('2026-09-29T09:00:00'), at('2026-09-29T11:00:00'))).toBe(2);
		expect(workingHoursBetween(cal, at('2026-09-29T11:00:00'), at('2026-09-29T15:30:00'))).toBe(2);
		expect(workingHoursBetween(cal, at('2026-09-29T17:00:00'), at('2026-09-30T09:30:00'))).toBe(1.5);
		// Wed 30 Sep 16:30 → Fri 9 Oct 09:30: one hour before the holiday, one after
		expect(workingHoursBetween(cal, at('2026-09-30T16:30:00'), at('2026-10-09T09:30:00'))).toBe(2);
		// the make-up Saturday counts, the Sunday does not
		expect(workingHoursBetween(cal, at('2026-10-09T17:30:00'), at('2026-10-12T08:30:00'))).toBe(6.5);
		expect(workingHoursBetween(cal, at('2026-09-29T11:00:00'), at('2026-09-29T09:00:00'))).toBe(-2);
	});

	it('finds the instant n working hours back, the inverse of the count', () => {
		const now = at('2026-10-09T09:30:00');
		expect(workingHoursBefore(cal, now, 2)).toBe(at('2026-09-30T16:30:00'));
		expect(workingHoursBefore(cal, now, 0.5)).toBe(at('2026-10-09T09:00:00'));
		for (const n of [1, 4, 7.5, 20]) expect(workingHoursBetween(cal, workingHoursBefore(cal, now, n), now)).toBeCloseTo(n, 6);
	});
});
