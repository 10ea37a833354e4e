// The fullest application to a service: the situation answers that ask for the most fields and materials, and form
// data filling every field (conditional ones shown) with valid values. For the bench and the validation cache tests.
import { compose, type ComposedService, type ServiceSource } from '../../../runtime/core/compose';
import type { Condition, Form } from '../../../runtime/core/model';
import { validateForm } from '../../../runtime/core/form-validate-browser';
import { rng, validValue } from './schema-data';

/** Every complete set of answers (multiple-choice questions: all options), at most `cap` of them. */
export function answerSets(source: ServiceSource, cap = 256): Record<string, unknown>[] {
	const out: Record<string, unknown>[] = [];
	const walk = (answers: Record<string, unknown>) => {
		if (out.length >= cap) return;
		const open = compose(source, answers).questions.find((q) => !(q.key in answers));
		if (!open) return void out.push(answers);
		const values = open.options.map((o) => o.value);
		for (const v of open.multiple ? [values] : values) walk({ ...answers, [open.key]: v });
	};
	walk({});
	return out;
}

const size = (s: ComposedService) => Object.keys(s.form.schema.properties).length + s.materials.length;

/** The answers whose composition has the most fields and materials, and that composition. */
export function fullestAnswers(source: ServiceSource): { answers: Record<string, unknown>; service: ComposedService } {
	let best: { answers: Record<string, unknown>; service: ComposedService } | undefined;
	for (const answers of answerSets(source)) {
		const service = compose(source, answers);
		if (!best || size(service) > size(best.service)) best = { answers, service };
	}
	return best!;
}

/** Sets the fields a condition reads so that it holds, where a leaf says how (eq / in / includes / filled). */
function satisfy(c: Condition | undefined, data: Record<string, unknown>) {
	if (!c) return;
	if ('all' in c) c.all.forEach((x) => satisfy(x, data));
	else if ('any' in c) satisfy(c.any[0], data);
	else if ('field' in c && !c.field.includes('.')) {
		if (c.eq !== undefined) data[c.field] = c.eq;
		else if (c.in?.length) data[c.field] = c.in[0];
	}
}

/** Valid data for every field of the form, conditional fields shown; throws if no seed gives a valid filling. */
export function filledData(form: Form, answers: Record<string, unknown>, seed = 1): Record<string, unknown> {
	for (let s = seed; s < seed + 200; s++) {
		const r = rng(s);
		const data: Record<string, unknown> = {};
		for (const [name, prop] of Object.entries(form.schema.properties)) data[name] = validValue(r, prop);
		for (const meta of Object.values(form.fields)) satisfy(meta.visibleWhen, data);
		const check = validateForm(form, data, answers);
		if (check.valid && Object.keys(check.value).length === Object.keys(data).length) return data;
	}
	throw new Error('filledData: no valid filling found in 200 seeds');
}
