// Reviewers mark each material of a case 已核 or 有问题 (with a note). Marks are store records with an audit entry, never
// case events: they do not move the case or its version, and every reviewer's marks are kept (none overwrites another's).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { auditEntry } from '../audit';
import type { CaseService } from '../cases/service';
import { mayAct, offers } from '../cases/engine';
import { HttpError, forbidden, invalid } from '../errors';
import type { Actor, MaterialMark, Store } from '../store';
import type { TimeSource } from '../time';

export { MARK_STATUS } from './shared';

export const MarkBody = z
	.strictObject({
		material: z.string().min(1, '请指明材料'),
		status: z.enum(['checked', 'problem'], { message: '标记应为 checked（已核）或 problem（有问题）' }),
		note: z.string().trim().max(500, '说明最多 500 字').optional()
	})
	.superRefine((b, ctx) => {
		if (b.status === 'problem' && (b.note?.length ?? 0) < 2)
			ctx.addIssue({ code: 'custom', path: ['note'], message: '标记「有问题」时请写明问题（至少 2 个字），它可以直接列入补正通知' });
	});
export type MarkBody = z.infer<typeof MarkBody>;

const isStaff = (a: Actor) => a.roles.some((r) => r !== 'applicant');

/** The latest mark of each reviewer on each material: material id → marks (one per reviewer, latest first). */
export function latestMarks(marks: MaterialMark[]): Record<string, MaterialMark[]> {
	const out: Record<string, MaterialMark[]> = {};
	for (const m of [...marks].reverse()) {
		const list = (out[m.material] ??= []);
		if (!list.some((x) => x.actorId === m.actorId)) list.push(m);
	}
	return out;
}

export class MarkService {
	constructor(
		private store: Store,
		private cases: CaseService,
		private time: TimeSource
	) {}

	/** Staff who may see an active case mark one of its materials; the mark and its audit entry commit together. */
	async mark(actor: Actor, caseId: string, raw: unknown): Promise<MaterialMark> {
		if (!isStaff(actor)) throw forbidden('只有工作人员可以标记材料');
		const parsed = MarkBody.safeParse(raw);
		if (!parsed.success)
			throw invalid(
				'材料标记不完整',
				parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
			);
		const c = await this.cases.get(caseId);
		const service = await this.cases.composeFor(c);
		if (!(await this.cases.canSee(actor, c, service))) throw forbidden('您无权查看该办件');
		if (c.status !== 'active') throw new HttpError(409, '办件已办结，不能再标记材料');
		const acting = offers(service.workflow, c.state.machine.value).some((o) => o.role !== 'applicant' && mayAct(actor, o, c.applicantId));
		if (!acting) throw forbidden('只有当前环节的办理人员可以标记材料');
		const material = service.materials.find((m) => m.id === parsed.data.material);
		if (!material) throw invalid('材料不存在', [{ path: 'material', message: `该办件没有材料「${parsed.data.material}」` }]);
		const at = this.time.now().toISOString();
		const { status, note } = parsed.data;
		const mark: MaterialMark = {
			id: randomUUID(),
			caseId: c.id,
			material: material.id,
			status,
			...(note ? { note } : {}),
			actorId: actor.id,
			actorName: actor.name,
			...(actor.department ? { department: actor.department } : {}),
			at
		};
		await this.store.materialMarks.add(mark, auditEntry(at, actor.id, 'material.mark', c.id, { material: material.id, status, ...(note ? { note } : {}) }));
		return mark;
	}

	list(caseId: string): Promise<MaterialMark[]> {
		return this.store.materialMarks.forCase(caseId);
	}
}
