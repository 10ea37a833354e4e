// Reviewers' material marks and departments' opinion templates over SQL; each write commits with its audit entry.
import { ConflictError, type OpinionTemplate, type MaterialMark, type Store } from '../../core/store';
import { LIMITS } from '../store-common';
import type { Driver } from './driver';
import { AUDIT_COLUMNS, auditRow, insertRows, json } from './rows';

const changedOrGone = (id: string, current: OpinionTemplate | undefined) =>
	new ConflictError(current ? `常用意见「${current.title}」已被他人修改（第 ${current.rev} 版），请刷新后重试` : `常用意见 ${id} 不存在`, current);

export function sqlMaterialMarks(db: Driver): Store['materialMarks'] {
	return {
		add: (mark, audit) =>
			db.transaction(async (q) => {
				const { count } = await q.query('INSERT INTO material_marks (case_id, id, at, doc) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (id) DO NOTHING', [
					mark.caseId,
					mark.id,
					mark.at,
					json(mark)
				]);
				if (!count) throw new ConflictError(`标记 ${mark.id} 已存在`);
				await insertRows(q, 'audit', AUDIT_COLUMNS, [auditRow(audit)]);
			}),
		forCase: async (caseId) =>
			(await db.query('SELECT doc FROM material_marks WHERE case_id = $1 ORDER BY at, seq LIMIT $2', [caseId, LIMITS.list])).rows.map(
				(r) => r.doc as MaterialMark
			)
	};
}

export function sqlOpinionTemplates(db: Driver): Store['opinionTemplates'] {
	const get = async (id: string) => (await db.query('SELECT doc FROM opinion_templates WHERE id = $1', [id])).rows[0]?.doc as OpinionTemplate | undefined;
	return {
		get,
		list: async (department) =>
			(
				await db.query(
					`SELECT doc FROM opinion_templates WHERE department = $1
					ORDER BY doc->>'step' COLLATE "C" NULLS FIRST, doc->>'title' COLLATE "C", id LIMIT $2`,
					[department, LIMITS.list]
				)
			).rows.map((r) => r.doc as OpinionTemplate),
		put: async (t, expectedRev, audit) => {
			const stored: OpinionTemplate = JSON.parse(JSON.stringify({ ...t, rev: expectedRev + 1 }));
			const written = await db.transaction(async (q) => {
				const { count } =
					expectedRev === 0
						? await q.query('INSERT INTO opinion_templates (id, department, rev, doc) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (id) DO NOTHING', [
								t.id,
								t.department,
								stored.rev,
								json(stored)
							])
						: await q.query('UPDATE opinion_templates SET department = $2, rev = $3, doc = $4::jsonb WHERE id = $1 AND rev = $5', [
								t.id,
								t.department,
								stored.rev,
								json(stored),
								expectedRev
							]);
				if (count) await insertRows(q, 'audit', AUDIT_COLUMNS, [auditRow(audit)]);
				return count > 0;
			});
			if (!written) throw changedOrGone(t.id, await get(t.id));
			return stored;
		},
		delete: async (id, expectedRev, audit) => {
			const removed = await db.transaction(async (q) => {
				const { count } = await q.query('DELETE FROM opinion_templates WHERE id = $1 AND rev = $2', [id, expectedRev]);
				if (count) await insertRows(q, 'audit', AUDIT_COLUMNS, [auditRow(audit)]);
				return count > 0;
			});
			if (!removed) throw changedOrGone(id, await get(id));
		}
	};
}
