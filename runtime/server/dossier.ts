// 案卷: the case file for the archive, built once for the printable page and the ZIP download, in a fixed order: cover,
// form answers, materials with their files (numbered), every opinion (steps and 征求意见), the timeline, the documents.
import { acceptanceOf } from '../core/cases/acceptance';
import { auditEntry } from '../core/audit';
import { CASE_STATUS } from '../core/cases/status';
import { consultationsOf } from '../core/cases/consultations';
import { LOG_LABELS } from '../core/cases/events';
import { maskedApplicant } from '../core/names';
import type { Actor, CaseRecord } from '../core/store';
import { answerLabels, dateTime, targetLabel } from '../components/case/labels';
import type { Dossier, DossierFile } from '../components/dossier/types';
import type { App } from './app';
import { caseViewFor } from './pii-view';

const SOURCES: Record<string, string> = { licence: '电子证照', commitment: '告知承诺', shared: '部门共享', deferred: '容缺后补' };
const DECISIONS = new Set(['APPROVE', 'DENY', 'REJECT', 'WITHDRAW', 'TERMINATE', 'ISSUE']);
const NOTICES: Record<string, string> = { REJECT: '不予受理通知书', DENY: '不予许可决定书', TERMINATE: '终止办理通知' };

/** A file name safe in every archive tool: no path separators or control characters, at most 60 characters. */
const safe = (s: string) =>
	[...s]
		.map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
		.slice(0, 60)
		.join('');

function display(schema: Record<string, any> | undefined, v: unknown, names: Record<string, string>): string {
	if (v === undefined || v === null || v === '') return '';
	if (typeof v === 'boolean') return v ? '是' : '否';
	if (Array.isArray(v)) return v.map((x) => display(schema?.items, x, names)).join('；');
	if (typeof v === 'object') {
		const o = v as Record<string, unknown>;
		if (typeof o.id === 'string' && names[o.id]) return names[o.id];
		return Object.entries(o)
			.map(([k, x]) => `${schema?.properties?.[k]?.title ?? k}：${display(schema?.properties?.[k], x, names)}`)
			.join('，');
	}
	const option = (schema?.oneOf as { const?: unknown; title?: string }[] | undefined)?.find((o) => o.const === v);
	return option?.title ?? String(v);
}

