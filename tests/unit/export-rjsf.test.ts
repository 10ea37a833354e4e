// The exported forms in the tool whose conventions they follow: @rjsf/core (default registry) renders every catalog form,
// shows the fields our runtime shows, and @rjsf/validator-ajv8 requires the fields our runtime requires.
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';
import { describe, expect, it } from 'vitest';
import { compose, type ServiceSource } from '../../runtime/core/compose';
import { effectiveSchema, visibleFields } from '../../runtime/core/form-rules';
import { FORMATS } from '../../runtime/core/formats';
import type { Condition } from '../../runtime/core/model';
import { rjsfForm, type RjsfExport } from '../../runtime/core/export/rjsf';
import { FORMAT_PATTERNS } from '../../runtime/core/export/widgets';
import { shippedSources } from './helpers/shipped-catalog';
import { rng } from './helpers/case-walk';

type Data = Record<string, unknown>;
type Answers = Record<string, string | string[]>;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

function render(ex: RjsfExport, formData: Data): string {
	const errors: unknown[] = [];
	const original = console.error;
	console.error = (...args: unknown[]) => errors.push(args.join(' '));
	try {
		return renderToString(createElement(Form as never, { schema: ex.schema, uiSchema: ex.uiSchema, validator, formData } as never));
	} finally {
		console.error = original;
		expect(errors.join('\n')).toBe('');
	}
}

/** Every complete set of answers, as the questions are asked (a follow-up question appears once its trigger is answered). */
function answerSets(src: ServiceSource, limit = 400): Answers[] {
	const out: Answers[] = [];
	const walk = (answers: Answers) => {
		if (out.length >= limit) return;
		const open = compose(src, answers).questions.filter((q) => answers[q.key] === undefined);
		if (!open.length) return void out.push(answers);
		const q = open[0];
		const values = q.options.map((o) => o.value);
		const choices: (string | string[])[] = q.multiple ? [...values.map((v) => [v]), values] : values;
		for (const c of choices) walk({ ...answers, [q.key]: c });
	};
	walk({});
	return out;
}

/** The field values our conditions compare with (and absent), per field the conditions read. */
function fieldCandidates(schema: unknown): Map<string, unknown[]> {
	const out = new Map<string, unknown[]>();
	const leaf = (c: Condition) => {
		if ('all' in c) return c.all.forEach(leaf);
		if ('any' in c) return c.any.forEach(leaf);
		if ('not' in c) return leaf(c.not);
		if (!('field' in c)) return;
		const list = out.get(c.field) ?? [undefined];
		for (const v of [c.eq, c.ne, ...(c.in ?? []), c.gt, c.gte, c.lt, c.lte]) if (v !== undefined && !list.includes(v)) list.push(v);
		if (typeof c.gt === 'number') list.push(c.gt + 1);
		if (c.includes !== undefined) list.push([c.includes]);
		if (c.filled) list.push('已填写');
		out.set(c.field, list);
	};
	const walk = (v: unknown) => {
		if (!v || typeof v !== 'object') return;
		for (const [k, x] of Object.entries(v)) {
			if (/^x-onething-(visible|required|ask)When$/.test(k)) leaf(x as Condition);
			else walk(x);
		}
	};
	walk(schema);
	return out;
}

function dataSets(candidates: Map<string, unknown[]>): Data[] {
	let out: Data[] = [{}];
	for (const [field, values] of candidates) out = out.flatMap((d) => values.map((v) => (v === undefined ? d : { ...d, [field]: v })));
	return out;
}

/** What our runtime shows and requires for answers + data. */
function truth(src: ServiceSource, answers: Answers, data: Data) {
	const form = compose(src, answers).form;
	const visible = [...visibleFields(form, data, answers)].filter((p) => !p.includes('.'));
	const required = (effectiveSchema(form, data, answers).required as string[]).filter((n) => data[n] === undefined);
	return { form, visible: new Set(visible), required: new Set(required) };
}

