// 征求意见 / 会签: an officer handling a case asks a colleague or another department for an opinion without moving the
// workflow. The request and its answer are case events (CONSULT, CONSULT_ANSWER) logged through the case's own
// transaction with their audit entries; the machine state and the workflow's tasks stay as they are.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { auditEntry } from '../audit';
import { addWorkingDays } from '../calendar';
import type { CaseService } from '../cases/service';
import { mayAct, offers } from '../cases/engine';
import { addresses, AnswerBody, ConsultBody, consultationsOf, type Consultation } from '../cases/consultations';
import { HttpError, forbidden, invalid, notFound } from '../errors';
import type { Actor, CaseEvent, CaseRecord, Store } from '../store';

const issues = (e: z.ZodError) => e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
const dateTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { dateStyle: 'short', timeStyle: 'short', hour12: false, timeZone: 'Asia/Shanghai' });
const isStaff = (a: Pick<Actor, 'roles'>) => a.roles.some((r) => r !== 'applicant');

export class ConsultService {
	constructor(
		private store: Store,
		private cases: CaseService,
		/** the departments' dictionary (id → name) */
		private departments: () => { id: string; name: string }[]
	) {}

	private deptName(id?: string) {
		return (id && this.departments().find((d) => d.id === id)?.name) || id || '';
	}

	/** The addressee as the request names it: a department of the dictionary, or a staff account (not the asker). */
	private async addressee(actor: Actor, to: ConsultBody['to']): Promise<Consultation['to']> {
		if ('department' in to) {
			if (!this.departments().some((d) => d.id === to.department))
				throw invalid('征求意见的部门不存在', [{ path: 'to.department', message: `没有部门「${to.department.slice(0, 40)}」` }]);
			return { department: to.department, name: this.deptName(to.department) };
		}
		const a = await this.store.accounts.get(to.officer);
		if (!a || !isStaff(a) || !a.department)
			throw invalid('征求意见的人员不存在', [{ path: 'to.officer', message: `没有工作人员账号「${to.officer.slice(0, 40)}」` }]);
		if (a.id === actor.id) throw invalid('不能向自己征求意见', [{ path: 'to.officer', message: '请选择其他同事或部门' }]);
		return { department: a.department, account: a.id, name: `${this.deptName(a.department)} ${a.name}` };
	}

	/** Staff handling a step of the active case now ask; the request is logged with its due date in working days. */
	async ask(actor: Actor, caseId: string, raw: unknown): Promise<Consultation> {
		if (!isStaff(actor)) throw forbidden('只有工作人员可以征求意见');
		const p = ConsultBody.safeParse(raw);
		if (!p.success) throw invalid('征求意见填写不完整', issues(p.error));
		return this.cases.mutate(caseId, async (c) => {
			const service = await this.cases.composeFor(c);
			if (!(await this.cases.canSee(actor, c, service))) throw forbidden('您无权查看该办件');
			if (c.status !== 'active') throw new HttpError(409, '办件已办结，不能再征求意见');
			const acting = offers(service.workflow, c.state.machine.value).some((o) => o.role !== 'applicant' && mayAct(actor, o, c.applicantId));
			if (!acting) throw forbidden('只有当前环节的办理人员可以征求意见');
			const to = await this.addressee(actor, p.data.to);
			const now = this.cases.time.now();
			const at = now.toISOString();
			const x: Consultation = {
				id: randomUUID().slice(0, 8),
				askedBy: { id: actor.id, name: actor.name, ...(actor.department ? { department: actor.department } : {}) },
				to,
				question: p.data.question,
				askedAt: at,
				dueAt: addWorkingDays(this.cases.calendar, now, p.data.days)
			};
			const record = this.event(c, actor, at, 'CONSULT', { consultation: x.id, to, question: x.question, dueAt: x.dueAt });
			const audit = auditEntry(at, actor.id, 'case.CONSULT', c.id, {
				consultation: x.id,
				department: to.department,
				...(to.account ? { officer: to.account } : {})
			});
			return this.writer(c, service, record, [...consultationsOf(c), x], audit, x);
		});
	}

	/** The addressee answers once: a second answer (also one racing the first) is refused with who answered and when. */
	async answer(actor: Actor, caseId: string, consultationId: string, raw: unknown): Promise<Consultation> {
		if (!isStaff(actor)) throw forbidden('只有工作人员可以答复征求意见');
		const p = AnswerBody.safeParse(raw);
		if (!p.success) throw invalid('答复填写不完整', issues(p.error));
		return this.cases.mutate(caseId, async (c) => {
			const x = consultationsOf(c).find((y) => y.id === consultationId);
			if (!x || !addresses(x, actor)) {
				if (!(await this.cases.canSee(actor, c))) throw forbidden('您无权查看该办件');
				if (!x) throw notFound(`征求意见「${consultationId.slice(0, 40)}」`);
				throw forbidden(`该征求意见是向${x.to.name}征求的，只有被征求意见的${x.to.account ? '人员' : '部门工作人员'}可以答复`);
			}
			if (x.answeredAt)
				throw new HttpError(409, `该征求意见已由 ${x.answeredBy?.name ?? ''} 于 ${dateTime(x.answeredAt)} 答复，您的答复未保存`, undefined, {
					current: x
				});
			if (c.status !== 'active') throw new HttpError(409, '办件已办结，征求意见无需再答复');
			// 签收: a colleague who claimed the request answers it (a supervisor can release or reassign the claim)
			const task = await this.store.tasks.get(`${c.id}:consult:${x.id}`);
			if (task?.claimedBy && task.claimedBy !== actor.id) throw await this.cases.claimedError(task.claimedBy);
			const service = await this.cases.composeFor(c);
			const at = this.cases.time.now().toISOString();
			const done: Consultation = { ...x, answer: p.data.answer, answeredBy: { id: actor.id, name: actor.name }, answeredAt: at };
			const record = this.event(c, actor, at, 'CONSULT_ANSWER', { consultation: x.id, to: x.to, answer: done.answer });
			const audit = auditEntry(at, actor.id, 'case.CONSULT_ANSWER', c.id, { consultation: x.id });
			return this.writer(
				c,
				service,
				record,
				consultationsOf(c).map((y) => (y.id === x.id ? done : y)),
				audit,
				done
			);
		});
	}

	private event(c: CaseRecord, actor: Actor, at: string, type: string, payload: Record<string, unknown>): CaseEvent {
		// stateAfter is the state as it stands: the workflow does not move
		return { seq: c.version + 1, at, actor, type, payload, stateAfter: c.state.machine.value };
	}

	/** The case's next version with the event, its audit entry and its tasks (the request's task added or removed), in one transaction. */
	private writer(
		c: CaseRecord,
		service: Awaited<ReturnType<CaseService['composeFor']>>,
		record: CaseEvent,
		consultations: Consultation[],
		audit: ReturnType<typeof auditEntry>,
		out: Consultation
	) {
		const next: CaseRecord = { ...c, state: { ...c.state, consultations }, version: c.version + 1, updatedAt: record.at, events: [...c.events, record] };
		return async (tx: Parameters<Parameters<Store['transaction']>[0]>[0]) => {
			await tx.cases.update(next, c.version, [record]);
			await tx.caseMetrics.put(this.cases.factsOf(next, service));
			await tx.audit.append(audit);
			await tx.tasks.replaceForCase(c.id, this.cases.tasksOf(next, service, await tx.tasks.forCase(c.id)));
			return out;
		};
	}
}
