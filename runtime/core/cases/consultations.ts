// 征求意见 / 会签 as case data: the request and answer bodies, the inbox tasks of open requests, and what the applicant
// sees of them (that an opinion was sought, never the question or the answer).
import { z } from 'zod';
import type { CaseEvent, CaseRecord, Task } from '../store';
import type { Consultation } from './state';

export type { Consultation };

/** Working days an addressee may be given to answer. */
export const CONSULT_DAYS = { min: 1, max: 30, default: 5 } as const;

export const ConsultBody = z.strictObject({
	to: z.union([z.strictObject({ department: z.string().trim().min(1, '请选择部门') }), z.strictObject({ officer: z.string().trim().min(1, '请选择人员') })], {
		message: '请选择征求意见的对象：{ department: 部门编号 } 或 { officer: 人员账号 }'
	}),
	question: z.string().trim().min(2, '请写明需要对方答复的问题（至少 2 个字）').max(1000, '问题最多 1000 字'),
	days: z
		.number({ message: '答复期限应为工作日数' })
		.int('答复期限应为整数个工作日')
		.min(CONSULT_DAYS.min, `答复期限至少 ${CONSULT_DAYS.min} 个工作日`)
		.max(CONSULT_DAYS.max, `答复期限最多 ${CONSULT_DAYS.max} 个工作日`)
		.default(CONSULT_DAYS.default)
});
export type ConsultBody = z.infer<typeof ConsultBody>;

export const AnswerBody = z.strictObject({
	answer: z.string().trim().min(2, '请填写意见（至少 2 个字）').max(2000, '意见最多 2000 字')
});

/** The inbox role of a request: `consult` for a whole department, `consult:<account>` for one named officer. */
export const consultRole = (x: Pick<Consultation, 'to'>) => (x.to.account ? `consult:${x.to.account}` : 'consult');
/** The inbox roles that reach this account: its department's requests and those naming it. */
export const consultRolesOf = (accountId: string) => ['consult', `consult:${accountId}`];
export const isConsultRole = (role: string) => role === 'consult' || role.startsWith('consult:');
/** Whether an account may hold (签收) a task of this role: a staff role it has, or a 征求意见 addressed to its department or to it. */
export const holdsTaskRole = (account: { id: string; roles: string[] }, role: string) =>
	isConsultRole(role) ? consultRolesOf(account.id).includes(role) : account.roles.includes(role);

/** Whether the actor is the addressee: staff of the department asked, and the named officer when one is. */
export const addresses = (x: Pick<Consultation, 'to'>, actor: { id: string; department?: string; roles: string[] }) =>
	!!actor.department && actor.department === x.to.department && (!x.to.account || x.to.account === actor.id) && actor.roles.some((r) => r !== 'applicant');

export const consultationsOf = (c: Pick<CaseRecord, 'state'>): Consultation[] => c.state.consultations ?? [];

/** Open requests of an active case are tasks in the addressees' inbox (tab 征求意见), due on the request's date. */
export function consultationTasks(c: CaseRecord, previous: Task[]): Task[] {
	if (c.status !== 'active') return [];
	return consultationsOf(c)
		.filter((x) => !x.answeredAt)
		.map((x) => {
			const id = `${c.id}:consult:${x.id}`;
			const prev = previous.find((t) => t.id === id);
			return {
				id,
				caseId: c.id,
				caseVersion: c.version,
				serviceId: c.service.id,
				receiptNumber: c.receiptNumber,
				statePath: `consult:${x.id}`,
				role: consultRole(x),
				department: x.to.department,
				label: `征求意见（${x.askedBy.name}）`,
				events: ['CONSULT_ANSWER'],
				enteredAt: x.askedAt,
				dueAt: x.dueAt,
				limitDueAt: x.dueAt,
				claimedBy: prev?.claimedBy,
				claimedAt: prev?.claimedAt
			};
		});
}

/** What the applicant's log holds of a request or answer: whom it went to, nothing of its content. */
function applicantEvent(e: CaseEvent): CaseEvent {
	if (e.type !== 'CONSULT' && e.type !== 'CONSULT_ANSWER') return e;
	const { comment: _, ...rest } = e;
	const to = e.payload.to as Consultation['to'] | undefined;
	return { ...rest, payload: { consultation: e.payload.consultation, ...(to ? { to: { department: to.department, name: to.name } } : {}) } };
}

/** The case as its applicant sees it: the requests' questions and answers left out of the state and the log. */
export function forApplicant<C extends Pick<CaseRecord, 'state' | 'events'>>(c: C): C {
	if (!consultationsOf(c).length && !c.events.some((e) => e.type === 'CONSULT')) return c;
	const { consultations: _, ...state } = c.state;
	return { ...c, state, events: c.events.map(applicantEvent) };
}
