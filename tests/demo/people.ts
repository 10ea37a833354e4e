// Demo applicants for the generated history: readable names, valid ID numbers and phones, Quanzhou addresses.
import type { Account } from '../../runtime/core/store';
import { hashPassword } from '../../runtime/server/auth';
import { DEMO_PASSWORD } from '../../runtime/server/demo';
import { int, pick, type Rng } from '../unit/helpers/schema-data';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程苏魏吕丁任沈姚卢'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志文辉玲红梅鑫晨宇浩然子涵欣怡思雨嘉诚'];
const COUNTIES = [
	{ code: '350502', place: '福建省泉州市鲤城区', streets: ['中山中路', '新华北路', '温陵南路', '庄府巷'] },
	{ code: '350503', place: '福建省泉州市丰泽区', streets: ['田安路', '丰泽街', '津淮街', '刺桐路'] },
	{ code: '350581', place: '福建省石狮市', streets: ['八七路', '九二路', '狮城路', '宝岛路'] },
	{ code: '350582', place: '福建省晋江市', streets: ['崇德路', '世纪大道', '泉安路', '青华路'] },
	{ code: '350521', place: '福建省泉州市惠安县', streets: ['建设路', '螺城路', '八二三路', '南山路'] }
];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

function idNumber(r: Rng, county: string, gender: '男' | '女'): { id: string; birthDate: string } {
	const y = int(r, 1958, 2004);
	const birthDate = `${y}-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')}`;
	// the 17th digit is odd for men, even for women
	const seq = `${int(r, 0, 9)}${int(r, 0, 9)}${gender === '男' ? pick(r, [1, 3, 5, 7, 9]) : pick(r, [0, 2, 4, 6, 8])}`;
	const body = `${county}${birthDate.replace(/-/g, '')}${seq}`;
	return { id: body + '10X98765432'[ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0) % 11], birthDate };
}

export interface DemoPerson {
	account: Account;
	birthDate: string;
}

/** `n` citizens with consistent profiles (the form's 申请人 fields are filled from them, as the portal prefills). */
export function demoPeople(r: Rng, n: number): DemoPerson[] {
	const hash = hashPassword(DEMO_PASSWORD);
	return Array.from({ length: n }, (_, i) => {
		const gender = r() < 0.5 ? '男' : '女';
		const name = pick(r, SURNAMES) + pick(r, GIVEN) + (r() < 0.6 ? pick(r, GIVEN) : '');
		const county = pick(r, COUNTIES);
		const { id, birthDate } = idNumber(r, county.code, gender);
		const profile = {
			name,
			idNumber: id,
			gender,
			phone: `1${pick(r, [3, 5, 8])}${String(int(r, 0, 999_999_999)).padStart(9, '0')}`,
			address: `${county.place}${pick(r, county.streets)} ${int(r, 1, 300)} 号`
		};
		const username = `history${String(i + 1).padStart(4, '0')}`;
		return { account: { id: `u-${username}`, username, name, roles: ['applicant'], profile, passwordHash: hash }, birthDate };
	});
}
