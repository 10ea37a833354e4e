import { describe, expect, it } from 'vitest';
import { validateForm } from '../../runtime/core/form-validate';
import { fileRefsIn } from '../../runtime/core/form-data';
import { isChineseIdNumber, isCreditCode, isMobileOrPhone } from '../../runtime/core/formats';
import { Form } from '../../runtime/core/model/form';

const form = Form.parse({
	schema: {
		type: 'object',
		properties: {
			name: { type: 'string', title: '姓名', minLength: 2 },
			idNumber: { type: 'string', title: '身份证号', format: 'id-number' },
			phone: { type: 'string', title: '联系电话', format: 'phone' },
			birthDate: { type: 'string', title: '出生日期', format: 'date' },
			grade: { type: 'string', title: '年级', enum: ['初三', '高三'] },
			subjects: { type: 'array', title: '科目', items: { type: 'string', enum: ['语文', '数学', '英语'] }, uniqueItems: true },
			country: { type: 'string', title: '侨居国' },
			hasSchool: { type: 'boolean', title: '已有学校' },
			schoolName: { type: 'string', title: '学校名称' },
			members: {
				type: 'array',
				title: '家庭成员',
				minItems: 1,
				items: {
					type: 'object',
					required: ['name'],
					properties: { name: { type: 'string', title: '成员姓名', minLength: 2 }, relation: { type: 'string', title: '关系' } }
				}
			},
			creditCode: { type: 'string', title: '统一社会信用代码', format: 'credit-code' }
		},
		required: ['name', 'idNumber', 'country', 'members']
	},
	fields: {
		country: { visibleWhen: { answer: 'route', eq: 'overseas' } },
		schoolName: { visibleWhen: { field: 'hasSchool', eq: true }, requiredWhen: { field: 'hasSchool', eq: true } }
	}
});
const valid = {
	name: '张三',
	idNumber: '11010519491231002X',
	phone: '13905951234',
	birthDate: '2010-03-15',
	grade: '初三',
	subjects: ['语文'],
	country: '菲律宾',
	members: [{ name: '张大', relation: '父亲' }],
	creditCode: '91350100M000100Y43'
};

describe('form validation (same on server and browser)', () => {
	it('accepts valid data', () => {
		expect(validateForm(form, valid, { route: 'overseas' })).toMatchObject({ valid: true, errors: [] });
	});
	it('checks Chinese identifiers', () => {
		expect(isChineseIdNumber('11010519491231002X')).toBe(true);
		expect(isChineseIdNumber('110105194912310021')).toBe(false);
		expect(isChineseIdNumber('110105194902300021')).toBe(false);
		expect(isCreditCode('91350100M000100Y43')).toBe(true);
		expect(isCreditCode('91350100M000100Y44')).toBe(false);
		expect(isMobileOrPhone('0595-22500000')).toBe(true);
		expect(isMobileOrPhone('12345678')).toBe(false);
	});
	it('gives specific Chinese errors by path', () => {
		const r = validateForm(
			form,
			{ ...valid, idNumber: '110105194912310021', phone: '123', birthDate: '2010-13-01', name: '', grade: '大一', creditCode: 'X' },
			{ route: 'overseas' }
		);
		const byPath = Object.fromEntries(r.errors.map((e) => [e.path, `${e.field}：${e.message}`]));
		expect(byPath.idNumber).toBe('身份证号：身份证号码不正确（须为 18 位且校验位正确）');
		expect(byPath.phone).toBe('联系电话：电话号码格式不正确');
		expect(byPath.birthDate).toBe('出生日期：应为 YYYY-MM-DD 格式的日期');
		expect(byPath.name).toBe('姓名：不能少于 2 个字符');
		expect(byPath.grade).toBe('年级：请选择有效的选项');
		expect(byPath.creditCode).toBe('统一社会信用代码：统一社会信用代码不正确');
	});
	it('keeps only declared fields: nothing undeclared is stored with a case', () => {
		const r = validateForm(form, { ...valid, isAdmin: true, notes: '<script>' }, { route: 'overseas' });
		expect(r.valid).toBe(true);
		expect(r.value).not.toHaveProperty('isAdmin');
		expect(r.value).not.toHaveProperty('notes');
		expect(r.value.name).toBe(valid.name);
	});
	it('points a missing required field at the field itself, and keeps what was typed', () => {
		const { idNumber: _i, ...rest } = valid;
		const r = validateForm(form, rest, { route: 'overseas' });
		expect(r.errors).toEqual([{ path: 'idNumber', field: '身份证号', message: '必填' }]);
		expect(r.value.name).toBe('张三');
	});
	it('hidden fields are neither required nor kept', () => {
		const r = validateForm(form, { ...valid, country: undefined, schoolName: '泉州五中' }, { route: 'local' });
		expect(r.valid).toBe(true);
		expect(r.value).not.toHaveProperty('schoolName');
		expect(validateForm(form, { ...valid, hasSchool: true }, { route: 'overseas' }).errors).toEqual([
			{ path: 'schoolName', field: '学校名称', message: '必填' }
		]);
	});
	it('reports errors inside a repeatable group by index', () => {
		const r = validateForm(form, { ...valid, members: [{ name: '张大' }, { name: '李', relation: '母亲' }, { relation: '兄' }] }, { route: 'overseas' });
		expect(r.errors).toEqual([
			{ path: 'members.1.name', field: '成员姓名', message: '不能少于 2 个字符' },
			{ path: 'members.2.name', field: '成员姓名', message: '必填' }
		]);
		expect(validateForm(form, { ...valid, members: [] }, { route: 'overseas' }).errors).toEqual([
			{ path: 'members', field: '家庭成员', message: '至少填写 1 项' }
		]);
	});
	it('refuses non-object input clearly', () => {
		expect(validateForm(form, 'hello').errors).toEqual([{ path: '', field: '表单', message: '提交的数据必须是对象' }]);
	});
});

