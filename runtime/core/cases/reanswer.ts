// A 补正 of a situation answer (办事情形): the case's service composed again for the new answers (same pinned versions), and
// what that asks of the applicant. The items handled, and so the workflow, must stay as they are.
import type { ComposedService } from '../compose';
import { validateForm } from '../form-validate';
import { checkAnswers } from './answers';
import { isRequired } from './materials-check';
import type { Answers, CaseContext } from './state';

export interface Reanswered {
	/** every answer after the change; answers to questions no longer asked are dropped */
	answers: Answers;
	service: ComposedService;
	/** fields the applicant fills with the change: new ones, and those the new answers make invalid */
	fields: string[];
	/** materials now required that were never provided */
	materials: string[];
	/** questions asked for the first time (follow-ups), which the applicant answers with the change */
	questions: string[];
	errors: { path: string; message: string }[];
}

const names = (members: ComposedService['members']) => new Set(members.filter((m) => m.included).map((m) => m.name));

export async function reanswer(
	old: ComposedService,
	ctx: Pick<CaseContext, 'answers' | 'data' | 'materials'>,
	posted: Answers,
	composeWith: (answers: Answers) => Promise<ComposedService>
): Promise<Reanswered> {
	let answers: Answers = { ...ctx.answers, ...posted };
	let service = await composeWith(answers);
	// a follow-up question may come or go with an answer: settle (as the apply page does)
	for (let round = 0; round < 5; round++) {
		const asked = new Set(service.questions.map((q) => q.key));
		const kept = Object.fromEntries(Object.entries(answers).filter(([k]) => asked.has(k)));
		if (Object.keys(kept).length === Object.keys(answers).length) break;
		answers = kept;
		service = await composeWith(answers);
	}
	const errors = checkAnswers(service.questions, answers);
	const before = names(old.members);
	const after = names(service.members);
	const added = [...after].filter((n) => !before.has(n));
	const dropped = [...before].filter((n) => !after.has(n));
	if (added.length || dropped.length) {
		const what = [added.length ? `增加「${added.join('、')}」` : '', dropped.length ? `不再办理「${dropped.join('、')}」` : ''].filter(Boolean).join('，');
		const key = Object.keys(posted)[0];
		errors.push({ path: `answers.${key}`, message: `按修改后的情形，办理的事项会变化（${what}），不能通过补正修改；如需变更请撤回后重新申请` });
	}
	const oldFields = new Set(Object.keys(old.form.schema.properties));
	const invalid = validateForm(service.form, ctx.data, answers).errors.map((e) => e.path.split('.')[0]);
	const fields = [...new Set([...Object.keys(service.form.schema.properties).filter((f) => !oldFields.has(f)), ...invalid])];
	const materials = service.materials.filter((m) => !ctx.materials[m.id] && isRequired(m, answers, ctx.data)).map((m) => m.id);
	const oldQuestions = new Set(old.questions.map((q) => q.key));
	return { answers, service, fields, materials, questions: service.questions.filter((q) => !oldQuestions.has(q.key)).map((q) => q.key), errors };
}
