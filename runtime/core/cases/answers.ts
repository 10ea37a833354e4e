// 办事情形 answers: only to the questions asked, and only with their options.
import type { ComposedQuestion } from '../compose';
import type { Answers } from './state';
import { errorText } from '../error-text';

export function checkAnswers(questions: ComposedQuestion[], answers: Answers): { path: string; message: string }[] {
	const out: { path: string; message: string }[] = [];
	for (const q of questions) if (answers[q.key] === undefined) out.push({ path: `answers.${q.key}`, message: errorText.answerMissing(q) });
	for (const [key, value] of Object.entries(answers)) {
		const q = questions.find((x) => x.key === key);
		if (!q) {
			out.push({ path: `answers.${key}`, message: `「${key}」不是本事项需要回答的办事情形` });
			continue;
		}
		const values = Array.isArray(value) ? value : [value];
		if (Array.isArray(value) && !q.multiple) out.push({ path: `answers.${key}`, message: `「${q.question}」只能选择一项` });
		const options = q.options.map((o) => o.value);
		for (const v of values.filter((x) => !options.includes(x)))
			out.push({
				path: `answers.${key}`,
				message: `「${q.question}」没有选项「${v}」，应为 ${q.options.map((o) => `${o.value}（${o.label}）`).join('、')} 之一`
			});
	}
	return out;
}
