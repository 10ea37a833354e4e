import { describe, expect, it } from 'vitest';
import { History } from '../../studio/state/history';
import { addField, fieldsOf, moveField, removeField, sectionsOf, setSection, updateField, withFields, type FormJson } from '../../studio/state/form-model';
import { addMaterial, addSituation, dependentsOf, describeDependents, setAt } from '../../studio/state/item-ops';
import { completeness } from '../../studio/state/completeness';
import { diff } from '../../studio/state/diff';
import { newItem } from '../../studio/state/templates';
import { Item } from '../../runtime/core/model';
import { itemEdu } from './fixtures/catalog';

const empty = (): FormJson => ({ schema: { type: 'object', properties: {}, required: [] }, uiSchema: { 'ui:order': [] }, fields: {} });

describe('form builder state', () => {
	it('adds, moves and deletes fields, keeping order, required and meta in the JSON', () => {
		let f = empty();
		let r = addField(f, 'text');
		f = updateField(r.form, r.name, { schema: { title: '姓名' }, required: true, meta: { semanticKey: 'applicant.name' } });
		r = addField(f, 'idNumber');
		f = r.form;
		r = addField(f, 'group', 0);
		f = r.form;
		expect(f.uiSchema!['ui:order']).toEqual(['group1', 'text1', 'idNumber1']);
		f = moveField(f, 'group1', 2);
		expect(fieldsOf(f).map((x) => x.name)).toEqual(['text1', 'idNumber1', 'group1']);
		expect(f.schema.required).toEqual(['text1']);
		expect(f.fields!.text1).toEqual({ semanticKey: 'applicant.name' });
		expect(f.schema.properties.idNumber1.format).toBe('id-number');
		f = removeField(f, 'text1');
		expect(Object.keys(f.schema.properties)).toEqual(['idNumber1', 'group1']);
		expect(f.schema.required).toEqual([]);
		expect(f.fields!.text1).toBeUndefined();
	});

	it('a section starts at a field, moves with it, and goes when the field goes', () => {
		let f = addField(addField(addField(empty(), 'text').form, 'phone').form, 'date').form;
		f = setSection(f, 'phone1', '联系方式');
		expect(sectionsOf(f)).toEqual([{ title: '联系方式', start: 'phone1' }]);
		f = moveField(f, 'phone1', 0);
		expect(sectionsOf(f)).toEqual([{ title: '联系方式', start: 'phone1' }]);
		f = setSection(f, 'phone1', '联系信息');
		f = updateField(f, 'phone1', { name: 'mobile' });
		expect(sectionsOf(f)).toEqual([{ title: '联系信息', start: 'mobile' }]);
		f = removeField(f, 'mobile');
		expect(sectionsOf(f)).toEqual([]);
		expect(f.uiSchema!['ui:sections']).toBeUndefined();
	});

	it('renaming a field keeps the conditions that read it', () => {
		let f = addField(empty(), 'radio').form;
		f = addField(f, 'text').form;
		f = updateField(f, 'text1', { meta: { visibleWhen: { field: 'radio1', eq: '是' } } });
		f = updateField(f, 'radio1', { name: 'married' });
		expect(f.fields!.text1.visibleWhen).toEqual({ field: 'married', eq: '是' });
		expect(f.uiSchema!['ui:order']).toEqual(['married', 'text1']);
	});

	it('round-trips a real definition form without losing unknown keys', () => {
		const form = structuredClone(itemEdu.form) as any;
		form.schema.properties.school['x-custom'] = { keep: true };
		form.uiSchema['ui:submitButtonOptions'] = { norender: false };
		form.uiSchema.school = { 'ui:help': '以学籍为准', 'ui:emptyValue': '' };
		form.fields.school = { semanticKey: 'student.school', note: 'kept' };
		const back = withFields(form, fieldsOf(form));
		expect(back.schema.properties).toEqual(form.schema.properties);
		expect(back.uiSchema!['ui:submitButtonOptions']).toEqual({ norender: false });
		expect(back.uiSchema!.school).toEqual({ 'ui:help': '以学籍为准', 'ui:emptyValue': '' });
		expect(back.fields).toEqual(form.fields);
		expect(new Set(back.schema.required)).toEqual(new Set(form.schema.required));
	});

	it('undo and redo walk the history; a new edit drops the redo branch', () => {
		const h = new History(empty());
		h.apply(addField(h.present, 'text').form);
		h.apply(addField(h.present, 'date').form);
		expect(Object.keys(h.undo().schema.properties)).toEqual(['text1']);
		expect(Object.keys(h.undo().schema.properties)).toEqual([]);
		expect(h.canUndo).toBe(false);
		expect(Object.keys(h.redo().schema.properties)).toEqual(['text1']);
		h.apply(addField(h.present, 'phone').form);
		expect(h.canRedo).toBe(false);
		expect(Object.keys(h.present.schema.properties)).toEqual(['text1', 'phone1']);
	});
});

