// A condition in plain Chinese, for guides and the studio: 「本次申请办理哪个阶段？」为「正式设立」且…
import type { Condition } from './condition';

export interface Question {
	id: string;
	question: string;
	options: { value: string; label: string }[];
}
export interface FieldTitle {
	name: string;
	title: string;
}

export function describeCondition(c: Condition, questions: Question[], fields: FieldTitle[] = []): string {
	if ('all' in c) return c.all.map((x) => describeCondition(x, questions, fields)).join('，且');
	if ('any' in c) return c.any.map((x) => describeCondition(x, questions, fields)).join('，或');
	if ('not' in c) return `并非（${describeCondition(c.not, questions, fields)}）`;
	const q = 'answer' in c ? questions.find((x) => x.id === c.answer) : undefined;
	const subject = 'answer' in c ? `「${q?.question ?? c.answer}」` : `「${fields.find((f) => f.name === c.field)?.title ?? c.field}」`;
	const value = (v: unknown) => `「${q?.options.find((o) => o.value === v)?.label ?? String(v)}」`;
	if (c.eq !== undefined) return `${subject}为${value(c.eq)}`;
	if (c.ne !== undefined) return `${subject}不为${value(c.ne)}`;
	if (c.in) return `${subject}为${c.in.map(value).join('或')}`;
	if (c.includes !== undefined) return `${subject}包含${value(c.includes)}`;
	if ('answered' in c && c.answered !== undefined) return `${subject}${c.answered ? '已回答' : '未回答'}`;
	if ('field' in c) {
		if (c.gt !== undefined) return `${subject}大于 ${c.gt}`;
		if (c.gte !== undefined) return `${subject}不小于 ${c.gte}`;
		if (c.lt !== undefined) return `${subject}小于 ${c.lt}`;
		if (c.lte !== undefined) return `${subject}不大于 ${c.lte}`;
		if (c.filled !== undefined) return `${subject}${c.filled ? '已填写' : '未填写'}`;
	}
	return subject;
}
