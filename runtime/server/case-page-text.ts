// The citizen case page's 缴费 and 办不成事反映 sections, worded on the server in the page's language, so their words are
// not shipped as JavaScript (the case page stays within its budget, tests/e2e/page-modules).
import { m } from '$lib/paraglide/messages';
import type { paymentView } from './payments';
import type { Complaint } from '$core/store';
import { COMPLAINT_REPLY_DAYS } from '$core/complaints';
import { dueDate } from '$components/case/labels';

export function paymentText(pay: ReturnType<typeof paymentView>, justPaid: boolean) {
	if (!pay) return null;
	return {
		title: m.payment_title(),
		payable: pay.payable,
		done: justPaid && !pay.dueFen ? m.payment_done() : undefined,
		status: pay.dueFen ? m.payment_due({ amount: pay.due }) : m.payment_paid_all({ amount: pay.total }),
		lines: pay.lines.map((l) => m.payment_line({ name: l.name, amount: l.amount, basis: l.basis })),
		records: [
			...pay.receipts.map((r) => m.payment_receipt({ number: r.number, amount: r.amount, date: r.date })),
			...pay.refunds.map((r) => m.payment_refunded({ amount: r.amount, reason: r.reason }))
		],
		note: pay.payable ? m.payment_note() : undefined,
		button: pay.payable ? m.payment_pay({ amount: pay.due }) : undefined
	};
}

/** The case's complaints with their replies, and the way to file one (the form lives at /complaints). */
export function complaintsText(complaints: Complaint[]) {
	return {
		title: m.complaint_case_title(),
		hint: m.complaint_case_hint({ days: COMPLAINT_REPLY_DAYS }),
		link: m.complaint_link(),
		items: complaints.map((x) => ({
			id: x.id,
			subject: x.subject,
			status: x.status === 'replied' ? m.complaint_replied() : m.complaint_open(),
			detail: x.reply ? `${m.complaint_reply()}${x.reply.text}` : m.complaint_due({ date: dueDate(x.dueAt) })
		}))
	};
}

/** 受理编号: the number (and 视为受理), or what the case waits for. */
export function acceptanceText(v: { acceptance?: { number: string; deemed?: boolean }; deemedAcceptanceAt?: string }, status: string) {
	return {
		label: m.acceptance_number(),
		number: v.acceptance?.number,
		deemed: v.acceptance?.deemed ? { text: m.acceptance_deemed(), title: m.acceptance_deemed_title() } : undefined,
		note: v.acceptance
			? undefined
			: v.deemedAcceptanceAt
				? m.acceptance_pending({ date: dueDate(v.deemedAcceptanceAt) })
				: status === 'rejected'
					? m.acceptance_refused()
					: undefined
	};
}