/** Combinations that together show every field the runtime can show, then seeded random ones, at most `cap`. */
function pickCombos(src: ServiceSource, ex: RjsfExport, cap: number) {
	const all = answerSets(src).flatMap((answers) => dataSets(fieldCandidates(ex.schema)).map((data) => ({ answers, data })));
	const seen = new Set<string>();
	const picked: { answers: Answers; data: Data }[] = [];
	for (const c of all) {
		const shown = [...truth(src, c.answers, c.data).visible].filter((f) => !seen.has(f));
		if (shown.length) {
			shown.forEach((f) => seen.add(f));
			picked.push(c);
		}
	}
	const r = rng(7);
	while (picked.length < Math.min(cap, all.length)) {
		const c = r.pick(all);
		if (!picked.includes(c)) picked.push(c);
	}
	return picked;
}

const titlesOf = (prop: Record<string, any>): string[] => {
	const kids = prop.type === 'array' ? prop.items?.properties : prop.type === 'object' ? prop.properties : undefined;
	return [prop.title, ...Object.values(kids ?? {}).flatMap((k) => titlesOf(k as Record<string, any>))];
};

describe('rjsf export: @rjsf/core renders every catalog form with its default registry', () => {
	it.each(shippedSources.map((s) => [s.name, s] as const))('%s: rendered and validated as our runtime shows and requires it', (_name, s) => {
		const ex = rjsfForm(s.exported);
		// every field the runtime may ask, under some answers, and its title (with its group's columns)
		const forms = answerSets(s.composed).map((a) => compose(s.composed, a).form);
		const fields = new Map(forms.flatMap((f) => Object.entries(f.schema.properties)));
		const titles = new Set(
			[...fields.values(), ...Object.values((ex.schema.properties as any)[ex.situationsKey].properties)].flatMap((p) => titlesOf(p as any))
		);
		const seen = new Set<string>();
		for (const { answers, data } of pickCombos(s.composed, ex, 12)) {
			const t = truth(s.composed, answers, data);
			const rows = Object.fromEntries(
				[...t.visible].filter((f) => (t.form.schema.properties[f] as any).items?.type === 'object' && data[f] === undefined).map((f) => [f, [{}]])
			);
			const html = render(ex, { [ex.situationsKey]: answers, ...data, ...rows });
			expect(html).not.toMatch(/No widget|Unsupported field schema|Unknown field type/);
			const rendered = new Set([...html.matchAll(/id="root_([^"]+)"/g)].map((m) => m[1]).filter((id) => fields.has(id)));
			// the fields rjsf shows are the ones our runtime shows for these answers and data
			expect({ answers, data, shown: [...rendered].sort() }).toEqual({ answers, data, shown: [...t.visible].sort() });
			for (const title of titles) if (html.includes(`>${escape(title)}<`)) seen.add(title);
			// and validator-ajv8 requires the ones our runtime requires
			const errors = validator.validateFormData({ [ex.situationsKey]: answers, ...data }, ex.schema as never).errors;
			const missing = errors.filter((e) => e.name === 'required').map((e) => String(e.property).replace(/^\./, ''));
			expect({ answers, data, missing: missing.filter((p) => !p.includes('.')).sort() }).toEqual({ answers, data, missing: [...t.required].sort() });
			expect(missing.filter((p) => p.startsWith(`${ex.situationsKey}.`))).toEqual([]);
			// a field the runtime hides is refused when it holds a value
			for (const f of [...fields.keys()].filter((k) => !t.visible.has(k) && data[k] === undefined)) {
				const refused = validator.validateFormData({ [ex.situationsKey]: answers, ...data, [f]: 'x' }, ex.schema as never).errors;
				expect({ answers, data, f, refused: refused.some((e) => e.name === 'not') }).toEqual({ answers, data, f, refused: true });
			}
		}
		expect([...titles].filter((t) => !seen.has(t))).toEqual([]);
	});

	const rending = shippedSources.find((s) => s.name === 'item jiaoshi-zige-rending')!;
	const minfei = shippedSources.find((s) => s.name === 'item minfei-dengji')!;
	const errorsOf = (ex: RjsfExport, formData: Data) => validator.validateFormData(formData, ex.schema as never).errors;
	const requiredMissing = (ex: RjsfExport, formData: Data) =>
		errorsOf(ex, formData)
			.filter((e) => e.name === 'required')
			.map((e) => String(e.property).replace(/^\./, ''));

	it('工作单位 is required only for 在职人员, and refused from others', () => {
		const ex = rjsfForm(rending.exported);
		expect(requiredMissing(ex, { situations: { status: 'employed' } })).toContain('employment_employer');
		expect(requiredMissing(ex, { situations: { status: 'graduate' } })).not.toContain('employment_employer');
		expect(requiredMissing(ex, { situations: { status: 'employed' }, employment_employer: '泉州一中' })).not.toContain('employment_employer');
		expect(errorsOf(ex, { situations: { status: 'graduate' }, employment_employer: '泉州一中' }).some((e) => e.name === 'not')).toBe(true);
		// rjsf shows it only to 在职人员
		expect(render(ex, { situations: { status: 'employed' } })).toContain('工作单位');
		expect(render(ex, { situations: { status: 'graduate' } })).not.toContain('工作单位');
	});

	it('a condition on another field: 统一社会信用代码 is required when the sponsor is an organisation', () => {
		const ex = rjsfForm(minfei.exported);
		const credit = Object.keys(ex.schema.properties as object).find((k) => k.includes('creditCode')) ?? 'org_creditCode';
		expect(requiredMissing(ex, { situations: {}, org_sponsorType: '单位' })).toContain(credit);
		expect(requiredMissing(ex, { situations: {}, org_sponsorType: '个人' })).not.toContain(credit);
		expect(render(ex, { situations: {}, org_sponsorType: '单位' })).toContain(`id="root_${credit}"`);
		expect(render(ex, { situations: {}, org_sponsorType: '个人' })).not.toContain(`id="root_${credit}"`);
	});

	it('our widgets become rjsf names and our formats patterns, with ours kept alongside', () => {
		const ex = rjsfForm(rending.exported);
		const id = (ex.schema.properties as any).applicant_idNumber;
		expect(id.format).toBeUndefined();
		expect(id['x-onething-format']).toBe('id-number');
		expect((ex.uiSchema.applicant_idNumber as any)['ui:widget']).toBe('text');
		expect((ex.uiSchema.applicant_idNumber as any)['ui:options'].onething.widget).toBe('idNumber');
		expect(
			errorsOf(ex, { situations: { status: 'graduate' }, applicant_idNumber: '12345' }).some(
				(e) => e.property === '.applicant_idNumber' && e.name === 'pattern'
			)
		).toBe(true);
		expect(
			errorsOf(ex, { situations: { status: 'graduate' }, applicant_idNumber: '350521197001014561' }).some((e) => e.property === '.applicant_idNumber')
		).toBe(false);
	});

	it('the format patterns accept everything our validators accept and refuse what they refuse by shape', () => {
		const samples: Record<string, string[]> = {
			'id-number': ['350521197001014561', '11010519491231002X', '35052119700101456', '050521197001014561', 'abc'],
			phone: ['13805959876', '0595-22345678', '400-123-4567', '12345', '1380595987', '23805959876'],
			'credit-code': ['91350500MA2Y12345X', '52350500MJ0012345M', '9135050', 'IO350500MA2Y123456'],
			postcode: ['362000', '36200', '3620001']
		};
		for (const [format, values] of Object.entries(samples)) {
			const re = new RegExp(FORMAT_PATTERNS[format], 'u');
			const valid = values.filter((v) => FORMATS[format](v));
			expect(valid.length).toBeGreaterThan(0);
			for (const v of valid) expect({ format, v, pattern: re.test(v) }).toEqual({ format, v, pattern: true });
			expect(values.some((v) => !re.test(v))).toBe(true);
		}
	});

	it('shapes the catalog does not use: files, ticks, multiple choice, number conditions, conditional columns and objects', () => {
		const base = rending.exported.kind === 'item' ? rending.exported.item : undefined!;
		const form = structuredClone(base.form);
		Object.assign(form.schema.properties, {
			attachment: { type: 'string', title: '附件', format: 'file-id' },
			agree: { type: 'boolean', title: '同意承诺' },
			services: { type: 'array', title: '所需服务', items: { type: 'string', enum: ['食堂', '住宿'] }, uniqueItems: true },
			years: { type: 'integer', title: '工作年限' },
			seniorTitle: { type: 'string', title: '职称', maxLength: 20 },
			emergency: {
				type: 'object',
				title: '紧急联系人',
				required: ['name'],
				properties: { name: { type: 'string', title: '联系人姓名' }, phone: { type: 'string', title: '联系人电话', format: 'phone' } }
			}
		});
		const history = form.schema.properties.workHistory as any;
		history.items.properties.reason = { type: 'string', title: '离职原因' };
		form.uiSchema.attachment = { 'ui:widget': 'file' };
		Object.assign(form.fields, {
			seniorTitle: { visibleWhen: { field: 'years', gt: 10 }, requiredWhen: { field: 'years', gte: 20 } },
			'workHistory.reason': { visibleWhen: { field: 'employer', filled: true }, requiredWhen: { answer: 'status', eq: 'other' } },
			'emergency.phone': { visibleWhen: { answer: 'status', ne: 'graduate' }, requiredWhen: { field: 'services', includes: '住宿' } }
		});
		const item = { ...base, form };
		const ex = rjsfForm({ kind: 'item', item });
		const src: ServiceSource = { kind: 'item', item: { definition: item, version: 1, hash: 'h' } };
		expect((ex.uiSchema.attachment as any)['ui:widget']).toBe('file');
		expect((ex.schema.properties as any).attachment.format).toBe('data-url');
		expect((ex.uiSchema.services as any)['ui:widget']).toBe('checkboxes');
		expect((ex.uiSchema.agree as any)['ui:widget']).toBe('checkbox');
		const childIds = (html: string) =>
			new Set([...html.matchAll(/id="root_(workHistory)_0_([A-Za-z]+)"|id="root_(emergency)_([A-Za-z]+)"/g)].map((m) => `${m[1] ?? m[3]}.${m[2] ?? m[4]}`));
		let combos = 0;
		for (const status of ['graduate', 'employed', 'other'])
			for (const years of [undefined, 5, 15, 20, 25])
				for (const employer of [undefined, '泉州一中'])
					for (const services of [undefined, ['住宿']]) {
						const answers = { status };
						const data: Data = { years, employment_employer: employer, services, workHistory: [{}], emergency: {} };
						for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
						const service = compose(src, answers);
						const visible = visibleFields(service.form, data, answers);
						const html = render(ex, { situations: answers, ...data });
						expect(html).not.toMatch(/No widget|Unsupported field schema/);
						const shown = childIds(html);
						for (const path of ['workHistory.reason', 'emergency.phone', 'emergency.name', 'workHistory.from'])
							expect({ answers, data, path, shown: shown.has(path) }).toEqual({ answers, data, path, shown: visible.has(path) });
						expect({ answers, data, senior: html.includes('id="root_seniorTitle"') }).toEqual({ answers, data, senior: visible.has('seniorTitle') });
						// required: the runtime's effective schema, top level and in the group's row and the object
						const eff = effectiveSchema(service.form, data, answers) as any;
						const expected = [
							...eff.required.filter((n: string) => data[n] === undefined),
							...(eff.properties.workHistory?.items.required ?? []).map((r: string) => `workHistory.${r}`),
							...(eff.properties.emergency?.required ?? []).map((r: string) => `emergency.${r}`)
						].sort();
						const missing = validator
							.validateFormData({ situations: answers, ...data }, ex.schema as never)
							.errors.filter((e) => e.name === 'required')
							.map((e) => String(e.property).replace(/^\./, '').replace(/\.0\./, '.'))
							.sort();
						expect({ answers, data, missing }).toEqual({ answers, data, missing: expected });
						combos++;
					}
		expect(combos).toBe(60);
	});
});
