import type { Calendar } from './model/dictionaries';
import type { StatutoryHoliday } from './holidays';

/** Working days in Asia/Shanghai (UTC+8, no DST), counted in half-days (AM ends 12:00, PM ends 24:00). */
const OFFSET_MS = 8 * 3600e3;
const DAY_MS = 864e5;

export interface WorkCalendar {
	isWorkingDay(date: string): boolean;
	covers(year: number): boolean;
	/** True for a date in a year without a loaded calendar: its days off are only the statutory holidays (暂定). */
	provisional(date: string): boolean;
	/** The latest year with a loaded calendar (0 when none). */
	lastLoadedYear: number;
}

/**
 * `statutoryHolidays` (runtime/core/holidays.ts, which loads a ~100 kB lunar library) is passed in by the server,
 * so this module stays light for the browser, whose simulation needs no fallback.
 */
export function makeCalendar(calendars: Calendar[], statutoryHolidays: (year: number) => StatutoryHoliday[] = () => []): WorkCalendar {
	const off = new Set<string>();
	const on = new Set<string>();
	const years = new Set(calendars.map((c) => c.year));
	for (const c of calendars) {
		for (const h of c.holidays) for (let d = dayIndex(h.from); d <= dayIndex(h.to); d++) off.add(dateOf(d));
		for (const w of c.workdays) on.add(w.date);
	}
	const provisional = (date: string) => !years.has(Number(date.slice(0, 4)));
	// statutory days off of the years without a calendar, computed when first needed
	const statutory = new Map<number, Set<string>>();
	const statutoryOff = (date: string) => {
		const year = Number(date.slice(0, 4));
		if (!statutory.has(year)) statutory.set(year, new Set(statutoryHolidays(year).map((h) => h.date)));
		return statutory.get(year)!.has(date);
	};
	const known = new Map<string, boolean>();
	const isWorkingDay = (date: string) => {
		let w = known.get(date);
		if (w === undefined) {
			w = workingDay(date);
			if (known.size < 100_000) known.set(date, w);
		}
		return w;
	};
	const workingDay = (date: string) => {
		if (on.has(date)) return true;
		if (off.has(date)) return false;
		if (provisional(date) && statutoryOff(date)) return false;
		const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
		return dow !== 0 && dow !== 6;
	};
	return {
		isWorkingDay,
		covers: (year) => years.has(year),
		provisional,
		lastLoadedYear: Math.max(0, ...years)
	};
}

/** Whether the deadline `dueAt` (an instant, as from addWorkingDays) falls on a day counted without an official calendar. */
export function isProvisionalDeadline(cal: WorkCalendar, dueAt: string): boolean {
	return cal.provisional(localDate(new Date(Date.parse(dueAt) - 1)));
}

/** Days since the epoch of a local date string. */
function dayIndex(date: string): number {
	return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}
const dates = new Map<number, string>();
/** The date string of a day index (memoised: deadlines walk the same few hundred days over and over). */
function dateOf(day: number): string {
	let s = dates.get(day);
	if (s === undefined) {
		s = new Date(day * DAY_MS).toISOString().slice(0, 10);
		if (dates.size < 100_000) dates.set(day, s);
	}
	return s;
}
const toMs = (t: Date | string) => (typeof t === 'string' ? Date.parse(t) : t.getTime());

export function localDate(instant: Date | string): string {
	return new Date(toMs(instant) + OFFSET_MS).toISOString().slice(0, 10);
}

/** Local midnight starting `day`, as a UTC instant in ms. */
const dayStartMs = (day: number) => day * DAY_MS - OFFSET_MS;

/** Working half-days ended within the local day `day` by instant ms. */
function halvesInDay(cal: WorkCalendar, day: number, ms: number): number {
	if (!cal.isWorkingDay(dateOf(day))) return 0;
	const start = dayStartMs(day);
	return (ms >= start + DAY_MS / 2 ? 1 : 0) + (ms >= start + DAY_MS ? 1 : 0);
}

