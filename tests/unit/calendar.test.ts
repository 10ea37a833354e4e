import { describe, expect, it } from 'vitest';
import cal2026 from '../../definitions/dictionaries/calendar-2026.json';
import { Calendar } from '../../runtime/core/model/dictionaries';
import { addWorkingDays, computeClock, isProvisionalDeadline, localDate, makeCalendar, workingDaysBetween } from '../../runtime/core/calendar';
import { statutoryHolidays } from '../../runtime/core/holidays';
import { checkCatalog } from '../../runtime/core/check';
import { readCatalogDir } from '../../runtime/server/catalog-dir';
import { dueDate as shownDueDate } from '../../runtime/components/case/labels';

const cal = makeCalendar([Calendar.parse(cal2026)], statutoryHolidays);
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
		const paused = computeClock({
			calendar: cal,
			start,
			limitDays: 5,
			pauses: [{ from: at('2026-03-03T00:00:00'), to: at('2026-03-05T00:00:00') }],
			now: at('2026-03-05T09:00:00')
		});
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
});

describe('years without a loaded calendar: statutory holidays, provisional', () => {
	it('lists the statutory days off, matching the official schedules where they exist', () => {
		const y2027 = statutoryHolidays(2027);
		expect(y2027.map((h) => h.date)).toEqual([
			'2027-01-01',
			'2027-02-05',
			'2027-02-06',
			'2027-02-07',
			'2027-02-08',
			'2027-04-05',
			'2027-05-01',
			'2027-05-02',
			'2027-06-09',
			'2027-09-15',
			'2027-10-01',
			'2027-10-02',
			'2027-10-03'
		]);
		expect(y2027.find((h) => h.date === '2027-02-05')?.name).toBe('春节'); // 除夕
		// 2025 (official: 春节 1-28 to 2-4, 清明 4-4, 端午 5-31, 中秋 10-6) and 2026: every statutory day is off in the official schedule
		expect(statutoryHolidays(2025).map((h) => h.date)).toEqual(expect.arrayContaining(['2025-01-28', '2025-01-31', '2025-04-04', '2025-05-31', '2025-10-06']));
		for (const h of statutoryHolidays(2026)) expect(cal.isWorkingDay(h.date), `${h.name} ${h.date}`).toBe(false);
	});

	it('counts 2027 with the statutory holidays and weekends, no make-up days guessed', () => {
		expect(cal.lastLoadedYear).toBe(2026);
		expect(cal.isWorkingDay('2027-01-01')).toBe(false); // Friday, 元旦
		expect(cal.isWorkingDay('2027-01-02')).toBe(false);
		expect(cal.isWorkingDay('2027-01-04')).toBe(true);
		expect(cal.isWorkingDay('2027-02-04')).toBe(true);
		expect(cal.isWorkingDay('2027-02-05')).toBe(false); // Friday, 除夕
		expect(cal.isWorkingDay('2027-02-08')).toBe(false); // Monday, 正月初三
		expect(cal.isWorkingDay('2027-02-09')).toBe(true);
		expect(cal.isWorkingDay('2027-04-05')).toBe(false); // Monday, 清明
		expect(cal.isWorkingDay('2027-05-03')).toBe(true); // 劳动节 falls on the weekend
		expect(cal.isWorkingDay('2027-06-09')).toBe(false); // Wednesday, 端午
		expect(cal.isWorkingDay('2027-09-15')).toBe(false); // Wednesday, 中秋
		expect(cal.isWorkingDay('2027-10-01')).toBe(false); // Friday, 国庆
		expect(cal.isWorkingDay('2027-10-04')).toBe(true); // Monday
		expect(cal.isWorkingDay('2027-10-05')).toBe(true);
		expect(cal.provisional('2027-03-01')).toBe(true);
		expect(cal.provisional('2026-12-31')).toBe(false);
	});

	it('a 2027 deadline skips 元旦 and is marked provisional', () => {
		// Wed 30 Dec: day 1 = Thu 31 Dec, Fri 1 Jan 元旦, weekend, Mon 4 Jan, Tue 5 Jan
		const due = addWorkingDays(cal, at('2026-12-30T10:00:00'), 3);
		expect(due).toBe(at('2027-01-06T00:00:00'));
		expect(dueDate(due)).toBe('2027-01-05');
		expect(isProvisionalDeadline(cal, due)).toBe(true);
		// due at the end of 31 Dec 2026 (the instant is midnight of 1 Jan): still official
		const last = addWorkingDays(cal, at('2026-12-30T10:00:00'), 1);
		expect(last).toBe(at('2027-01-01T00:00:00'));
		expect(isProvisionalDeadline(cal, last)).toBe(false);
	});

	it('a loaded 2027 calendar replaces the fallback', () => {
		const cal2027 = Calendar.parse({
			year: 2027,
			source: 'test',
			holidays: [
				{ name: '元旦', from: '2027-01-01', to: '2027-01-03' },
				{ name: '春节', from: '2027-02-05', to: '2027-02-13' }
			],
			workdays: [{ date: '2027-02-20', note: '春节调休上班（周六）' }]
		});
		const both = makeCalendar([Calendar.parse(cal2026), cal2027], statutoryHolidays);
		expect(both.lastLoadedYear).toBe(2027);
		expect(both.covers(2027)).toBe(true);
		expect(both.provisional('2027-03-01')).toBe(false);
		expect(both.isWorkingDay('2027-02-20')).toBe(true); // Saturday, 调休
		expect(both.isWorkingDay('2027-02-10')).toBe(false); // within the official 春节
		expect(both.isWorkingDay('2027-04-05')).toBe(true); // not listed in this (test) schedule: no statutory fallback
		const due = addWorkingDays(both, at('2026-12-30T10:00:00'), 3);
		expect(dueDate(due)).toBe('2027-01-05');
		expect(isProvisionalDeadline(both, due)).toBe(false);
		expect(dueDate(addWorkingDays(both, at('2027-02-04T10:00:00'), 1))).toBe('2027-02-15');
		expect(dueDate(addWorkingDays(cal, at('2027-02-04T10:00:00'), 1))).toBe('2027-02-09');
		expect(both.provisional('2028-01-03')).toBe(true);
	});

	it("the catalog check warns that next year's schedule is not loaded", () => {
		const { issues } = checkCatalog(readCatalogDir('definitions'));
		const warning = issues.find((i) => i.file === 'dictionaries/calendar-2027.json');
		expect(warning?.severity).toBe('warning');
		expect(warning?.message).toMatch(/^尚未加载 2027 年的节假日安排：跨入该年的期限按法定节假日推算，标注为“暂定”/);
	});
});
