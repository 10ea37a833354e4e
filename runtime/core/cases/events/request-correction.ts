// 一次性告知补正: every problem in one notice, tied to a field or material; the branch that asked waits for the applicant.
import { z } from 'zod';
import { Problem, type EventModule } from './common';
import { EVENT_LABELS } from './labels';

export const REQUEST_CORRECTION: EventModule = {
	label: EVENT_LABELS.REQUEST_CORRECTION,
	payload: z.strictObject({ problems: z.array(Problem).min(1, '补正通知须列出至少一个问题（一次性告知）'), statePath: z.string().optional() }),
	fromForm: (f) => {
		const targets = f.getAll('problem.target').map(String);
		const messages = f.getAll('problem.message').map(String);
		const problems = targets
			.map((t, i) => ({ t, message: (messages[i] ?? '').trim() }))
			.filter((p) => p.t && p.message)
			.map(({ t, message }) => ({
				target: { kind: t.startsWith('material:') ? 'material' : t.startsWith('answer:') ? 'answer' : 'field', id: t.replace(/^(field|material|answer):/, '') },
				message
			}));
		return { problems };
	},
	assign: (ctx, ev) =>
		ctx.corrections.some((c) => c.at === ev.at && c.branch === ev.branch)
			? {}
			: {
					corrections: [
						...ctx.corrections,
						{ at: ev.at, by: ev.by, branch: ev.branch, statePath: String(ev.statePath ?? ''), problems: ev.problems as Problem[] }
					]
				}
};
