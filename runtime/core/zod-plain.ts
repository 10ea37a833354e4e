// zod's own messages ("数值过小：期望 string >=10 字符") in plain Chinese; messages written by hand in the model are kept.
import type { z } from 'zod';

/** The zh-CN locale's default messages (runtime/core/model/locale.ts): anything else was written for the model. */
const DEFAULT = /^(无效|数值过[小大]：|出现未知的键)|中的键\(key\)无效$|中包含无效值\(value\)$/;

const TYPE: Record<string, string> = {
	string: '文字',
	number: '数字',
	int: '整数',
	boolean: '“是”或“否”',
	array: '列表',
	object: '一组设置',
	date: '日期'
};

const show = (v: unknown) => (typeof v === 'string' ? `「${v}」` : String(v));

/** One zod issue's message for an administrator. */
export function plainZodMessage(issue: z.core.$ZodIssue): string {
	if (!DEFAULT.test(issue.message)) return issue.message;
	const i = issue as z.core.$ZodIssue & Record<string, any>;
	switch (issue.code) {
		case 'invalid_type':
			return /实际接收 undefined$/.test(issue.message) ? '必须填写' : `应为${TYPE[i.expected] ?? i.expected}`;
		case 'too_small': {
			const n = Number(i.minimum);
			if (i.origin === 'string') return n <= 1 ? '不能为空' : `至少 ${n} 个字（不足 ${n} 个字）`;
			if (i.origin === 'array' || i.origin === 'set') return n <= 1 ? '至少需要一项' : `至少需要 ${n} 项`;
			return i.inclusive ? `不能小于 ${n}` : `须大于 ${n}`;
		}
		case 'too_big': {
			const n = Number(i.maximum);
			if (i.origin === 'string') return `不能超过 ${n} 个字`;
			if (i.origin === 'array' || i.origin === 'set') return `最多 ${n} 项`;
			return i.inclusive ? `不能大于 ${n}` : `须小于 ${n}`;
		}
		case 'invalid_value':
			return i.values.length === 1 ? `应为 ${show(i.values[0])}` : `应为以下之一：${i.values.map(show).join('、')}`;
		case 'invalid_format':
			return i.format === 'regex' ? '格式不正确' : `格式不正确（应为${i.format}）`;
		case 'not_multiple_of':
			return i.divisor === 0.5 ? '须以半天为单位（如 0.5、1、1.5）' : `须为 ${i.divisor} 的倍数`;
		case 'unrecognized_keys':
			return `含有不认识的设置项：${i.keys.join('、')}`;
		case 'invalid_union':
			return '内容不符合任何一种允许的写法';
		default:
			return '内容不正确';
	}
}