/** The dossier of a case for a member of staff who may see it (identifiers masked as on the case page); audited as `action`. */
export async function buildDossier(app: App, actor: Actor, caseId: string, action: 'dossier.print' | 'dossier.download'): Promise<Dossier> {
	const view = caseViewFor(app.pii, actor, await app.cases.view(caseId, actor));
	const c: CaseRecord = view.case;
	const svc = view.service;
	const ctx = c.state.machine.context;
	const departments = new Map(app.catalog.dictionaries.departments.map((d) => [d.id, d.name]));
	const who = (a: Actor) => `${a.department ? `${departments.get(a.department) ?? a.department} ` : ''}${a.name}`;

	// materials in the service's order, their files numbered across the dossier
	const ids = Object.values(ctx.materials).flatMap((p) => (p?.source === 'upload' ? p.files : []));
	const meta = new Map((await app.store.files.getMany(ids)).map((f) => [f.id, f]));
	let n = 0;
	const materials = svc.materials
		.filter((m) => ctx.materials[m.id])
		.map((m) => {
			const p = ctx.materials[m.id]!;
			const files: DossierFile[] =
				p.source === 'upload'
					? p.files.map((id) => {
							const f = meta.get(id);
							const no = String(++n).padStart(2, '0');
							const name = f?.name ?? id;
							return { no, id, path: `材料/${no}-${safe(m.name)}-${safe(name)}`, name, mime: f?.mime ?? '', size: f?.size ?? 0, sha256: f?.sha256 ?? '' };
						})
					: [];
			return { name: m.name, how: p.source === 'upload' ? `上传 ${files.length} 个文件` : (SOURCES[p.source] ?? p.source), files };
		});

	const names = Object.fromEntries([...meta.values()].map((f) => [f.id, f.name]));
	const props = svc.form.schema.properties as Record<string, any>;
	const order = Array.isArray(svc.form.uiSchema?.['ui:order']) ? (svc.form.uiSchema['ui:order'] as string[]).filter((k) => k in props) : [];
	const fields = [...order, ...Object.keys(props).filter((k) => !order.includes(k))]
		.map((k) => ({ title: props[k]?.title ?? k, value: display(props[k], ctx.data[k], names) }))
		.filter((f) => f.value);

	const opinions = c.events.flatMap((e) => {
		const p = e.payload as Record<string, any>;
		const checklist = (p.checklist ?? []) as { passed: boolean; standard?: string; id: string; remark?: string }[];
		const failed = checklist.filter((t) => !t.passed).map((t) => `${t.standard ?? t.id}${t.remark ? `（${t.remark}）` : ''}`);
		const text = [
			e.type === 'EXPERT_REVIEW' && `结论：${p.conclusion === 'pass' ? '通过' : '不通过'}`,
			p.opinion,
			p.reason && `理由：${p.reason}`,
			checklist.length && `踏勘 ${checklist.length} 项，${failed.length ? `不合格：${failed.join('、')}` : '全部合格'}`,
			// 开卷式审批: the review standards as ticked; 中介服务 runs
			Array.isArray(p.standards) &&
				p.standards.length &&
				`审查标准 ${p.standards.length} 项，${p.standards.map((t: { standard: string; met: boolean }) => `${t.standard}：${t.met ? '符合' : '不符合'}`).join('、')}`,
			e.type === 'INTERMEDIARY' && `中介服务「${p.name}」${p.action === 'finish' ? '完成' : '开始'}${p.note ? `（${p.note}）` : ''}`,
			e.type === 'INSPECT' && p.remark && `踏勘意见：${p.remark}`,
			e.type === 'VERIFY' && p.note && `核查情况：${p.note}`,
			e.comment && `备注：${e.comment}`
		]
			.filter(Boolean)
			.join('；');
		return text ? [{ at: e.at, who: who(e.actor), step: LOG_LABELS[e.type] ?? e.type, text }] : [];
	});

	const timeline = [
		{ at: c.createdAt, label: c.state.intake ? '窗口收件' : '提交申请', who: c.state.intake ? c.state.intake.filedBy.name : '申请人' },
		...c.events.map((e) => ({ at: e.at, label: LOG_LABELS[e.type] ?? e.type, who: who(e.actor) }))
	];

	const accepted = acceptanceOf(c);
	const documents: Dossier['documents'] = [
		{
			title: '申请受理回执',
			lines: [
				`收件编号：${c.receiptNumber}`,
				`事项：${c.service.name}`,
				`提交时间：${dateTime(c.createdAt)}`,
				...(accepted ? [`受理编号：${accepted.number}${accepted.deemed ? '（视为受理）' : ''}`, `受理时间：${dateTime(accepted.at)}`] : [])
			]
		},
		...ctx.corrections.map((x) => ({
			title: '一次性告知补正通知书',
			lines: [`告知时间：${dateTime(x.at)}`, ...x.problems.map((p) => `${targetLabel(p.target, svc.form, svc.materials, svc.questions)}：${p.message}`)]
		})),
		...c.events
			.filter((e) => NOTICES[e.type])
			.map((e) => ({
				title: NOTICES[e.type],
				lines: [`时间：${dateTime(e.at)}`, `${who(e.actor)}`, ...(e.payload.reason ? [`理由：${String(e.payload.reason)}`] : [])]
			})),
		...c.state.results.map((r) => ({
			title: r.name,
			lines: [
				`类型：${r.type}`,
				`编号：${r.number}`,
				`发证机关：${r.issuer}`,
				`出具时间：${dateTime(r.issuedAt)}`,
				...(r.licence?.validUntil ? [`有效期至：${r.licence.validUntil}`] : []),
				...(r.licence?.revokedAt ? [`已撤销：${dateTime(r.licence.revokedAt)}（${r.licence.revokedReason ?? ''}）`] : [])
			]
		}))
	];

	const decided = c.events.filter((e) => DECISIONS.has(e.type)).at(-1);
	const at = app.time.now().toISOString();
	await app.store.audit.append(auditEntry(at, actor.id, action, c.id, { files: n }));
	return {
		generatedAt: at,
		generatedBy: who(actor),
		cover: {
			receiptNumber: c.receiptNumber,
			...(accepted ? { acceptanceNumber: accepted.number } : {}),
			service: c.service.name,
			applicant: maskedApplicant(ctx.data) ?? '',
			status: CASE_STATUS[c.status],
			submittedAt: c.createdAt,
			...(accepted ? { acceptedAt: accepted.at } : {}),
			...(decided && c.status !== 'active' ? { decidedAt: decided.at } : {}),
			...(view.clock.case.dueAt ? { dueAt: view.clock.case.dueAt } : {}),
			result: c.status === 'active' ? '办理中' : [CASE_STATUS[c.status], ...c.state.results.map((r) => `${r.name} ${r.number}`)].join('；')
		},
		answers: answerLabels(svc.questions, ctx.answers).map(({ question, labels }) => ({ question, labels })),
		fields,
		materials,
		opinions,
		consultations: consultationsOf(c),
		timeline,
		documents
	};
}
