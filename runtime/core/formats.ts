/** Validators for Chinese identifiers, shared by server and browser. */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 18-digit 居民身份证号码 (GB 11643-1999): birth date and mod-11 check digit. */
export function isChineseIdNumber(s: string): boolean {
	if (!/^[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/.test(s)) return false;
	const birth = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
	const date = new Date(`${birth}T00:00:00Z`);
	if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birth || date.getTime() > Date.now()) return false;
	const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
	return ID_CHECK[sum % 11] === s[17];
}

/** Mainland mobile, landline with area code, or 400/800 service numbers. */
export function isMobileOrPhone(s: string): boolean {
	return /^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(s) || /^[48]00-?\d{3}-?\d{4}$/.test(s) || /^12345$/.test(s);
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 (GB 32100-2015): 18 characters, mod-31 check character. */
export function isCreditCode(s: string): boolean {
	if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(s)) return false;
	const sum = CREDIT_WEIGHTS.reduce((acc, w, i) => acc + w * CREDIT_ALPHABET.indexOf(s[i]), 0);
	return CREDIT_ALPHABET[(31 - (sum % 31)) % 31] === s[17];
}

export const isPostcode = (s: string) => /^\d{6}$/.test(s);

export const FORMATS: Record<string, (s: string) => boolean> = {
	'id-number': isChineseIdNumber,
	phone: isMobileOrPhone,
	'credit-code': isCreditCode,
	postcode: isPostcode,
	'file-id': (s) => /^[A-Za-z0-9_-]+$/.test(s)
};
