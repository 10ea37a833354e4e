/** 办不成事反映 (12345-style complaints): a signed-in citizen files one, optionally about a case; it goes to the supervisors
 * (科室负责人) of the department concerned, who reply within COMPLAINT_REPLY_DAYS working days; the citizen reads the reply
 * on the page and in 消息中心. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { auditEntry } from './audit';
import { addWorkingDays, type WorkCalendar } from './calendar';
import type { DefinitionService } from './definitions';
import { HttpError, forbidden, invalid, notFound } from './errors';
import type { Actor, CaseRecord, Complaint, Store } from './store';
import type { TimeSource } from './time';

/** Working days a department has to reply. */
export const COMPLAINT_REPLY_DAYS = 5;
export const SUPERVISOR_ROLE = 'supervisor';

const text = (what: string, min: number, max: number) =>
	z
		.string({ message: `请填写${what}` })
		.trim()
		.min(min, { message: `${what}至少 ${min} 个字` })
		.max(max, { message: `${what}不能超过 ${max} 字` });

export const ComplaintInput = z.strictObject(
	{
		/** the case complained about (the complainant's own); absent: a general complaint naming a department */
		caseId: z.string({ message: '办件编号须为文字' }).min(1).max(100).optional(),
		department: z.string({ message: '请选择反映的部门' }).min(1, { message: '请选择反映的部门' }).max(100).optional(),
		subject: text('反映事项', 2, 100),
		text: text('具体情况', 5, 2000)
	},
	{ error: (i) => (i.code === 'unrecognized_keys' ? `不支持的字段：${i.keys.join('、')}` : undefined) }
);
export type ComplaintInput = z.infer<typeof ComplaintInput>;

export const ComplaintReply = z.strictObject(
	{ text: text('答复内容', 5, 2000) },
	{ error: (i) => (i.code === 'unrecognized_keys' ? `不支持的字段：${i.keys.join('、')}` : undefined) }
);

const issuesOf = (e: z.ZodError) => e.issues.map((i) => ({ path: i.path.join('.') || '(根)', message: i.message }));

/** A supervisor of the complaint's department, or an administrator. */
export const mayReply = (actor: Actor, c: Pick<Complaint, 'department'>) =>
	actor.roles.includes('admin') || (actor.roles.includes(SUPERVISOR_ROLE) && actor.department === c.department);

/** Open past its deadline at `now`, or replied after it. */
export const overdue = (c: Complaint, now: string) => (c.status === 'open' ? now > c.dueAt : !!c.reply && c.reply.at > c.dueAt);

export class ComplaintService {
	constructor(
		private store: Store,
		private defs: DefinitionService,
		private calendar: WorkCalendar,
		private time: TimeSource
	) {}

	/** The department a case's complaint goes to: a bundle's lead department, else the item's implementing department. */
	private departmentOf(c: CaseRecord): string {
		const bundle = c.pins.find((p) => p.kind === 'bundle');
		if (bundle) return this.defs.cachedBundle(bundle.id, bundle.version)?.leadDepartment ?? '';
		const item = c.pins.find((p) => p.kind === 'item');
		return (item && this.defs.cachedItem(item.id, item.version)?.department) || '';
	}

	async create(actor: Actor, raw: unknown): Promise<Complaint> {
		if (!actor.roles.includes('applicant')) throw forbidden('只有申请人可以提交办不成事反映');
		const parsed = ComplaintInput.safeParse(raw);
		if (!parsed.success) throw invalid('反映内容不完整', issuesOf(parsed.error));
		const input = parsed.data;
		let department = input.department;
		let about: CaseRecord | undefined;
		if (input.caseId) {
			about = await this.store.cases.get(input.caseId);
			// another's case is as unknown as a missing one
			if (!about || about.applicantId !== actor.id) throw invalid('办件不存在', [{ path: 'caseId', message: `没有您的办件「${input.caseId}」` }]);
			department = this.departmentOf(about);
		}
		if (!department) throw invalid('请选择反映的部门', [{ path: 'department', message: '请选择反映的部门' }]);
		if (!this.defs.dictionaries.departments.some((d) => d.id === department))
			throw invalid('部门不存在', [{ path: 'department', message: `部门「${department.slice(0, 40)}」不存在` }]);
		const now = this.time.now();
		const at = now.toISOString();
		const complaint: Complaint = {
			id: `cp${now.getTime().toString(36)}${randomUUID().slice(0, 8)}`,
			complainantId: actor.id,
			complainantName: actor.name,
			...(about ? { caseId: about.id, receiptNumber: about.receiptNumber } : {}),
			department,
			subject: input.subject,
			text: input.text,
			createdAt: at,
			dueAt: addWorkingDays(this.calendar, now, COMPLAINT_REPLY_DAYS),
			status: 'open'
		};
		await this.store.transaction(async (tx) => {
			await tx.complaints.put(complaint);
			await tx.audit.append(auditEntry(at, actor.id, 'complaint.create', about?.id, { complaint: complaint.id, department }));
		});
		return complaint;
	}

	/** The supervisor's reply, once; the citizen is told in 消息中心 in the same transaction. */
	async reply(actor: Actor, id: string, raw: unknown): Promise<Complaint> {
		if (!actor.roles.includes('admin') && !actor.roles.includes(SUPERVISOR_ROLE)) throw forbidden('只有科室负责人或管理员可以答复办不成事反映');
		const parsed = ComplaintReply.safeParse(raw);
		if (!parsed.success) throw invalid('答复内容不完整', issuesOf(parsed.error));
		const at = this.time.now().toISOString();
		return this.store.transaction(async (tx) => {
			const c = await tx.complaints.get(id);
			if (!c) throw notFound(`反映「${id}」`);
			if (!mayReply(actor, c)) throw forbidden('只有该部门的科室负责人或管理员可以答复');
			if (c.status !== 'open') throw new HttpError(409, '该反映已答复');
			const next: Complaint = { ...c, status: 'replied', reply: { text: parsed.data.text, at, by: actor.id, byName: actor.name } };
			await tx.complaints.put(next);
			await tx.messages.append({
				id: randomUUID(),
				recipientId: c.complainantId,
				at,
				topic: 'complaint.reply',
				...(c.caseId ? { caseId: c.caseId } : {}),
				title: `您反映的「${c.subject}」已答复`,
				lines: [parsed.data.text],
				link: `/complaints#${c.id}`
			});
			await tx.audit.append(auditEntry(at, actor.id, 'complaint.reply', c.caseId, { complaint: c.id }));
			return next;
		});
	}

	/** The citizen's own complaints, newest first. */
	mine(actor: Actor): Promise<Complaint[]> {
		return this.store.complaints.list({ complainantId: actor.id });
	}

	/** A supervisor's department's complaints (an administrator's: the one asked for, else all), newest first. */
	forStaff(actor: Actor, department?: string): Promise<Complaint[]> {
		if (actor.roles.includes('admin')) return this.store.complaints.list(department ? { department } : {});
		if (!actor.roles.includes(SUPERVISOR_ROLE) || !actor.department) throw forbidden('办不成事反映仅限科室负责人和系统管理员处理');
		return this.store.complaints.list({ department: actor.department });
	}
}
