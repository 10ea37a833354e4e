// 消息中心: what a case event tells the applicant (受理, 补正 with its list, decisions, 出件, 终止) and, for a resubmitted
// 补正, the officer who asked for it. Written in the event's own transaction, so a message never tells of what did not happen.
import { randomUUID } from 'node:crypto';
import type { ComposedService } from '../compose';
import type { CaseEvent, CaseRecord, InboxMessage } from '../store';
import type { Problem } from './events/common';
import { formatDueDate, SERVICE_TIME_ZONE } from '../dates';

/** a deadline at the end of a day (next midnight) is that day */
const dueDay = (iso: string | undefined) => formatDueDate(iso, { locale: 'zh-CN', timeZone: SERVICE_TIME_ZONE });

/** One 补正 problem as the applicant reads it: 材料「…」/ 办事情形「…」/「field title」, then what to fix (also in 文书). */
export function problemLine(p: Problem, s: Pick<ComposedService, 'form' | 'staffForm' | 'materials' | 'questions'>): string {
	const { kind, id } = p.target;
	const prop = (s.form.schema.properties[id] ?? s.staffForm?.schema.properties[id]) as { title?: string } | undefined;
	const name =
		kind === 'material'
			? `材料「${s.materials.find((m) => m.id === id)?.name ?? id}」`
			: kind === 'answer'
				? `办事情形「${s.questions.find((q) => q.key === id)?.question ?? id}」`
				: `「${prop?.title ?? id}」`;
	return `${name}：${p.message.trim()}`;
}

const reasonOf = (e: CaseEvent) => String(e.payload.reason ?? e.payload.opinion ?? '').trim();

/** The applicant's message for an event they are told about; undefined for events that tell them nothing. */
export function applicantMessage(c: CaseRecord, e: CaseEvent, service: ComposedService, at: string): InboxMessage | undefined {
	const name = `「${c.service.name}」（${c.receiptNumber}）`;
	const base = { id: randomUUID(), recipientId: c.applicantId, at, topic: `case.${e.type}`, caseId: c.id, link: `/cases/${c.id}` };
	const reason = reasonOf(e);
	switch (e.type) {
		case 'ACCEPT': {
			const pending = c.state.machine.context.pending.filter((p) => p.dueAt);
			const lines = pending.map(
				(p) => `容缺材料「${service.materials.find((m) => m.id === p.material)?.name ?? p.material}」请于 ${dueDay(p.dueAt)} 前补交，逾期将终止办理`
			);
			const number = e.payload.acceptanceNumber ? [`受理编号：${String(e.payload.acceptanceNumber)}`] : [];
			// 视为受理: the front desk did not decide within 5 working days (行政许可法 art. 32)
			const deemed = e.payload.deemed ? ['窗口未在 5 个工作日内作出受理决定，依法视为受理'] : [];
			return {
				...base,
				title: `${name}${e.payload.deemed ? '视为受理' : '已受理'}`,
				lines: [...number, ...deemed, ...(lines.length ? lines : ['已进入审查，办理进度可在「我的办件」查看'])]
			};
		}
		case 'REQUEST_CORRECTION': {
			const problems = (e.payload.problems ?? []) as Problem[];
			return { ...base, title: `${name}需要补正`, lines: [...problems.map((p) => problemLine(p, service)), '补正期间办理时限暂停计算'] };
		}
		case 'REJECT':
			return { ...base, title: `${name}不予受理`, lines: reason ? [`理由：${reason}`] : [] };
		case 'APPROVE':
			return { ...base, title: `${name}已准予`, lines: reason ? [`意见：${reason}`] : [] };
		case 'DENY':
			return { ...base, title: `${name}未获准予`, lines: [...(reason ? [`理由：${reason}`] : []), '如不服，可依法申请行政复议或提起行政诉讼'] };
		case 'ISSUE':
			return { ...base, title: `${name}已办结出件`, lines: ['结果可在办件详情查看；欢迎对本次服务作出评价（好差评）'] };
		case 'TERMINATE':
			return { ...base, title: `${name}已终止办理`, lines: reason ? [`原因：${reason}`] : [] };
		default:
			return undefined;
	}
}

/** A resubmitted 补正 tells the officer who asked for it. */
export function officerMessage(c: CaseRecord, e: CaseEvent, at: string): InboxMessage | undefined {
	if (e.type !== 'RESUBMIT') return undefined;
	const asked = [...c.events].reverse().find((x) => x.type === 'REQUEST_CORRECTION' && x.seq < e.seq);
	if (!asked || asked.actor.id === c.applicantId) return undefined;
	return {
		id: randomUUID(),
		recipientId: asked.actor.id,
		at,
		topic: 'case.RESUBMIT',
		caseId: c.id,
		title: `「${c.service.name}」（${c.receiptNumber}）申请人已补正`,
		lines: ['请继续审查'],
		link: `/workbench/cases/${c.id}`
	};
}
