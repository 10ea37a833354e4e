// The apply page's errors go as they are fixed, and only then; unfinished material choices are named by the material.
import { describe, expect, it } from 'vitest';
import { inputsOf, standing } from '../../runtime/components/form/live-errors';
import { finishedMaterials, materialGap } from '../../runtime/core/cases/materials-check';

describe('errors that go as they are fixed', () => {
	const start = { answers: { kind: 'ethnic' }, values: { name: '', school: '五中' }, provided: { photo: { source: 'licence' } }, consent: false };
	const shown = { name: '考生姓名：必填', 'materials.photo': '调取电子证照「照片」须先勾选授权', school: '就读学校：文件不存在或不属于您' };
	const seen = Object.fromEntries(Object.keys(shown).map((p) => [p, inputsOf(p, start)]));

	it('keeps every error while nothing changed, even one the browser cannot check', () => {
		expect(standing(shown, seen, { name: '考生姓名：必填' }, (p) => inputsOf(p, start))).toBeUndefined();
	});

	it('drops the fixed field and the consent error once the box is ticked; a server-only error goes only when its input changes', () => {
		const typed = { ...start, values: { ...start.values, name: '张小明' }, consent: true };
		expect(standing(shown, seen, {}, (p) => inputsOf(p, typed))).toEqual({});
		const onlyName = { ...start, values: { ...start.values, name: '张小明' } };
		expect(standing(shown, seen, { 'materials.photo': shown['materials.photo'] }, (p) => inputsOf(p, onlyName))).toEqual({
			'materials.photo': shown['materials.photo'],
			school: shown.school
		});
	});

	it('shows the browser’s current message for a changed input that is still wrong', () => {
		const wrong = { ...start, values: { ...start.values, name: 'x' } };
		expect(standing({ name: shown.name }, seen, { name: '考生姓名：至少 2 个字' }, (p) => inputsOf(p, wrong))).toEqual({ name: '考生姓名：至少 2 个字' });
	});
});

describe('unfinished material choices', () => {
	const m = (id: string, required: 'always' | 'optional') => ({ id, name: `材料${id}`, required }) as never;
	it('names the material; an optional one left unfinished is simply not provided', () => {
		expect(materialGap({ name: '申请表' }, { source: 'upload', files: [] })).toBe('申请表：请上传文件');
		expect(materialGap({ name: '侨居证明' }, { source: 'commitment' })).toBe('侨居证明：请勾选签署告知承诺');
		expect(materialGap({ name: '申请表' }, { source: 'upload', files: ['f1'] })).toBeUndefined();
		const out = finishedMaterials(
			[m('a', 'always'), m('b', 'optional'), m('c', 'always')],
			{ a: { source: 'upload', files: [] }, b: { source: 'upload', files: [] }, c: { source: 'licence' } },
			{},
			{}
		);
		expect(out.errors).toEqual([
			{ path: 'materials.a', message: '材料a：请上传文件' },
			{ path: 'materials.c', message: '材料c：电子证照库中暂无您的该类证照，请改为上传' }
		]);
		expect(out.provided).toEqual({});
	});
});
