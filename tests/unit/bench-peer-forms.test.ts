// The bench's peer apps render the same fields as our apply form (tests/bench/peer-forms.ts), so their sizes compare.
import { describe, expect, it } from 'vitest';
import { applyForm, FORMAT_PATTERNS, formioForm, rjsfForm, surveyForm } from '../bench/peer-forms';
import { isChineseIdNumber, isMobileOrPhone } from '../../runtime/core/formats';

const form = applyForm();
const props = form.schema.properties as Record<string, any>;
const required = new Set(form.schema.required);

describe('peer forms of 中考加分确认一件事', () => {
	it('uses the fullest form: both the 华侨子女 and the 少数民族 members are included', () => {
		expect(Object.keys(props)).toEqual(expect.arrayContaining(['student_name', 'huaqiao-zinv-jiafen__familyMembers', 'student_ethnicity']));
	});

	it('SurveyJS gets every field in order, with its required flag, choices and repeated group', () => {
		const elements = surveyForm(form).elements as any[];
		expect(elements.map((e) => e.name)).toEqual(form.uiSchema['ui:order']);
		for (const e of elements) expect(e.isRequired).toBe(required.has(e.name));
		expect(elements.find((e) => e.name === 'student_ethnicity').choices.map((c: any) => c.value)).toEqual(props.student_ethnicity.enum);
		expect(elements.find((e) => e.name === 'guardian_relation').type).toBe('radiogroup');
		const family = elements.find((e) => e.name === 'huaqiao-zinv-jiafen__familyMembers');
		expect(family).toMatchObject({ type: 'paneldynamic', minPanelCount: 1, maxPanelCount: 6 });
		expect(family.templateElements.map((e: any) => [e.name, e.isRequired])).toEqual([
			['name', true],
			['relation', true],
			['country', true],
			['since', false]
		]);
		expect(family.templateElements[3]).toMatchObject({ type: 'text', inputType: 'date' });
	});

	it('form.io gets every field in order plus a submit button, with required, limits and patterns', () => {
		const components = formioForm(form).components as any[];
		expect(components.map((c) => c.key)).toEqual([...(form.uiSchema['ui:order'] as string[]), 'submit']);
		for (const c of components.slice(0, -1)) expect(c.validate.required).toBe(required.has(c.key));
		expect(components.find((c) => c.key === 'huaqiao-zinv-jiafen__residenceYears')).toMatchObject({ type: 'number', validate: { min: 0, max: 80 } });
		expect(components.find((c) => c.key === 'student_examNumber').validate.pattern).toBe(props.student_examNumber.pattern);
		const family = components.find((c) => c.key === 'huaqiao-zinv-jiafen__familyMembers');
		expect(family).toMatchObject({ type: 'datagrid', validate: { minLength: 1, maxLength: 6 } });
		// a date is form.io's bundled day component, not datetime (which loads flatpickr from form.io's CDN)
		expect(family.components.find((c: any) => c.key === 'since').type).toBe('day');
	});

	it('rjsf gets our schema, only widgets rjsf has, and a pattern for each custom format used', () => {
		const r = rjsfForm(form);
		expect(r.schema).toBe(form.schema);
		expect(r.uiSchema.student_idNumber).toEqual({});
		expect(r.uiSchema.guardian_relation).toEqual({ 'ui:widget': 'radio' });
		expect(Object.keys(r.formats).sort()).toEqual(['id-number', 'phone']);
	});

	it('the stand-in patterns accept what our validators accept', () => {
		const id = new RegExp(FORMAT_PATTERNS['id-number']);
		const phone = new RegExp(FORMAT_PATTERNS.phone);
		for (const s of ['350521197001014561', '11010519491231002X']) expect([isChineseIdNumber(s), id.test(s)]).toEqual([true, true]);
		for (const s of ['13805959876', '0595-22123456']) expect([isMobileOrPhone(s), phone.test(s)]).toEqual([true, true]);
		expect(id.test('35052119700101456')).toBe(false);
	});
});