/** (H(to) − H(from)) / 2 where H counts working half-days ended. */
export function workingDaysBetween(cal: WorkCalendar, from: Date | string, to: Date | string): number {
	const a = toMs(from);
	const b = toMs(to);
	if (b < a) return -workingDaysBetween(cal, to, from);
	const dayA = Math.floor((a + OFFSET_MS) / DAY_MS);
	const dayB = Math.floor((b + OFFSET_MS) / DAY_MS);
	let halves = 0;
	for (let d = dayA; d <= dayB; d++) {
		const endedByB = d < dayB ? (cal.isWorkingDay(dateOf(d)) ? 2 : 0) : halvesInDay(cal, d, b);
		const endedByA = d === dayA ? halvesInDay(cal, d, a) : 0;
		halves += endedByB - endedByA;
	}
	return halves / 2;
}

/**
 * The deadline of `days` working days (half-day steps) counted from the day after `start`:
 * N → end of the N-th working day; N.5 → 12:00 of the ceil(N)-th; 0 → end of the start day.
 */
export function addWorkingDays(cal: WorkCalendar, start: Date | string, days: number): string {
	let day = Math.floor((toMs(start) + OFFSET_MS) / DAY_MS);
	let halves = Math.round(days * 2);
	if (halves <= 0) return new Date(dayStartMs(day + 1)).toISOString();
	for (let guard = 0; guard < 3660; guard++) {
		day++;
		if (!cal.isWorkingDay(dateOf(day))) continue;
		if (halves === 1) return new Date(dayStartMs(day) + DAY_MS / 2).toISOString();
		halves -= 2;
		if (halves === 0) return new Date(dayStartMs(day + 1)).toISOString();
	}
	throw new Error(`no working day within ten years after ${localDate(start)}`);
}

export interface Pause {
	from: string;
	to?: string;
}

export interface Clock {
	dueAt: string;
	/** the due date falls in a year without an official calendar: counted with the statutory holidays only (暂定) */
	provisional: boolean;
	limitDays: number;
	pausedDays: number;
	elapsedDays: number;
	remainingDays: number;
	paused: boolean;
	overdue: boolean;
	dueSoon: boolean;
}

/** The limit clock of a case: pauses (补正, 特别程序) push the deadline back by their working days. */
/** Working days left until `dueAt`, counted like the limit itself: from the day after `start`. */
export function remainingWorkingDays(cal: WorkCalendar, start: Date | string, now: Date | string, dueAt: string): number {
	const startDayEnd = addWorkingDays(cal, start, 0);
	return workingDaysBetween(cal, toMs(now) > toMs(startDayEnd) ? now : startDayEnd, dueAt);
}

export function computeClock(args: {
	calendar: WorkCalendar;
	start: string;
	limitDays: number;
	pauses: Pause[];
	now: Date | string;
	dueSoonDays?: number;
}): Clock {
	const { calendar: cal, start, limitDays, now } = args;
	const nowIso = typeof now === 'string' ? now : now.toISOString();
	const pausedDays = args.pauses.reduce((s, p) => s + Math.max(0, workingDaysBetween(cal, p.from, p.to ?? nowIso)), 0);
	const dueAt = addWorkingDays(cal, start, limitDays + pausedDays);
	const startDayEnd = addWorkingDays(cal, start, 0);
	const elapsedDays = Math.max(0, workingDaysBetween(cal, startDayEnd, nowIso) - pausedDays);
	const remainingDays = remainingWorkingDays(cal, start, nowIso, dueAt);
	const overdue = toMs(nowIso) > toMs(dueAt);
	return {
		dueAt,
		provisional: isProvisionalDeadline(cal, dueAt),
		limitDays,
		pausedDays,
		elapsedDays,
		remainingDays,
		paused: args.pauses.some((p) => !p.to),
		overdue,
		dueSoon: !overdue && remainingDays <= (args.dueSoonDays ?? 1)
	};
}
