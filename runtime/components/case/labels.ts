import type { ComposedMaterial } from '$core/compose';
import type { Form } from '$core/model';
import { SERVICE_TIME_ZONE, formatDate, formatDateTime, formatDayTime, formatDueDate, type DateOptions } from '$core/dates';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';

/** A situation question as pages show it (办事情形). */
export type QuestionLabels = { key: string; question: string; options: { value: string; label: string }[] };

/** The Chinese name of a 补正 target: the field's title, the material's name or the situation's question. */
export function targetLabel(
	target: { kind: 'field' | 'material' | 'answer'; id: string },
	form: Form,
	materials: ComposedMaterial[],
	questions: QuestionLabels[] = []
): string {
	if (target.kind === 'material') return materials.find((m) => m.id === target.id)?.name ?? target.id;
	if (target.kind === 'answer') return m.label_answer({ question: questions.find((q) => q.key === target.id)?.question ?? target.id });
	return (form.schema.properties[target.id] as { title?: string } | undefined)?.title ?? target.id;
}

/** The labels of the options chosen (not their codes); a value no option has is shown as it is. */
export const optionLabels = (q: QuestionLabels | undefined, value: unknown): string[] =>
	[value]
		.flat()
		.filter((v) => v !== undefined && v !== '')
		.map((v) => q?.options.find((o) => o.value === v)?.label ?? String(v));

/** Each question asked with the options chosen, in the order asked. */
export const answerLabels = (questions: QuestionLabels[], answers: Record<string, unknown>) =>
	questions.filter((q) => answers[q.key] !== undefined).map((q) => ({ key: q.key, question: q.question, labels: optionLabels(q, answers[q.key]) }));

/** What a 提交补正 changed: fields, materials and situation answers (with the new choice), by name. */
export function resubmitChanges(payload: Record<string, any>, form: Form, materials: ComposedMaterial[], questions: QuestionLabels[] = []): string[] {
	const q = (key: string) => questions.find((x) => x.key === key);
	return [
		...((payload.changed ?? []) as string[]).map((id) => targetLabel({ kind: 'field', id }, form, materials)),
		...Object.keys(payload.materials ?? {}).map((id) => targetLabel({ kind: 'material', id }, form, materials)),
		...Object.entries(payload.answers ?? {}).map(([key, v]) =>
			m.label_answer_changed({ what: targetLabel({ kind: 'answer', id: key }, form, materials, questions), to: optionLabels(q(key), v).join(m.list_sep()) })
		)
	];
}

/** Dates on citizen pages: the service's zone (Asia/Shanghai) and the page's language (runtime/core/dates.ts). */
const shown = (): DateOptions => ({ locale: getLocale(), timeZone: SERVICE_TIME_ZONE });
export const dateTime = (iso?: string) => formatDateTime(iso, shown());
export const dateOnly = (iso?: string) => formatDate(iso, shown());
export const dayTime = (iso?: string) => formatDayTime(iso, shown());
/** A deadline shown as the last day still in time (deadlines end at midnight, the start of the next day). */
export const dueDate = (iso?: string) => formatDueDate(iso, shown());
