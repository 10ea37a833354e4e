// Dates as citizens read them: always in the service's time zone (Asia/Shanghai), whatever the server's or the
// browser's zone, in the page's language. Every formatter takes the zone and language explicitly.
export const SERVICE_TIME_ZONE = 'Asia/Shanghai';

export type DateLocale = 'zh-CN' | 'en';
export type DateOptions = { locale: DateLocale; timeZone: string };

const formats = {
	// 2026/12/02 01:30 · 2 Dec 2026, 01:30
	dateTime: {
		'zh-CN': { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false },
		en: { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }
	},
	// 2026年12月2日 · 2 December 2026
	date: { 'zh-CN': { year: 'numeric', month: 'long', day: 'numeric' }, en: { dateStyle: 'long' } },
	// 12月2日 01:30 · 2 Dec, 01:30
	dayTime: {
		'zh-CN': { month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false },
		en: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }
	}
} satisfies Record<string, Record<DateLocale, Intl.DateTimeFormatOptions>>;

// one formatter per (format, language, zone): building an Intl.DateTimeFormat costs far more than using it
const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: keyof typeof formats, { locale, timeZone }: DateOptions) {
	const key = `${kind}|${locale}|${timeZone}`;
	let f = cache.get(key);
	if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { ...formats[kind][locale], timeZone })));
	return f;
}

const format = (kind: keyof typeof formats) => (iso: string | undefined, options: DateOptions) => (iso ? formatter(kind, options).format(new Date(iso)) : '');

/** Date and time to the minute. */
export const formatDateTime = format('dateTime');
/** The calendar day. */
export const formatDate = format('date');
/** Day and time without the year (e.g. when a draft was saved). */
export const formatDayTime = format('dayTime');
/** A deadline shown as the last day still in time (deadlines end at midnight, the start of the next day). */
export const formatDueDate = (iso: string | undefined, options: DateOptions) => (iso ? formatDate(new Date(Date.parse(iso) - 1).toISOString(), options) : '');
