import { Lunar, Solar } from 'lunar-typescript';

export interface StatutoryHoliday {
	date: string;
	name: string;
}

/**
 * The days off of `year` by the national rules (全国年节及纪念日放假办法, 2024 revision, in force from 2025).
 * No 调休 make-up working days are guessed: the official schedule of each year adds them.
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
	const out: StatutoryHoliday[] = [];
	const add = (name: string, first: Solar, days = 1) => {
		for (let i = 0; i < days; i++) out.push({ date: first.next(i).toYmd(), name });
	};
	const lunar = (month: number, day: number) => Lunar.fromYmd(year, month, day).getSolar();
	add('元旦', Solar.fromYmd(year, 1, 1));
	add('春节', lunar(1, 1).next(-1), 4); // 除夕 and 正月初一～初三
	add('清明节', Lunar.fromYmd(year, 1, 1).getJieQiTable()['清明']);
	add('劳动节', Solar.fromYmd(year, 5, 1), 2);
	add('端午节', lunar(5, 5));
	add('中秋节', lunar(8, 15));
	add('国庆节', Solar.fromYmd(year, 10, 1), 3);
	return out;
}
