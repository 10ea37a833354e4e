// 开卷式审批: the officer ticks each published review standard of the step when passing, approving or denying; the log
// keeps every standard's text as it was. A required standard not met refuses PASS and APPROVE, naming it.
import { z } from 'zod';
import { invalid } from '../errors';
import type { ReviewStandard, Workflow } from '../model/workflow';
import { nodeAt } from '../workflow/graph';
import { FORWARD_EVENTS, STANDARD_EVENTS } from '../workflow/standard-events';
import { text, type EventModule } from './events/common';

export const StandardTick = z.strictObject({
	id: z.string().min(1),
	met: z.boolean({ message: '请标明是否符合该审查标准' }),
	remark: z.string().trim().max(500).optional()
});
export type StandardTick = z.infer<typeof StandardTick>;

/** An event module whose payload also carries the step's ticked standards (posted as standard.id + standard.<id>=met). */
export function withStandards(m: EventModule): EventModule {
	return {
		...m,
		payload: (m.payload as z.ZodObject).extend({ standards: z.array(StandardTick).optional() }) as unknown as EventModule['payload'],
		fromForm: (f) => {
			const ids = f.getAll('standard.id').map(String).filter(Boolean);
			const standards = ids.map((id) => ({
				id,
				met: text(f, `standard.${id}`) === 'met',
				...(text(f, `standardRemark.${id}`) ? { remark: text(f, `standardRemark.${id}`) } : {})
			}));
			return { ...(m.fromForm?.(f) ?? {}), ...(standards.length ? { standards } : {}) };
		}
	};
}

/** The review standards the step at `statePath` publishes (none for other events). */
export function stepStandards(workflow: Pick<Workflow, 'states'>, statePath: string, type: string): ReviewStandard[] {
	return STANDARD_EVENTS.has(type) ? (nodeAt(workflow, statePath)?.meta?.standards ?? []) : [];
}

export interface RecordedStandard {
	id: string;
	standard: string;
	required: boolean;
	met: boolean;
	remark?: string;
}

/**
 * Checks the ticks against the step's standards: unknown ids are refused; on PASS / APPROVE every required standard must be
 * met. Returns every standard of the step as recorded (unticked = not met).
 */
export function checkStandards(standards: ReviewStandard[], type: string, ticks: StandardTick[] | undefined, action: string): RecordedStandard[] {
	if (!standards.length) return [];
	const given = ticks ?? [];
	const errors = given.flatMap((t, i) =>
		standards.some((s) => s.id === t.id) ? [] : [{ path: `standards.${i}.id`, message: `本环节没有审查标准「${t.id.slice(0, 40)}」` }]
	);
	const recorded = standards.map((s) => {
		const t = given.find((x) => x.id === s.id);
		return { id: s.id, standard: s.standard, required: s.required !== false, met: !!t?.met, ...(t?.remark ? { remark: t.remark } : {}) };
	});
	if (FORWARD_EVENTS.has(type))
		for (const r of recorded) if (r.required && !r.met) errors.push({ path: `standards.${r.id}`, message: `未勾选符合必备审查标准「${r.standard}」` });
	if (errors.length)
		throw invalid(FORWARD_EVENTS.has(type) ? `必备审查标准未全部符合，不能「${action}」：请逐项勾选，或作出不予决定、退回` : '审查标准勾选有误', errors);
	return recorded;
}
