// The studio's condition editor model (situations and fields, nested groups) and repeatable groups' sub-fields,
// checked against the runtime: the one evaluator, the form rules and the server's validation.
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../runtime/core/model/condition';
import type { Form } from '../../runtime/core/model';
import { evaluate } from '../../runtime/core/model/condition';
import { ConditionSchema } from '../../runtime/core/model/condition-schema';
import { visibleFields } from '../../runtime/core/form-rules';
import { validateForm } from '../../runtime/core/form-validate';
import { rowProblem, toCondition, toTree, type LeafNode } from '../../studio/state/condition-model';
import { addField, fieldsOf, updateField, type FormJson } from '../../studio/state/form-model';
import {
	SUB_TYPES,
	addSubField,
	fieldType,
	rowLimitsProblem,
	setSubOptions,
	subFieldsOf,
	subFieldsPatch,
	subIdProblem,
	type SubType
} from '../../studio/state/group-fields';

const TYPES: Record<string, 'number' | 'boolean'> = { age: 'number', disabled: 'boolean' };
const kindOf = (n: LeafNode) => (n.source === 'field' ? (TYPES[n.name] ?? 'string') : 'string');
const roundTrip = (c: Condition) => toCondition(toTree(c), kindOf);

describe('condition editor model', () => {
	it('a field-only condition (no 办事情形 at all) round-trips and is a valid condition', () => {
		for (const c of [
			{ field: 'applicantType', eq: '企业' },
			{ field: 'age', gte: 60 },
			{ field: 'disabled', eq: true },
			{ field: 'phone', filled: true },
			{ field: 'phone', filled: false },
			{ field: 'kinds', includes: '学历' }
		] as Condition[]) {
			expect(roundTrip(c)).toEqual(c);
			expect(ConditionSchema.safeParse(roundTrip(c)).success).toBe(true);
		}
	});

	it('nested all/any/none/not-all groups mixing situations and fields round-trip', () => {
		const nested: Condition = {
			any: [
				{ field: 'age', gte: 60 },
				{ all: [{ field: 'disabled', eq: true }, { not: { field: 'city', in: ['泉州', '厦门'] } }, { answer: 'route', ne: 'post' }] },
				{
					not: {
						any: [
							{ answer: 'who', eq: 'agent' },
							{ field: 'agentName', filled: true }
						]
					}
				},
				{ not: { all: [{ field: 'age', lt: 18 }, { not: { field: 'kinds', includes: '学历' } }] } }
			]
		};
		expect(roundTrip(nested)).toEqual(nested);
		const tree = toTree(nested);
		expect(tree.mode).toBe('any');
		expect(tree.children.map((c) => (c.kind === 'group' ? c.mode : c.op))).toEqual(['gte', 'all', 'none', 'notAll']);
	});

	it('a leaf with several operators becomes rows that mean the same', () => {
		const c: Condition = { field: 'age', gte: 18, lt: 60 };
		const back = roundTrip(c)!;
		expect(back).toEqual({
			all: [
				{ field: 'age', gte: 18 },
				{ field: 'age', lt: 60 }
			]
		});
		for (const age of [10, 18, 59, 60]) expect(evaluate(back, { answers: {}, data: { age } })).toBe(evaluate(c, { answers: {}, data: { age } }));
	});

	it('an empty editor is no condition; an unfinished row says what is missing', () => {
		expect(toCondition(toTree(undefined))).toBeUndefined();
		expect(rowProblem({ kind: 'leaf', source: 'field', name: 'age', op: 'eq', text: '' })).toBe('请填写比较的值');
		expect(rowProblem({ kind: 'leaf', source: 'field', name: 'age', op: 'gt', text: '十' })).toBe('大于、小于只能与数字比较');
		expect(rowProblem({ kind: 'leaf', source: 'field', name: 'age', op: 'filled', text: '' })).toBeUndefined();
	});

	it('a field shown when another field equals a value, in the runtime form rules', () => {
		const form = {
			schema: {
				type: 'object' as const,
				properties: { kind: { type: 'string', title: '申请类型', enum: ['个人', '企业'] }, company: { type: 'string', title: '企业名称' } }
			},
			uiSchema: {},
			fields: { company: { visibleWhen: roundTrip({ field: 'kind', eq: '企业' }) } }
		} as Form;
		expect(visibleFields(form, { kind: '个人' }, {}).has('company')).toBe(false);
		expect(visibleFields(form, { kind: '企业' }, {}).has('company')).toBe(true);
	});
});

const empty = (): FormJson => ({ schema: { type: 'object', properties: {}, required: [] }, uiSchema: { 'ui:order': [] }, fields: {} });