describe('item editing helpers', () => {
	it('a new item from the template becomes valid once its standard elements are filled', () => {
		let item: any = newItem({ id: 'putonghua-buzheng', name: '普通话水平测试等级证书补发', department: 'qz-edu', caseType: 'promised' });
		expect(completeness(item).missing.map((m) => m.label)).toEqual(expect.arrayContaining(['基本编码', '实施编码', '设定依据', '申请材料', '申请表单']));
		expect(Item.safeParse(item).success).toBe(false);
		item = {
			...item,
			basicCode: '000105099000',
			implementationCode: '11350500003579420T400010509900001',
			legalBasis: [{ title: '《普通话水平测试管理规定》', article: '第十八条' }]
		};
		item = {
			...item,
			acceptanceConditions: ['已取得普通话水平测试等级证书'],
			consultPhone: '0595-22178620',
			result: { type: 'certificate', name: '普通话水平测试等级证书', electronicLicence: true, licenceType: 'PUTONGHUA_CERT' }
		};
		item = addMaterial(item, 'licence');
		item = setAt(item, ['materials', 0, 'sources', 0, 'licenceType'], 'ID_CARD');
		item = { ...item, form: addField(item.form, 'text').form };
		expect(completeness(item).missing).toEqual([]);
		expect(Item.safeParse(item).success).toBe(true);
	});

	it('shows which materials and fields an answer switches on', () => {
		let item: any = addSituation({ situations: [], materials: [], form: empty() });
		const q = item.situations[0].id;
		item = addMaterial(item);
		item = setAt(item, ['materials', 0, 'required'], { when: { answer: q, eq: 'a' } });
		item = { ...item, form: updateField(addField(item.form, 'text').form, 'text1', { meta: { visibleWhen: { answer: q, eq: 'b' } } }) };
		expect(dependentsOf(item, q)).toEqual({ materials: ['新材料'], fields: ['单行文本'], members: [], questions: [] });
		expect(dependentsOf(item, q, 'a')).toEqual({ materials: ['新材料'], fields: [], members: [], questions: [] });
		// in a bundle, an answer includes member items
		const bundle = {
			situations: [{ id: 'stage', question: '阶段？', options: [{ value: 'prepare' }, { value: 'establish' }] }],
			members: [
				{ item: 'a', name: '筹设', includeWhen: { answer: 'stage', eq: 'prepare' } },
				{ item: 'b', name: '设立', includeWhen: { answer: 'stage', eq: 'establish' } }
			]
		};
		expect(describeDependents(dependentsOf(bundle, 'stage', 'prepare'))).toBe('事项「筹设」');
		expect(dependentsOf(item, q, 'b')).toEqual({ materials: [], fields: ['单行文本'], members: [], questions: [] });
	});

	it('lists the changes between two versions', () => {
		expect(diff({ a: 1, b: [1, 2], c: { d: 'x' } }, { a: 2, b: [1], c: { d: 'x', e: true } })).toEqual([
			{ path: 'a', kind: 'changed', before: 1, after: 2 },
			{ path: 'b[1]', kind: 'removed', before: 2 },
			{ path: 'c.e', kind: 'added', after: true }
		]);
	});
});

