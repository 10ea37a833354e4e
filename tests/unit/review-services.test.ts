// 常用意见 and material marks, below the pages: who may keep a department's templates, what a template and a mark must
// carry (with the field named), and that every template write is audited.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../runtime/core/errors';
import { MarkBody, latestMarks } from '../../runtime/core/review/marks';
import { OpinionService, forStep } from '../../runtime/core/review/opinions';
import { systemTime } from '../../runtime/core/time';
import type { Actor, MaterialMark, Store } from '../../runtime/core/store';
import { openStore } from '../../runtime/server/open-store';

const dir = mkdtempSync(join(tmpdir(), 'review-services-'));
let store: Store;
beforeAll(async () => {
	store = await openStore({ dataDir: dir, env: { STORE: 'lowdb' }, log: () => undefined });
});
afterAll(async () => {
	await store.close();
	rmSync(dir, { recursive: true, force: true });
});

const keeper: Actor = { id: 'u-edu-admin', name: '教育局部门管理员', roles: ['deptAdmin'], department: 'qz-edu' };
const otherKeeper: Actor = { id: 'u-gjj-admin', name: '公积金部门管理员', roles: ['deptAdmin'], department: 'qz-gjj' };
const reviewer: Actor = { id: 'u-edu-reviewer', name: '教育局审查人员', roles: ['reviewer'], department: 'qz-edu' };
const admin: Actor = { id: 'u-admin', name: '系统管理员', roles: ['admin'] };
const body = { step: 'review', title: '材料齐全', text: '经审查，申请材料齐全，符合法定形式。', basis: '《中华人民共和国行政许可法》第三十四条' };

const refusal = async (p: Promise<unknown>) => {
	const e = await p.then(
		() => undefined,
		(x: unknown) => x
	);
	expect(e).toBeInstanceOf(HttpError);
	return e as HttpError;
};

describe('opinion templates', () => {
	it('only the department’s administrator (or the platform administrator) keeps them; each write is audited', async () => {
		const svc = new OpinionService(store, systemTime);
		const t = await svc.create(keeper, 'qz-edu', body);
		expect(t).toMatchObject({ department: 'qz-edu', step: 'review', rev: 1, updatedBy: keeper.id });
		expect((await refusal(svc.create(reviewer, 'qz-edu', body))).status).toBe(403);
		expect((await refusal(svc.create(otherKeeper, 'qz-edu', body))).status).toBe(403);
		expect((await refusal(svc.update(otherKeeper, t.id, 1, body))).message).toBe('只有本部门的管理员可以维护常用意见');
		const edited = await svc.update(admin, t.id, 1, { ...body, step: '', text: '材料齐全。' });
		expect(edited.step).toBeUndefined();
		expect(edited.rev).toBe(2);
		// an edit from a stale page is refused, not applied
		await expect(svc.update(keeper, t.id, 1, body)).rejects.toThrow('已被他人修改');
		await svc.remove(keeper, t.id, 2);
		expect(await svc.list('qz-edu')).toEqual([]);
		const audit = (await store.audit.list({ limit: 20 })).filter((e) => e.action.startsWith('opinion.')).map((e) => [e.action, e.actorId]);
		expect(audit).toEqual([
			['opinion.delete', keeper.id],
			['opinion.update', admin.id],
			['opinion.create', keeper.id]
		]);
	});

	it('names every missing part: the text and the legal basis it cites', async () => {
		const svc = new OpinionService(store, systemTime);
		const e = await refusal(svc.create(keeper, 'qz-edu', { step: 'a b', title: '', text: '好', basis: '' }));
		expect(e.status).toBe(422);
		expect(e.errors?.map((x) => x.path).sort()).toEqual(['basis', 'step', 'text', 'title']);
		expect(e.errors?.find((x) => x.path === 'basis')?.message).toContain('依据');
	});

	it('offers a step its own templates first, then those for every step', () => {
		const t = (id: string, step?: string) => ({ id, department: 'd', step, title: id, text: id, basis: '依据', rev: 1, updatedAt: '', updatedBy: '' });
		expect(forStep([t('all'), t('review', 'review'), t('accept', 'accept')], 'review.edu-confirm.review').map((x) => x.id)).toEqual(['review', 'all']);
	});
});

describe('material marks', () => {
	it('a 有问题 mark needs a note, which can go into the 补正 notice', () => {
		const r = MarkBody.safeParse({ material: 'idCard', status: 'problem', note: ' ' });
		expect(r.success).toBe(false);
		expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['note', '标记「有问题」时请写明问题（至少 2 个字），它可以直接列入补正通知']]);
		expect(MarkBody.safeParse({ material: 'idCard', status: 'checked' }).success).toBe(true);
		expect(MarkBody.safeParse({ material: 'idCard', status: 'ok' }).error?.issues[0].message).toBe('标记应为 checked（已核）或 problem（有问题）');
	});

	it('shows each reviewer’s latest mark per material, newest first', () => {
		const m = (id: string, actorId: string, material: string, status: MaterialMark['status']): MaterialMark => ({
			id,
			caseId: 'c',
			material,
			status,
			actorId,
			actorName: actorId,
			at: id
		});
		const latest = latestMarks([m('1', 'a', 'x', 'problem'), m('2', 'b', 'x', 'checked'), m('3', 'a', 'x', 'checked'), m('4', 'a', 'y', 'problem')]);
		expect(latest.x.map((k) => k.id)).toEqual(['3', '2']);
		expect(latest.y.map((k) => k.id)).toEqual(['4']);
	});
});
