// Dates shown to citizens are in Asia/Shanghai whatever the process's zone: this file runs the process in UTC.
process.env.TZ = 'UTC';
import { describe, expect, it } from 'vitest';
import { SERVICE_TIME_ZONE, formatDate, formatDateTime, formatDayTime, formatDueDate } from '../../runtime/core/dates';
import { dateOnly, dateTime, dayTime } from '../../runtime/components/case/labels';

const at = '2026-12-01T17:30:00Z';
const zh = { locale: 'zh-CN', timeZone: SERVICE_TIME_ZONE } as const;
const en = { locale: 'en', timeZone: SERVICE_TIME_ZONE } as const;

describe('dates in the service time zone (process in UTC)', () => {
	it('the process really runs in UTC: the same instant is still 1 December there', () => {
		expect(new Date(at).getHours()).toBe(17);
		expect(new Date(at).toLocaleString('zh-CN', { month: 'long', day: 'numeric' })).toBe('12月1日');
	});

	it('17:30 UTC on 1 December shows as 12月2日 01:30 (UTC+8)', () => {
		expect(formatDayTime(at, zh)).toBe('12月2日 01:30');
		expect(formatDateTime(at, zh)).toBe('2026/12/02 01:30');
		expect(formatDate(at, zh)).toBe('2026年12月2日');
	});

	it('in English too, on the Shanghai day', () => {
		expect(formatDayTime(at, en)).toBe('2 Dec, 01:30');
		expect(formatDateTime(at, en)).toBe('2 Dec 2026, 01:30');
		expect(formatDate(at, en)).toBe('2 December 2026');
	});

	it('the page helpers use the service zone (Chinese by default)', () => {
		expect(dayTime(at)).toBe('12月2日 01:30');
		expect(dateTime(at)).toBe('2026/12/02 01:30');
		expect(dateOnly(at)).toBe('2026年12月2日');
	});

	it('a deadline at midnight Shanghai shows the day before as the last day', () => {
		expect(formatDueDate('2026-12-02T16:00:00Z', zh)).toBe('2026年12月2日');
		expect(formatDate(undefined, zh)).toBe('');
	});
});