describe('bundle composer', async () => {
	const { resolveConflict, reformFigures, validateBundle } = await import('../../studio/state/bundle');
	const { compose } = await import('../../runtime/core/compose');
	const { parsedBundle, parsedItems, versioned, dictionaries } = await import('./fixtures/catalog');
	it('resolves a field conflict as a saved canonical mapping, and the check passes', () => {
		const items = parsedItems();
		let bundle: any = { ...parsedBundle({ fieldMappings: [] }) };
		const source = () => ({ kind: 'bundle' as const, bundle: versioned(bundle), items: items.map((i) => versioned(i)) });
		const conflict = compose(source(), { kind: 'both' }).conflicts.find((c) => c.kind === 'field')!;
		expect(conflict.target).toBe('contact_phone');
		expect(
			validateBundle(
				bundle,
				items.map((i) => versioned(i)),
				dictionaries
			).some((i) => i.severity === 'error')
		).toBe(true);
		bundle = resolveConflict(
			bundle,
			conflict,
			items.find((i) => i.id === 'ovs-confirm')!
		);
		expect(bundle.fieldMappings).toEqual([{ item: 'ovs-confirm', field: 'phone', target: 'contact_phone', canonical: true }]);
		expect(compose(source(), { kind: 'both' }).conflicts.filter((c) => c.kind === 'field')).toEqual([]);
		expect(
			validateBundle(
				bundle,
				items.map((i) => versioned(i)),
				dictionaries
			).filter((i) => i.severity === 'error')
		).toEqual([]);
		const f = reformFigures(compose(source(), { kind: 'both' }), items);
		expect(f.items).toBe(3);
		expect(f.fields.once).toBeLessThan(f.fields.separately);
		expect(f.materials.once).toBeLessThan(f.materials.separately);
		expect(f.days.promised).toBeLessThan(f.days.sequential);
	});
});

describe('catalog import', () => {
	it('reads an exported zip: the definition, with each shipped file uploaded and its reference replaced', async () => {
		const { zipSync, strToU8 } = await import('fflate');
		const { readDefinitionFile } = await import('../../studio/state/import-package');
		const item = {
			id: 'x',
			result: { type: 'other', name: '结果' },
			materials: [
				{ id: 'm', templateFile: 'files/x-materials-0-templatefile.docx' },
				{ id: 'n', templateFile: 'files/shipped.html' }
			]
		};
		const zip = zipSync({ 'items/x.json': strToU8(JSON.stringify(item)), 'files/x-materials-0-templatefile.docx': strToU8('模板') });
		const uploaded: string[] = [];
		const json = await readDefinitionFile(
			new File([zip], 'x.zip'),
			async (f) => (uploaded.push(`${f.name}:${await f.text()}`), `/catalog-files/f${'0'.repeat(32)}.docx`)
		);
		expect(uploaded).toEqual(['x-materials-0-templatefile.docx:模板']);
		expect(json.materials.map((m: any) => m.templateFile)).toEqual([`/catalog-files/f${'0'.repeat(32)}.docx`, 'files/shipped.html']);
		await expect(readDefinitionFile(new File([zipSync({ 'readme.txt': strToU8('x') })], 'bad.zip'), async () => '')).rejects.toThrow(
			'bad.zip：压缩包中应恰有一个 items/ 或 bundles/ 下的定义（找到 0 个）'
		);
		await expect(readDefinitionFile(new File(['{"id": '], 'broken.json'), async () => '')).rejects.toThrow('broken.json 不是合法的 JSON');
	});
});

describe('option editing', () => {
	it('reads “代码=名称” lines into codes and names, and writes them back the same way', async () => {
		const { optionsToText, textToOptions } = await import('../../studio/state/form-model');
		expect(textToOptions('1=男\n2 = 女\n')).toEqual({ values: ['1', '2'], names: ['男', '女'] });
		expect(textToOptions('汉族\n回族')).toEqual({ values: ['汉族', '回族'] });
		expect(optionsToText(['1', '2'], ['男', '女'])).toBe('1=男\n2=女');
		expect(optionsToText(['汉族', '回族'])).toBe('汉族\n回族');
	});
});
