import { describe, expect, it } from 'vitest';
import cal2026 from '../../definitions/dictionaries/calendar-2026.json';
import { Calendar } from '../../runtime/core/model/dictionaries';
import { addWorkingDays, computeClock, localDate, makeCalendar, workingDaysBetween } from '../../runtime/core/calendar';
import { dueDate as shownDueDate } from '../../runtime/components/case/labels';

const cal = makeCalendar([Calendar.parse(cal2026)]);
/** local (UTC+8) wall time → ISO instant */
const at = (local: string) => new Date(`${local}+08:00`).toISOString();
const dueDate = (iso: string) => localDate(new Date(Date.parse(iso) - 1));

describe('2026 working-day calendar', () => {
	it('knows holidays, weekends and make-up working days (调休)', () => {
		expect(cal.isWorkingDay('2026-01-01')).toBe(false);
		expect(cal.isWorkingDay('2026-01-04')).toBe(true); // Sunday, worked
		expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Saturday, worked
		expect(cal.isWorkingDay('2026-02-16')).toBe(false); // 春节
		expect(cal.isWorkingDay('2026-02-28')).toBe(true);
		expect(cal.isWorkingDay('2026-10-08')).toBe(true);
		expect(cal.isWorkingDay('2026-10-10')).toBe(true);
		expect(cal.isWorkingDay('2026-10-11')).toBe(false);
		expect(cal.covers(2026)).toBe(true);
		expect(cal.covers(2027)).toBe(false);
	});

	it('counts a 5-day limit across the Spring Festival', () => {
		// accepted Fri 13 Feb: day 1 = Sat 14 Feb (调休), then 15–23 Feb off, 24, 25, 26, 27 Feb
		expect(dueDate(addWorkingDays(cal, at('2026-02-13T10:00:00'), 5))).toBe('2026-02-27');
		// 20 days accepted before National Day: 1–7 Oct off, 10 Oct worked
		expect(dueDate(addWorkingDays(cal, at('2026-09-28T09:00:00'), 5))).toBe('2026-10-10');
		// what citizens and officers read: the last day still in time, not the midnight after it
		expect(shownDueDate(addWorkingDays(cal, at('2026-02-13T10:00:00'), 5))).toBe('2026年2月27日');
		expect(shownDueDate(addWorkingDays(cal, at('2026-04-30T16:00:00'), 0.5))).toBe('2026年5月6日');
	});

	it('counts May Day and half days', () => {
		expect(dueDate(addWorkingDays(cal, at('2026-04-30T16:00:00'), 1))).toBe('2026-05-06');
		expect(addWorkingDays(cal, at('2026-04-30T16:00:00'), 0.5)).toBe(at('2026-05-06T12:00:00'));
		expect(addWorkingDays(cal, at('2026-03-02T09:00:00'), 2.5)).toBe(at('2026-03-05T12:00:00'));
		expect(addWorkingDays(cal, at('2026-03-02T09:00:00'), 0)).toBe(at('2026-03-03T00:00:00'));
	});

	it('measures working days between instants consistently with the deadline', () => {
		const start = at('2026-02-10T15:00:00');
		for (const n of [0.5, 1, 3, 7.5, 20]) {
			const end = addWorkingDays(cal, start, n);
			expect(workingDaysBetween(cal, addWorkingDays(cal, start, 0), end)).toBe(n);
		}
		expect(workingDaysBetween(cal, at('2026-10-01T09:00:00'), at('2026-10-07T18:00:00'))).toBe(0);
		expect(workingDaysBetween(cal, at('2026-03-03T00:00:00'), at('2026-03-02T00:00:00'))).toBe(-1);
	});

	it('a 补正 pause pushes the deadline back by its working days, and an open pause shows', () => {
		const start = at('2026-03-02T09:00:00'); // Monday
		const base = computeClock({ calendar: cal, start, limitDays: 5, pauses: [], now: start });
		expect(dueDate(base.dueAt)).toBe('2026-03-09');
		const paused = computeClock({ calendar: cal, start, limitDays: 5, pauses: [{ from: at('2026-03-03T00:00:00'), to: at('2026-03-05T00:00:00') }], now: at('2026-03-05T09:00:00') });
		expect(paused.pausedDays).toBe(2);
		expect(dueDate(paused.dueAt)).toBe('2026-03-11');
		const open = computeClock({ calendar: cal, start, limitDays: 5, pauses: [{ from: at('2026-03-03T00:00:00') }], now: at('2026-03-04T13:00:00') });
		expect(open.paused).toBe(true);
		expect(open.pausedDays).toBe(1.5);
	});

	it('flags due-soon and overdue as time moves', () => {
		const start = at('2026-03-02T09:00:00');
		const clock = (now: string) => computeClock({ calendar: cal, start, limitDays: 3, pauses: [], now: at(now) });
		// on the day of submission the whole limit remains: the count starts the next working day
		expect(clock('2026-03-02T15:00:00')).toMatchObject({ overdue: false, dueSoon: false, remainingDays: 3 });
		expect(clock('2026-03-03T09:00:00')).toMatchObject({ overdue: false, dueSoon: false, remainingDays: 3 });
		expect(clock('2026-03-05T09:00:00')).toMatchObject({ overdue: false, dueSoon: true, remainingDays: 1 });
		expect(clock('2026-03-06T09:00:00')).toMatchObject({ overdue: true });
	});

	it('falls back to weekends for years without a calendar', () => {
		expect(cal.isWorkingDay('2027-01-01')).toBe(true); // a Friday, holiday unknown
		expect(cal.isWorkingDay('2027-01-02')).toBe(false);
	});
});