describe('file references in form values', () => {
	it('finds file fields at the top level and inside repeatable groups, with paths and titles for error messages', () => {
		const schema = {
			type: 'object',
			properties: {
				licence: { type: 'string', title: '营业执照', format: 'file-id' },
				note: { type: 'string', title: '备注' },
				teachers: {
					type: 'array',
					title: '教师',
					items: { type: 'object', properties: { name: { type: 'string', title: '姓名' }, diploma: { type: 'string', title: '学历证书', format: 'file-id' } } }
				}
			}
		};
		const refs = fileRefsIn(schema, { licence: 'f1', note: 'f9', teachers: [{ name: '王芳', diploma: 'f2' }, { name: '李明' }, { diploma: 'f3' }] });
		expect(refs).toEqual([
			{ path: 'licence', title: '营业执照', id: 'f1' },
			{ path: 'teachers.0.diploma', title: '教师第 1 项 学历证书', id: 'f2' },
			{ path: 'teachers.2.diploma', title: '教师第 3 项 学历证书', id: 'f3' }
		]);
	});
});

describe('options stored as codes, shown by name (ui:enumNames)', () => {
	it('shows the name of a coded option, also in lists, and the value itself when no name is given', async () => {
		const { display, optionLabel } = await import('../../runtime/components/form/widget');
		const gender = { type: 'string', title: '性别', enum: ['1', '2'] };
		const ui = { 'ui:enumNames': ['男', '女'] };
		expect(optionLabel(gender, ui, '2')).toBe('女');
		expect(display(gender, '1', ui)).toBe('男');
		expect(display({ type: 'array', items: { type: 'string', enum: ['a', 'b'] } }, ['a', 'b'], { 'ui:enumNames': ['甲', '乙'] })).toBe('甲、乙');
		expect(display(gender, '1')).toBe('1');
		// the server validates the code, as the browser does
		const form = Form.parse({ schema: { type: 'object', properties: { gender }, required: ['gender'] }, uiSchema: { gender: ui }, fields: {} });
		expect(validateForm(form, { gender: '1' }).valid).toBe(true);
		expect(validateForm(form, { gender: '男' }).errors[0]).toMatchObject({ path: 'gender', message: '请选择有效的选项' });
	});
});
