// 中介服务 on a case: staff of the department whose item names an intermediary service record when it started and when it
// finished. Each is a case event (INTERMEDIARY) beside the workflow, logged with its audit entry in the case's transaction;
// the machine does not move, and the tasks' due dates are recomputed because the time is not counted.
import { z } from 'zod';
import { auditEntry } from '../audit';
import type { CaseService } from '../cases/service';
import { IntermediaryBody, intermediaryRuns } from '../cases/intermediary';
import { HttpError, forbidden, invalid } from '../errors';
import type { IntermediaryService } from '../model/dictionaries';
import { ConflictError, type Actor, type CaseEvent, type CaseRecord } from '../store';

const issues = (e: z.ZodError) => e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

export class IntermediaryTracker {
	constructor(
		private cases: CaseService,
		/** the intermediary services' dictionary */
		private dictionary: () => IntermediaryService[]
	) {}

	/** The services the case's items name, each with its dictionary entry and the departments that record it. */
	async servicesOf(c: CaseRecord) {
		const service = await this.cases.composeFor(c);
		const dict = this.dictionary();
		return this.cases.itemsOf(service).flatMap((item) =>
			item.intermediaryServices.flatMap((id) => {
				const entry = dict.find((d) => d.id === id);
				return entry ? [{ ...entry, item: item.id, department: item.department }] : [];
			})
		);
	}

	async record(actor: Actor, caseId: string, raw: unknown): Promise<CaseRecord> {
		const p = IntermediaryBody.safeParse(raw);
		if (!p.success) throw invalid('中介服务记录不完整', issues(p.error));
		const body = p.data;
		return this.cases.mutate(caseId, async (c) => {
			if (!(await this.cases.canSee(actor, c))) throw forbidden('您无权查看该办件');
			if (!actor.roles.some((r) => r !== 'applicant')) throw forbidden('只有工作人员可以登记中介服务');
			const offered = await this.servicesOf(c);
			const s = offered.find((x) => x.id === body.service);
			if (!s) throw invalid('该办件没有这项中介服务', [{ path: 'service', message: `办件的事项未列出中介服务「${body.service.slice(0, 40)}」` }]);
			if (actor.department !== s.department && !actor.roles.includes('admin')) throw forbidden(`只有实施该事项的部门的工作人员可以登记「${s.name}」`);
			if (c.status !== 'active') throw new HttpError(409, '办件已办结，不能再登记中介服务');
			if (c.version !== body.version)
				throw new ConflictError(`办件已被他人更新（当前第 ${c.version} 版，您提交的是第 ${body.version} 版），请查看最新状态后重试`, c);
			const run = intermediaryRuns(c.events).find((r) => r.service === s.id);
			if (body.action === 'start' && run) throw new HttpError(409, `「${s.name}」已于 ${run.startedAt.slice(0, 10)} 开始，不能重复开始`);
			if (body.action === 'finish' && !run) throw invalid(`「${s.name}」尚未开始`, [{ path: 'action', message: '请先登记开始' }]);
			if (body.action === 'finish' && run?.finishedAt) throw new HttpError(409, `「${s.name}」已于 ${run.finishedAt.slice(0, 10)} 完成`);
			const service = await this.cases.composeFor(c);
			const at = this.cases.time.now().toISOString();
			const record: CaseEvent = {
				seq: c.version + 1,
				at,
				actor,
				type: 'INTERMEDIARY',
				payload: { service: s.id, item: s.item, name: s.name, action: body.action, ...(body.note ? { note: body.note } : {}) },
				// the workflow does not move
				stateAfter: c.state.machine.value
			};
			const next: CaseRecord = { ...c, version: c.version + 1, updatedAt: at, events: [...c.events, record] };
			return async (tx) => {
				await tx.cases.update(next, c.version, [record]);
				await tx.audit.append(auditEntry(at, actor.id, 'case.INTERMEDIARY', c.id, { service: s.id, action: body.action }));
				await tx.tasks.replaceForCase(c.id, this.cases.tasksOf(next, service, await tx.tasks.forCase(c.id)));
				return next;
			};
		});
	}
}
