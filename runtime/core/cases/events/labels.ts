// Every event's label, in one zod-free table: the event modules take theirs from here, and pages show the log with it.
import type { EventType } from '../../model/workflow';

export const EVENT_LABELS: Record<EventType | 'TERMINATE', string> = {
	ACCEPT: '受理',
	REJECT: '不予受理',
	REQUEST_CORRECTION: '一次性告知补正',
	RESUBMIT: '提交补正',
	PASS: '审查通过',
	RETURN: '退回',
	START_SPECIAL: '启动特别程序',
	INSPECT: '提交踏勘记录',
	EXPERT_REVIEW: '提交专家评审意见',
	APPROVE: '准予',
	DENY: '不予许可',
	ISSUE: '出件办结',
	SUPPLY: '补交容缺材料',
	WITHDRAW: '撤回申请',
	TERMINATE: '办件终止'
};

/** Labels of every event in a case's log: the workflow's, plus 告知承诺核查, 征求意见 and the platform's termination. */
export const LOG_LABELS: Record<string, string> = {
	...EVENT_LABELS,
	VERIFY: '告知承诺核查',
	CONSULT: '征求意见',
	CONSULT_ANSWER: '答复征求意见',
	INTERMEDIARY: '中介服务'
};

/** Logged events that never move the machine: replay skips them, and they make no reviewer's page stale. */
export const SIDE_EVENTS: ReadonlySet<string> = new Set(['VERIFY', 'CONSULT', 'CONSULT_ANSWER', 'INTERMEDIARY']);
