// 文书: the notices and decisions a case produces, each at the step that produces it (受理通知书 at 受理, 不予受理通知书,
// 补正告知书 listing every problem once, 准予/不予许可决定书 with the legal basis and 救济途径, 送达回证 at 出件). They are
// rebuilt from the case's append-only log and its pinned definitions, so the same case always yields the same documents.
import type { ComposedService } from './compose';
import type { CaseEvent, CaseRecord } from './store';
import type { Problem } from './cases/events/common';
import { problemLine } from './cases/messages';
import { formatDate, SERVICE_TIME_ZONE } from './dates';
import { DELIVERY_LABELS, type DeliveryMethod } from './cases/delivery-labels';

export type DocumentKind = 'accept' | 'reject' | 'correction' | 'approve' | 'deny' | 'delivery';

export interface CaseDocument {
	/** stable within the case: the kind and the event's seq */
	key: string;
	kind: DocumentKind;
	title: string;
	/** 文书编号 */
	number: string;
	at: string;
	/** the department that issues it (its 电子印章) */
	department?: string;
	addressee: string;
	paragraphs: string[];
	/** 依据 */
	basis: string[];
	/** 救济途径 */
	remedy?: string;
}

const TITLES: Record<DocumentKind, string> = {
	accept: '受理通知书',
	reject: '不予受理通知书',
	correction: '补正材料告知书',
	approve: '准予行政许可决定书',
	deny: '不予行政许可决定书',
	delivery: '送达回证'
};
const ABBR: Record<DocumentKind, string> = { accept: 'SL', reject: 'BSL', correction: 'BZ', approve: 'ZY', deny: 'BY', delivery: 'SD' };
const KIND_OF: Record<string, DocumentKind> = {
	ACCEPT: 'accept',
	REJECT: 'reject',
	REQUEST_CORRECTION: 'correction',
	APPROVE: 'approve',
	DENY: 'deny',
	ISSUE: 'delivery'
};

export const REMEDY = '如不服本决定，可以自收到本文书之日起六十日内依法申请行政复议，或者自收到本文书之日起六个月内依法向人民法院提起行政诉讼。';

const day = (iso: string) => formatDate(iso, { locale: 'zh-CN', timeZone: SERVICE_TIME_ZONE });

/** The member a decision is about: its name and department (a bundle's branch), else the item's. */
function subjectOf(e: CaseEvent, service: ComposedService) {
	const member = service.members.find((m) => m.item === e.branch) ?? (service.kind === 'item' ? service.members[0] : undefined);
	return { item: member?.item, name: member?.name ?? service.name, department: member?.department ?? e.actor.department };
}

/** The department of the case's front-desk (intake) step. */
const frontDeskOf = (service: ComposedService) => service.workflow.states[service.workflow.initial]?.meta?.department;

/** Every 文书 of a case, in the order they were produced. */
export function documentsOf(c: CaseRecord, service: ComposedService, applicantName: string): CaseDocument[] {
	const out: CaseDocument[] = [];
	const basisOf = (item?: string) => service.guide.legalBasis.filter((b) => !item || b.item === item).map((b) => `${b.title}${b.article}`);
	for (const e of c.events) {
		const kind = KIND_OF[e.type];
		if (!kind) continue;
		const subject = subjectOf(e, service);
		const reason = String(e.payload.reason ?? e.payload.opinion ?? '').trim();
		const base = {
			key: `${kind}-${e.seq}`,
			kind,
			title: TITLES[kind],
			number: `${c.receiptNumber}-${ABBR[kind]}${e.seq}`,
			at: e.at,
			addressee: applicantName,
			basis: [] as string[]
		};
		const applied = `你于${day(c.createdAt)}提出的「${c.service.name}」申请（收件编号 ${c.receiptNumber}）`;
		switch (kind) {
			case 'accept': {
				// the 受理编号 logged with the event; an old case's receiptNumber was both
				const number = String(e.payload.acceptanceNumber ?? c.receiptNumber);
				out.push({
					...base,
					// 视为受理 is logged by the system: the notice comes from the front desk that left it undecided
					department: e.actor.department ?? frontDeskOf(service),
					paragraphs: [
						e.payload.deemed
							? `${applied}，本机关未在收件（或补正）之日起 5 个工作日内作出是否受理的决定，依照《中华人民共和国行政许可法》第三十二条，视为受理。`
							: `${applied}，经审查，申请材料齐全、符合法定形式，决定予以受理。`,
						`受理编号：${number}。`,
						`承诺于受理之日起 ${service.limits.promisedDays} 个工作日内办结（补正、现场踏勘、专家评审等所需时间不计算在内）。办理进度可凭收件编号查询。`
					]
				});
				break;
			}
			case 'reject':
				out.push({
					...base,
					department: e.actor.department,
					paragraphs: [`${applied}，经审查，决定不予受理。`, ...(reason ? [`理由：${reason}`] : [])],
					basis: basisOf(),
					remedy: REMEDY
				});
				break;
			case 'correction': {
				const problems = [...new Set(((e.payload.problems ?? []) as Problem[]).map((p) => problemLine(p, service)))];
				out.push({
					...base,
					department: e.actor.department,
					paragraphs: [
						`${applied}，经审查，需要补正以下内容（一次性告知）：`,
						...problems.map((p, i) => `${i + 1}. ${p}`),
						'请按上述要求一次补正后重新提交。补正期间办理时限暂停计算；补正后的申请自重新提交之日起继续办理。'
					]
				});
				break;
			}
			case 'approve':
				out.push({
					...base,
					department: subject.department,
					paragraphs: [`${applied}，经审查，符合法定条件、标准，决定准予「${subject.name}」。`, ...(reason ? [`审查意见：${reason}`] : [])],
					basis: basisOf(subject.item)
				});
				break;
			case 'deny':
				out.push({
					...base,
					department: subject.department,
					paragraphs: [`${applied}，经审查，决定不予准予「${subject.name}」。`, ...(reason ? [`理由：${reason}`] : [])],
					basis: basisOf(subject.item),
					remedy: REMEDY
				});
				break;
			case 'delivery': {
				const method = (String(e.payload.delivery ?? '') || c.state.machine.context.delivery?.method) as DeliveryMethod | undefined;
				const tracking = String(e.payload.trackingNumber ?? '').trim();
				const results = c.state.results.map((r) => `${r.name}（${r.number}）`);
				out.push({
					...base,
					department: e.actor.department,
					paragraphs: [
						`送达文书：${results.length ? results.join('、') : `「${c.service.name}」办理结果`}`,
						`送达方式：${method ? (DELIVERY_LABELS[method] ?? method) : '窗口领取'}${tracking ? `（快递单号 ${tracking}）` : ''}`,
						`送达时间：${day(e.at)}`,
						'受送达人签收：____________　　日期：____________'
					]
				});
				break;
			}
		}
	}
	return out;
}
