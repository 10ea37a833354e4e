// Office hours on the working-day calendar (runtime/core/calendar.ts): how long a claimed task has waited, in working hours.
import { localDate, type WorkCalendar } from './calendar';

/** Office hours of a working day, local time (UTC+8), as [start, end) in hours: 8:30–12:00 and 14:30–17:30 (6.5 hours). */
export const OFFICE_HOURS: readonly (readonly [number, number])[] = [
	[8.5, 12],
	[14.5, 17.5]
];

const OFFSET_MS = 8 * 3600e3;
const DAY_MS = 864e5;
const HOUR_MS = 3600e3;
const toMs = (t: Date | string) => (typeof t === 'string' ? Date.parse(t) : t.getTime());

/** Working hours between two instants: office hours of working days only (negative when `to` is before `from`). */
export function workingHoursBetween(cal: WorkCalendar, from: Date | string, to: Date | string, hours = OFFICE_HOURS): number {
	const a = toMs(from);
	const b = toMs(to);
	if (b < a) return -workingHoursBetween(cal, to, from, hours);
	let total = 0;
	for (let day = Math.floor((a + OFFSET_MS) / DAY_MS); day <= Math.floor((b + OFFSET_MS) / DAY_MS); day++) {
		const start = day * DAY_MS - OFFSET_MS;
		if (!cal.isWorkingDay(localDate(new Date(start)))) continue;
		for (const [h0, h1] of hours) total += Math.max(0, Math.min(b, start + h1 * HOUR_MS) - Math.max(a, start + h0 * HOUR_MS));
	}
	return total / HOUR_MS;
}

/** The latest instant that lies `n` working hours before `now` (a claim older than it has waited more than n hours). */
export function workingHoursBefore(cal: WorkCalendar, now: Date | string, n: number, hours = OFFICE_HOURS): string {
	const b = toMs(now);
	let left = n * HOUR_MS;
	for (let day = Math.floor((b + OFFSET_MS) / DAY_MS), guard = 0; guard < 3660; day--, guard++) {
		const start = day * DAY_MS - OFFSET_MS;
		if (!cal.isWorkingDay(localDate(new Date(start)))) continue;
		for (const [h0, h1] of [...hours].reverse()) {
			const end = Math.min(b, start + h1 * HOUR_MS);
			const begin = start + h0 * HOUR_MS;
			if (end <= begin) continue;
			if (end - begin >= left) return new Date(end - left).toISOString();
			left -= end - begin;
		}
	}
	throw new Error(`no ${n} working hours within ten years before ${localDate(now)}`);
}