describe('repeatable group sub-fields', () => {
	it('every field type but a group can be a sub-field, and is recognised again as that type', () => {
		let list = subFieldsOf({ type: 'array', items: { type: 'object', properties: {} } });
		for (const t of Object.keys(SUB_TYPES) as SubType[]) list = addSubField(list, t);
		expect(list.map((s) => fieldType(s.schema, s.ui))).toEqual(Object.keys(SUB_TYPES));
		expect(Object.keys(SUB_TYPES)).toEqual(expect.arrayContaining(['select', 'date', 'phone', 'idNumber', 'creditCode', 'file']));
		expect(Object.keys(SUB_TYPES)).not.toContain('group');
		expect(new Set(list.map((s) => s.key)).size).toBe(list.length);
	});

	it('sub-field ids are checked: the pattern, and unique within the group', () => {
		const list = addSubField(addSubField([], 'text'), 'select');
		expect(list.map((s) => s.key)).toEqual(['text1', 'select1']);
		expect(subIdProblem(list, 'select1', '1kind')).toBe('组内字段标识「1kind」须以英文字母开头，只含字母、数字、下划线');
		expect(subIdProblem(list, 'select1', '类别')).toContain('须以英文字母开头');
		expect(subIdProblem(list, 'select1', 'text1')).toBe('组内字段标识「text1」已在本组使用，同一组内不能重复');
		expect(subIdProblem(list, 'select1', 'kind')).toBeUndefined();
	});

	it('renaming a sub-field carries its conditions and the references to it', () => {
		let f = addField(empty(), 'group').form;
		f = addField(f, 'text').form;
		const g = fieldsOf(f)[0];
		const list = addSubField(subFieldsOf(g.schema, g.ui), 'select');
		f = updateField(f, 'group1', subFieldsPatch(g.schema, g.ui, list));
		f = {
			...f,
			fields: { 'group1.select1': { requiredWhen: { field: 'text1', filled: true } }, text1: { visibleWhen: { field: 'group1.select1', filled: true } } }
		};
		const renamed = list.map((s) => (s.key === 'select1' ? { ...s, key: 'kind' } : s));
		f = updateField(f, 'group1', { ...subFieldsPatch(g.schema, g.ui, renamed), subRename: { from: 'select1', to: 'kind' } });
		expect(Object.keys(f.schema.properties.group1.items.properties)).toEqual(['name', 'kind']);
		expect(f.fields!['group1.kind']).toEqual({ requiredWhen: { field: 'text1', filled: true } });
		expect(f.fields!['group1.select1']).toBeUndefined();
		expect(f.fields!.text1.visibleWhen).toEqual({ field: 'group1.kind', filled: true });
	});

	it('a select inside a group keeps its options and their names where the renderer reads them (uiSchema.group.items)', () => {
		let list = addSubField([], 'select');
		list = setSubOptions(list, 'select1', '01=本人\n02=配偶');
		const patch = subFieldsPatch({ type: 'array', items: { type: 'object', properties: {} } }, {}, list);
		expect(patch.schema.items.properties.select1.enum).toEqual(['01', '02']);
		expect(patch.ui.items.select1).toEqual({ 'ui:widget': 'select', 'ui:enumNames': ['本人', '配偶'] });
	});

	it('row limits: min above max is refused with both numbers', () => {
		expect(rowLimitsProblem(3, 2)).toBe('最少项数（3）不能大于最多项数（2）');
		expect(rowLimitsProblem(-1, 2)).toBe('最少项数须为不小于 0 的整数');
		expect(rowLimitsProblem(1, 5)).toBeUndefined();
	});

	it("the server's validation checks every sub-field type and the row limits", () => {
		let list = subFieldsOf({ type: 'array', items: { type: 'object', properties: {} } });
		for (const t of ['select', 'date', 'phone', 'idNumber', 'creditCode', 'file'] as SubType[]) list = addSubField(list, t);
		list = setSubOptions(list, 'select1', '本人\n配偶');
		const patch = subFieldsPatch({ type: 'array', title: '家庭成员', minItems: 2, maxItems: 3, items: { type: 'object', properties: {} } }, {}, list);
		const group = { type: 'array', title: '家庭成员', minItems: 2, maxItems: 3, items: { ...patch.schema.items, required: ['select1'] } };
		const form = { schema: { type: 'object', properties: { members: group } }, uiSchema: { members: patch.ui }, fields: {} } as Form;
		const row = {
			select1: '本人',
			date1: '2020-01-02',
			phone1: '13800138000',
			idNumber1: '350502198506122344',
			creditCode1: '91350100M000100Y43',
			file1: 'f_abc'
		};
		expect(validateForm(form, { members: [row, row] }).errors).toEqual([]);
		const one = validateForm(form, { members: [row] });
		expect(one.errors).toContainEqual({ path: 'members', field: '家庭成员', message: '至少填写 2 项' });
		const bad = validateForm(form, { members: [row, { ...row, select1: '朋友', phone1: '123', creditCode1: 'X' }] });
		const byPath = Object.fromEntries(bad.errors.map((e) => [e.path, e.message]));
		expect(byPath['members.1.select1']).toBe('请选择有效的选项');
		expect(byPath['members.1.phone1']).toBe('电话号码格式不正确');
		expect(byPath['members.1.creditCode1']).toBe('统一社会信用代码不正确');
		expect(validateForm(form, { members: [row, row, row, row] }).errors.map((e) => e.message)).toContain('最多填写 3 项');
	});
});
