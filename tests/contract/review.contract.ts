// The store contract for reviewers' material marks (append-only, audited) and departments' opinion templates (optimistic revisions, audited).
import { expect, it } from 'vitest';
import { ConflictError, type MaterialMark, type OpinionTemplate, type Store } from '../../runtime/core/store';
import { audit, iso, uid } from './fixtures';

const conflict = async (p: Promise<unknown>) => {
	const e = await p.then(
		() => undefined,
		(x: unknown) => x
	);
	expect(e).toBeInstanceOf(ConflictError);
	return e as ConflictError;
};

const mark = (caseId: string, o: Partial<MaterialMark> = {}): MaterialMark => ({
	id: uid('mark'),
	caseId,
	material: 'm-id-card',
	status: 'checked',
	actorId: 'u-reviewer',
	actorName: '审查人员',
	department: 'dept-a',
	at: iso(10),
	...o
});

const template = (department: string, o: Partial<OpinionTemplate> = {}): OpinionTemplate => ({
	id: uid('tpl'),
	department,
	title: '材料齐全',
	text: '经审查，申请材料齐全，符合法定形式。',
	basis: '《中华人民共和国行政许可法》第三十二条',
	rev: 0,
	updatedAt: iso(1),
	updatedBy: 'u-deptadmin',
	...o
});

export function reviewContract(s: () => Store) {
	it('keeps every reviewer’s material marks, oldest first, each with its audit entry', async () => {
		const store = s();
		const caseId = uid('case');
		const a = mark(caseId, { status: 'problem', note: '扫描件模糊，第 2 页缺失', at: iso(12) });
		const b = mark(caseId, { actorId: 'u-reviewer2', actorName: '审查人员（二）', at: iso(11) });
		const c = mark(caseId, { actorId: 'u-reviewer2', actorName: '审查人员（二）', material: 'm-photo', at: iso(12) });
		// two reviewers marking the same material at once: both marks stay
		await Promise.all([
			store.materialMarks.add(a, audit({ caseId, action: 'material.mark', at: iso(12) })),
			store.materialMarks.add(b, audit({ caseId, action: 'material.mark' }))
		]);
		await store.materialMarks.add(c, audit({ caseId, action: 'material.mark' }));
		const marks = await store.materialMarks.forCase(caseId);
		expect(marks.map((m) => m.id)).toEqual([b.id, a.id, c.id]);
		expect(marks[1]).toStrictEqual(a);
		expect(await store.materialMarks.forCase(uid('case'))).toEqual([]);
		expect((await store.audit.list({ caseId })).filter((e) => e.action === 'material.mark')).toHaveLength(3);
		await conflict(store.materialMarks.add(a, audit({ caseId, action: 'material.mark' })));
		expect(await store.materialMarks.forCase(caseId)).toHaveLength(3);
		expect((await store.audit.list({ caseId })).filter((e) => e.action === 'material.mark')).toHaveLength(3);
	});

	it('writes opinion templates at the expected revision, lists a department’s by step and title, and audits every write', async () => {
		const store = s();
		const dept = uid('dept');
		const all = template(dept, { title: '乙 通用' });
		const review = template(dept, { step: 'review', title: '甲 材料齐全' });
		const accept = template(dept, { step: 'accept', title: '受理' });
		const other = template(uid('dept'));
		const first = await store.opinionTemplates.put(review, 0, audit({ action: 'opinion.create', actorId: 'u-deptadmin' }));
		expect(first).toStrictEqual({ ...review, rev: 1 });
		await store.opinionTemplates.put(all, 0, audit({ action: 'opinion.create', actorId: 'u-deptadmin' }));
		await store.opinionTemplates.put(accept, 0, audit({ action: 'opinion.create', actorId: 'u-deptadmin' }));
		await store.opinionTemplates.put(other, 0, audit({ action: 'opinion.create', actorId: 'u-deptadmin' }));
		expect((await store.opinionTemplates.list(dept)).map((t) => t.id)).toEqual([all.id, accept.id, review.id]);
		expect(await store.opinionTemplates.get(review.id)).toStrictEqual(first);

		// two administrators editing the same revision: the second is refused with the current one
		const edited = await store.opinionTemplates.put({ ...first, text: '经审查，材料齐全。' }, 1, audit({ action: 'opinion.update', actorId: 'u-deptadmin' }));
		expect(edited.rev).toBe(2);
		const e = await conflict(store.opinionTemplates.put({ ...first, text: '另一版本' }, 1, audit({ action: 'opinion.update', actorId: 'u-deptadmin2' })));
		expect(e.current).toStrictEqual(edited);
		await conflict(store.opinionTemplates.put(review, 0, audit({ action: 'opinion.create' })));
		expect(await store.opinionTemplates.get(review.id)).toStrictEqual(edited);

		await conflict(store.opinionTemplates.delete(review.id, 1, audit({ action: 'opinion.delete', actorId: 'u-deptadmin' })));
		await store.opinionTemplates.delete(review.id, 2, audit({ action: 'opinion.delete', actorId: 'u-deptadmin' }));
		expect(await store.opinionTemplates.get(review.id)).toBeUndefined();
		await conflict(store.opinionTemplates.delete(review.id, 2, audit({ action: 'opinion.delete' })));
		expect((await store.opinionTemplates.list(dept)).map((t) => t.id)).toEqual([all.id, accept.id]);
		const actions = (await store.audit.list({ actorId: 'u-deptadmin2' })).map((x) => x.action);
		expect(actions).not.toContain('opinion.update');
	});
}
