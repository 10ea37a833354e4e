// The citizen's 补正: what the open notices ask for, and, when a notice lists a situation answer (办事情形) and the applicant
// proposes another one (posted as a:<key>), the form and materials composed again for it (the same pinned versions).
import { answersFromEntries } from '../core/form-data';
import { reanswer, type Reanswered } from '../core/cases/reanswer';
import type { Answers } from '../core/cases/state';
import type { CaseRecord } from '../core/store';
import type { App } from './app';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function correctionOf(app: App, c: CaseRecord, entries: [string, unknown][]) {
	const ctx = c.state.machine.context;
	const problems = ctx.corrections.filter((x) => !x.resolvedAt).flatMap((x) => x.problems);
	const listed = (kind: 'field' | 'material' | 'answer') => [...new Set(problems.filter((p) => p.target.kind === kind).map((p) => p.target.id))];
	const answerKeys = listed('answer');
	const current = await app.cases.composeFor(c);
	const differs = (a: Record<string, unknown>) => Object.fromEntries(Object.entries(a).filter(([k, v]) => !same(v, ctx.answers[k]))) as Answers;
	const compose = (a: Answers) => app.cases.composeWith(c, a);
	let r: Reanswered | undefined;
	const proposed = differs(
		answersFromEntries(
			current.questions.filter((q) => answerKeys.includes(q.key)),
			entries
		)
	);
	if (Object.keys(proposed).length) {
		r = await reanswer(current, ctx, proposed, compose);
		// follow-up questions the new answer asks for the first time
		const followUps = differs(
			answersFromEntries(
				r.service.questions.filter((q) => r!.questions.includes(q.key)),
				entries
			)
		);
		if (Object.keys(followUps).length) r = await reanswer(current, ctx, { ...proposed, ...followUps }, compose);
	}
	const service = r?.service ?? current;
	return {
		answers: r?.answers ?? ctx.answers,
		/** what RESUBMIT posts: the answers that differ from the case's */
		changedAnswers: r ? differs(r.answers) : {},
		questions: service.questions.filter((q) => answerKeys.includes(q.key) || r?.questions.includes(q.key)),
		form: service.form,
		materials: service.materials,
		fields: [...new Set([...listed('field'), ...(r?.fields ?? [])])].filter((f) => f in service.form.schema.properties),
		materialIds: [...new Set([...listed('material'), ...(r?.materials ?? [])])].filter((id) => service.materials.some((m) => m.id === id)),
		errors: r?.errors ?? []
	};
}
export type Correction = Awaited<ReturnType<typeof correctionOf>>;
