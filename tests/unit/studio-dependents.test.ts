// Deleting what others refer to: the dependency finder names every dependant by its label, and nothing for a free element.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deleteQuestion, dependantsOf } from '../../studio/state/dependents';

const load = (id: string) => JSON.parse(readFileSync(`definitions/items/${id}.json`, 'utf8'));

describe('dependency finder', () => {
	it('a situation: the fields and materials whose conditions read it, by label', () => {
		const item = load('jiaoshi-zige-rending');
		const labels = dependantsOf(item, { kind: 'situation', id: 'status' }).map((d) => d.label);
		expect(labels).toContain('字段「工作单位」的显示条件');
		expect(labels).toContain('字段「工作经历」的显示条件');
		const q = deleteQuestion(item, { kind: 'situation', id: 'status' })!;
		expect(q.title).toContain('办事情形「申请人目前的身份？」');
		expect(q.dependants).toEqual(labels);
	});

	it('a situation read by materials (includes) and by a follow-up question', () => {
		const item = load('minban-xuexiao-sheli');
		item.situations.push({ id: 'canteenSize', question: '食堂规模？', askWhen: { answer: 'services', includes: 'canteen' }, options: [] });
		const labels = dependantsOf(item, { kind: 'situation', id: 'services' }).map((d) => d.label);
		expect(labels).toEqual([
			'材料「食品经营许可证」的提交条件',
			'材料「学生宿舍安全检查合格证明」的提交条件',
			'材料「校车使用许可」的提交条件',
			'办事情形「食堂规模？」的追问条件'
		]);
	});

	it('a field: the other fields whose conditions read it, not its own', () => {
		const item = load('minban-xuexiao-sheli');
		expect(dependantsOf(item, { kind: 'field', name: 'sponsorType' }).map((d) => d.label)).toEqual([
			'字段「举办者名称」的显示条件',
			'字段「举办者名称」的必填条件',
			'字段「统一社会信用代码」的显示条件',
			'字段「统一社会信用代码」的必填条件'
		]);
		expect(dependantsOf(item, { kind: 'field', name: 'orgName' })).toEqual([]);
		expect(deleteQuestion(item, { kind: 'field', name: 'orgName' })).toBeUndefined();
	});

	it('a workflow state: the start and every state whose actions lead to it', () => {
		const item = load('jiaoshi-zige-rending');
		const review = dependantsOf(item, { kind: 'state', key: 'review' }).map((d) => d.label);
		expect(review).toContain('流程环节「综合受理」的操作');
		expect(review).not.toContain('流程环节「部门审查」的操作');
		expect(dependantsOf(item, { kind: 'state', key: 'intake' }).map((d) => d.label)).toContain('办理流程的起始环节');
	});

	it('a bundle situation: the members it includes and the answers mapped to it', () => {
		const bundle = {
			situations: [{ id: 'kids', question: '是否有子女？', options: [] }],
			members: [
				{ item: 'a', name: '甲事项', includeWhen: { answer: 'kids', eq: 'yes' } },
				{ item: 'b', answers: { hasKids: 'kids' } }
			]
		};
		expect(dependantsOf(bundle, { kind: 'situation', id: 'kids' }).map((d) => d.label)).toEqual(['成员事项「甲事项」的纳入条件', '成员事项「b」的情形对应']);
	});
});
