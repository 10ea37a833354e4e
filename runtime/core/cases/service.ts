import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { compose, type ComposedService } from '../compose';
import type { DefinitionService } from '../definitions';
import { HttpError, forbidden, invalid, notFound } from '../errors';
import { validateForm } from '../form-validate';
import { fileRefsIn } from '../form-data';
import type { Item } from '../model';
import { EVENT_TYPES, type EventType } from '../model/workflow';
import { ConflictError, type Actor, type CaseEvent, type CaseRecord, type FileRecord, type Store, type Task } from '../store';
import type { LicenceLibrary } from '../licences';
import type { TimeSource } from '../time';
import { addWorkingDays, localDate, type WorkCalendar } from '../calendar';
import type { CaseContext } from '../workflow/library';
import { walkStates } from '../workflow/graph';
import { applyEvent, clocks, deriveTasks, finalStatus, mayAct, offers, startSnapshot, TERMINATE, type Offer } from './engine';
import { EVENT_PAYLOADS, EVENT_LABELS, ProvidedMaterial, SYSTEM_ACTOR, type Problem } from './events';
import { checkMaterials, type MaterialContext } from './materials-check';
import { deferredAgain, settleBefore } from './supplied';
import { issueResults, type IssuedResult } from './results';
import { progressOf } from './progress';
import { verificationsFor, verificationTasks, VerifyBody, type Verification } from './verifications';

export const SubmitBody = z.strictObject({
	service: z.strictObject({ kind: z.enum(['item', 'bundle']), id: z.string().min(1) }),
	answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
	data: z.record(z.string(), z.unknown()).default({}),
	materials: z.record(z.string(), ProvidedMaterial).default({}),
	consents: z.strictObject({ licenceFetch: z.boolean().default(false) }).default({ licenceFetch: false })
});
export type SubmitBody = z.infer<typeof SubmitBody>;

export const EventBody = z.looseObject({
	type: z.enum(EVENT_TYPES, { message: `未知的操作，应为 ${EVENT_TYPES.join('、')} 之一` }),
	version: z.number({ message: '须提供办件版本号 version（乐观并发控制）' }).int().min(0),
	branch: z.string().optional(),
	comment: z.string().max(2000).optional()
});

export interface Correction {
	at: string;
	by: string;
	branch?: string;
	statePath: string;
	problems: Problem[];
	resolvedAt?: string;
}

/** Creates cases from submissions and moves them with reviewer and applicant events. */
export class CaseService {
	private composed = new Map<string, ComposedService>();
	constructor(
		private store: Store,
		private defs: DefinitionService,
		readonly calendar: WorkCalendar,
		readonly time: TimeSource,
		private licences: LicenceLibrary
	) {}

	async composeFor(c: Pick<CaseRecord, 'pins' | 'answers'>): Promise<ComposedService> {
		const key = JSON.stringify([c.pins, c.answers]);
		let out = this.composed.get(key);
		if (!out) {
			out = compose(await this.defs.sourceFromPins(c.pins), c.answers);
			if (this.composed.size > 1000) this.composed.delete(this.composed.keys().next().value!);
			this.composed.set(key, out);
		}
		return out;
	}

	private receipts: Promise<unknown> = Promise.resolve();
	/** 受理编号 QZyyyymmdd + a daily sequence; numbers are handed out one at a time so concurrent submissions never share one. */
	private receiptNumber(now: Date): Promise<string> {
		const day = localDate(now).replace(/-/g, '');
		const next = this.receipts.then(async () => {
			const n = ((await this.store.meta.get<number>(`receipt:${day}`)) ?? 0) + 1;
			await this.store.meta.set(`receipt:${day}`, n);
			return `QZ${day}${String(n).padStart(6, '0')}`;
		});
		this.receipts = next.catch(() => undefined);
		return next;
	}

	/** What checkMaterials needs to judge provided materials: the uploads they point at and the applicant's licences. */
	private async materialContext(actor: Actor, provided: Record<string, ProvidedMaterial>, answers: Record<string, unknown>, data: Record<string, unknown>, licenceConsent: boolean): Promise<MaterialContext> {
		const files = new Map<string, FileRecord>();
		for (const p of Object.values(provided)) if (p.source === 'upload') for (const id of p.files) { const f = await this.store.files.get(id); if (f) files.set(id, f); }
		return { answers, data, files, licences: licenceConsent ? await this.licences.fetchable(actor.id, this.time.now().toISOString()) : [], applicantId: actor.id, licenceConsent };
	}

	/** 电子证照 fetched with the applicant's consent are logged, one entry per licence. */
	private async auditFetched(actor: Actor, caseId: string, provided: Record<string, ProvidedMaterial>, at: string) {
		for (const [material, p] of Object.entries(provided))
			if (p.source === 'licence') await this.store.audit.append({ id: randomUUID(), at, actorId: actor.id, action: 'licence.fetch', caseId, detail: { material, licenceId: p.licenceId } });
	}

	async submit(actor: Actor, body: SubmitBody) {
		if (!actor.roles.includes('applicant')) throw forbidden('只有申请人可以提交申请');
		const source = await this.defs.source(body.service.kind, body.service.id);
		const service = compose(source, body.answers);
		const unanswered = service.questions.filter((q) => body.answers[q.key] === undefined);
		if (unanswered.length) throw invalid('请先回答办事情形问题', unanswered.map((q) => ({ path: `answers.${q.key}`, message: `请回答「${q.question}」` })));
		const form = validateForm(service.form, body.data, body.answers);
		const now = this.time.now();
		const materialErrors = checkMaterials(service.materials, body.materials, await this.materialContext(actor, body.materials, body.answers, form.value, body.consents.licenceFetch));
		const fileErrors = await this.foreignFiles(service, form.value, actor);
		const errors = [...form.errors.map((e) => ({ path: `data.${e.path}`, message: `${e.field}：${e.message}` })), ...fileErrors, ...materialErrors];
		if (errors.length) throw invalid(`申请有 ${errors.length} 处需要修改`, errors);

		const context: CaseContext = {
			answers: body.answers,
			data: form.value,
			commitments: Object.entries(body.materials).filter(([, p]) => p.source === 'commitment').map(([id]) => id),
			pending: service.materials
				.filter((m) => body.materials[m.id]?.source === 'deferred' && m.deferrable.allowed)
				.map((m) => ({ material: m.id, dueAt: addWorkingDays(this.calendar, now, m.deferrable.allowed ? m.deferrable.withinDays : 0) })),
			outcomes: {}
		};
		const c: CaseRecord = {
			id: `c${now.getTime().toString(36)}${randomUUID().slice(0, 8)}`,
			receiptNumber: await this.receiptNumber(now),
			version: 0,
			service: { kind: service.kind, id: service.id, name: service.name },
			pins: service.pins,
			applicantId: actor.id,
			answers: body.answers,
			data: form.value,
			materials: body.materials,
			status: 'active',
			snapshot: startSnapshot(service.workflow, context),
			createdAt: now.toISOString(),
			updatedAt: now.toISOString(),
			events: [],
			extra: { corrections: [], results: [], initialValue: undefined, initialContext: context }
		};
		c.extra.initialValue = c.snapshot.value;
		await this.store.cases.create(c);
		await this.auditFetched(actor, c.id, body.materials, now.toISOString());
		await this.refreshTasks(c, service);
		return this.view(c.id, actor);
	}

	private async refreshTasks(c: CaseRecord, service: ComposedService) {
		const clock = this.clockOf(c, service);
		const previous = await this.store.tasks.query({ caseId: c.id });
		const tasks = deriveTasks({ workflow: service.workflow, c, initialValue: c.extra.initialValue, clock, calendar: this.calendar, previous });
		await this.store.tasks.replaceForCase(c.id, [...tasks, ...verificationTasks(c, previous)]);
	}

	clockOf(c: CaseRecord, service: ComposedService) {
		const branchLimits = service.kind === 'bundle' ? Object.fromEntries(service.members.filter((m) => m.included).map((m) => [m.item, m.promisedLimitDays])) : {};
		return clocks({ workflow: service.workflow, c, initialValue: c.extra.initialValue, limitDays: service.limits.promisedDays, branchLimits, calendar: this.calendar, now: this.time.now() });
	}

	async get(id: string): Promise<CaseRecord> {
		const c = await this.store.cases.get(id);
		if (!c) throw notFound(`办件「${id}」`);
		return c;
	}

	/** Who may see a case: its applicant, staff of a department it involves, administrators. */
	async canSee(actor: Actor, c: CaseRecord, service?: ComposedService): Promise<boolean> {
		if (actor.id === c.applicantId || actor.roles.includes('admin')) return true;
		if (!actor.department) return false;
		const s = service ?? (await this.composeFor(c));
		return walkStates(s.workflow).some((e) => e.node.meta?.department === actor.department);
	}

	async view(id: string, actor: Actor) {
		const c = await this.get(id);
		const service = await this.composeFor(c);
		if (!(await this.canSee(actor, c, service))) throw forbidden('您无权查看该办件');
		if (actor.id !== c.applicantId)
			await this.store.audit.append({ id: randomUUID(), at: this.time.now().toISOString(), actorId: actor.id, action: 'case.view', caseId: c.id });
		const clock = this.clockOf(c, service);
		const mine = c.status === 'active' ? offers(service.workflow, c.snapshot.value).filter((o) => mayAct(actor, o, c.applicantId)) : [];
		return {
			case: c,
			clock,
			actions: mine.map((o) => ({ ...o, label: EVENT_LABELS[o.type as EventType] ?? o.type, stateLabel: o.label, ...(o.type === 'INSPECT' ? { checklist: this.checklistOf(service, o) } : {}) })),
			tasks: await this.store.tasks.query({ caseId: c.id }),
			progress: progressOf(service.workflow, c.snapshot.value),
			service: { kind: service.kind, id: service.id, name: service.name, members: service.members, materials: service.materials, form: service.form, limits: service.limits }
		};
	}

	/** Applies a reviewer or applicant event: role, department, payload and version are all checked. */
	async act(actor: Actor, id: string, raw: unknown) {
		const parsed = EventBody.safeParse(raw);
		if (!parsed.success) throw invalid('操作请求不正确', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
		const { type, version, branch, comment, ...rest } = parsed.data;
		const payloadResult = EVENT_PAYLOADS[type].safeParse(rest);
		if (!payloadResult.success) throw invalid(`「${EVENT_LABELS[type]}」缺少必要信息`, payloadResult.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
		const payload = payloadResult.data as Record<string, any>;
		const c = await this.get(id);
		const service = await this.composeFor(c);
		if (c.version !== version) throw new ConflictError(`办件已被他人更新（当前第 ${c.version} 版，您提交的是第 ${version} 版），请查看最新状态后重试`, c);
		if (c.status !== 'active') throw new HttpError(409, '办件已办结，不能再操作');
		const candidates = offers(service.workflow, c.snapshot.value).filter((o) => o.type === type && (!branch || o.branch === branch));
		if (!candidates.length) throw new HttpError(409, `当前环节不能执行「${EVENT_LABELS[type]}」`);
		const allowed = candidates.filter((o) => mayAct(actor, o, c.applicantId));
		if (!allowed.length) throw forbidden(`您的角色或部门不能在「${candidates[0].label}」环节执行「${EVENT_LABELS[type]}」`);
		const branches = [...new Set(allowed.map((o) => o.branch).filter((b): b is string => !!b))];
		if (branches.length > 1 && type !== 'RESUBMIT' && type !== 'SUPPLY') throw invalid('请指定部门分支', [{ path: 'branch', message: `可选：${branches.join('、')}` }]);
		const offer = allowed[0];
		await this.refuseIfClaimedByOther(c.id, offer, actor);
		const now = this.time.now().toISOString();
		const next: CaseRecord = structuredClone(c);
		await this.prepare(next, service, type, payload, offer, actor, now);

		const event: { type: EventType; branch?: string; branches: string[] } & Record<string, unknown> = { type, branch: branches.length === 1 ? branches[0] : undefined, branches, ...payload };
		if (type === 'INSPECT') event.checklist = this.annotateChecklist(service, offer, payload.checklist as { id: string; passed: boolean }[]);
		if (!event.branch) delete event.branch;
		const { snapshot, effects } = applyEvent(service.workflow, { ...next.snapshot, context: { ...next.snapshot.context, data: next.data } }, event);
		if (JSON.stringify(snapshot) === JSON.stringify(c.snapshot) && type !== 'SUPPLY')
			throw new HttpError(422, `条件不满足，不能执行「${EVENT_LABELS[type]}」`);
		const status = finalStatus(service.workflow, snapshot);
		if (status === 'closed' && (snapshot.context.pending as unknown[]).length)
			throw new HttpError(409, '容缺材料尚未补齐，办件不能办结');
		const logged = { ...payload, ...(type === 'RESUBMIT' ? { data: next.data, changed: Object.keys(payload.data) } : {}), ...(type === 'INSPECT' ? { checklist: event.checklist } : {}) };
		const { type: _t, ...eventPayload } = { ...event, ...logged };
		const record: CaseEvent = { seq: c.version + 1, at: now, actor, type, payload: eventPayload, comment, stateAfter: snapshot.value };
		Object.assign(next, { snapshot, status, version: c.version + 1, updatedAt: now, events: [...c.events, record] });
		if (status === 'closed') next.extra.verifications = verificationsFor(next, service, this.calendar, this.time.now());
		if (effects.some((e) => e.type === 'issueResult'))
			issueResults(next, service.pins.filter((p) => p.kind === 'item').map((p) => this.defs.cachedItem(p.id, p.version)!), now);
		await this.store.cases.update(next, c.version);
		if (type === 'RESUBMIT' || type === 'SUPPLY') await this.auditFetched(actor, c.id, type === 'SUPPLY' ? { [payload.material]: payload.provided } : payload.materials, now);
		for (const r of next.extra.results as IssuedResult[]) if (r.licence) await this.licences.add(r.licence);
		await this.store.audit.append({ id: randomUUID(), at: now, actorId: actor.id, action: `case.${type}`, caseId: c.id, detail: { branch: event.branch, comment } });
		await this.refreshTasks(next, service);
		return this.view(id, actor);
	}

	/** A file field (also inside a repeatable group) must point at a file the applicant uploaded. */
	private async foreignFiles(service: ComposedService, data: Record<string, unknown>, actor: Actor) {
		const out: { path: string; message: string }[] = [];
		for (const ref of fileRefsIn(service.form.schema, data)) {
			const f = await this.store.files.get(ref.id);
			if (!f || f.ownerId !== actor.id) out.push({ path: `data.${ref.path}`, message: `${ref.title}：文件不存在或不属于您` });
		}
		return out;
	}

	/** 签收: once an officer claims a task, colleagues cannot act on it until it is released. */
	private async refuseIfClaimedByOther(caseId: string, offer: Offer, actor: Actor) {
		if (offer.role === 'applicant') return;
		const task = (await this.store.tasks.query({ caseId })).find((t) => t.statePath === offer.statePath);
		if (task?.claimedBy && task.claimedBy !== actor.id) throw await this.claimedError(task.claimedBy);
	}

	private async claimedError(claimedBy: string) {
		const owner = await this.store.accounts.get(claimedBy);
		return new HttpError(409, `该待办已由 ${owner?.name ?? claimedBy} 签收，请其释放后再办理`);
	}

	/** Each tick with the standard's text and whether it is required, as recorded in the log (and replayed). */
	private annotateChecklist(service: ComposedService, offer: Offer, ticks: { id: string; passed: boolean; remark?: string }[]) {
		const list = this.checklistOf(service, offer);
		return ticks.map((t) => {
			const standard = list.find((x) => x.id === t.id);
			return { ...t, standard: standard?.standard ?? t.id, required: standard?.required ?? true };
		});
	}

	private checklistOf(service: ComposedService, offer: Offer): Item['inspectionChecklist'] {
		const itemId = offer.branch ?? service.pins.find((p) => p.kind === 'item')?.id;
		const pin = service.pins.find((p) => p.kind === 'item' && p.id === itemId);
		return (pin && this.defs.cachedItem(pin.id, pin.version)?.inspectionChecklist) || [];
	}

	/** Event-specific checks and record-keeping before the transition. */
	private async prepare(next: CaseRecord, service: ComposedService, type: EventType, payload: Record<string, any>, offer: Offer, actor: Actor, now: string) {
		const corrections = next.extra.corrections as Correction[];
		if (type === 'REQUEST_CORRECTION') {
			const fields = new Set(Object.keys(service.form.schema.properties));
			const mats = new Set(service.materials.map((m) => m.id));
			const bad = (payload.problems as Problem[]).map((p, i) => ({ p, i })).filter(({ p }) => !(p.target.kind === 'field' ? fields : mats).has(p.target.id));
			if (bad.length) throw invalid('补正通知引用了不存在的字段或材料', bad.map(({ p, i }) => ({ path: `problems.${i}.target.id`, message: `不存在的${p.target.kind === 'field' ? '字段' : '材料'}「${p.target.id}」` })));
			corrections.push({ at: now, by: actor.id, branch: offer.branch, statePath: offer.statePath, problems: payload.problems });
		}
		if (type === 'RESUBMIT') {
			const open = corrections.filter((x) => !x.resolvedAt);
			const allowedFields = new Set(open.flatMap((x) => x.problems.filter((p) => p.target.kind === 'field').map((p) => p.target.id)));
			const allowedMats = new Set(open.flatMap((x) => x.problems.filter((p) => p.target.kind === 'material').map((p) => p.target.id)));
			const extra = [
				...Object.keys(payload.data).filter((k) => !allowedFields.has(k)).map((k) => ({ path: `data.${k}`, message: '该字段不在补正通知中，不能修改' })),
				...Object.keys(payload.materials).filter((k) => !allowedMats.has(k)).map((k) => ({ path: `materials.${k}`, message: '该材料不在补正通知中，不能修改' }))
			];
			if (extra.length) throw invalid('只能修改补正通知中列出的内容', extra);
			const data = { ...next.data, ...payload.data };
			const form = validateForm(service.form, data, next.answers);
			const materials = { ...next.materials, ...payload.materials } as Record<string, ProvidedMaterial>;
			const matErrors = checkMaterials(service.materials.filter((m) => m.id in payload.materials), payload.materials, await this.materialContext(actor, payload.materials, next.answers, data, payload.licenceConsent));
			const errors = [...form.errors.map((e) => ({ path: `data.${e.path}`, message: `${e.field}：${e.message}` })), ...(await this.foreignFiles(service, payload.data, actor)), ...matErrors, ...deferredAgain(payload.materials)];
			if (errors.length) throw invalid(`补正内容有 ${errors.length} 处需要修改`, errors);
			next.data = form.value;
			next.materials = materials;
			for (const x of open) x.resolvedAt = now;
		}
		if (type === 'INSPECT') {
			const list = this.checklistOf(service, offer);
			const ticked = new Set((payload.checklist as { id: string }[]).map((t) => t.id));
			const missing = list.filter((x) => !ticked.has(x.id));
			if (missing.length) throw invalid('踏勘记录须逐项勾选', missing.map((x) => ({ path: `checklist.${x.id}`, message: `未勾选「${x.standard}」` })));
		}
		if (type === 'SUPPLY') {
			const pending = (next.snapshot.context.pending as { material: string }[]).some((p) => p.material === payload.material);
			if (!pending) throw invalid('没有待补交的该项容缺材料', [{ path: 'material', message: `「${payload.material}」不在容缺清单中` }]);
			const material = service.materials.filter((m) => m.id === payload.material);
			const supplied = { [payload.material]: payload.provided } as Record<string, ProvidedMaterial>;
			const errors = [...checkMaterials(material, supplied, await this.materialContext(actor, supplied, next.answers, next.data, payload.licenceConsent)), ...deferredAgain(supplied)];
			if (errors.length) throw invalid('补交的材料需要修改', errors);
			next.materials = { ...next.materials, [payload.material]: payload.provided };
		}
		settleBefore(type, payload, next.snapshot.context, service.materials, this.calendar, now);
	}

	async claim(actor: Actor, taskId: string, release = false): Promise<Task> {
		const task = await this.store.tasks.get(taskId);
		if (!task) throw notFound(`待办「${taskId}」`);
		if (!actor.roles.includes(task.role) || actor.department !== task.department) throw forbidden('您不能签收该待办');
		if (release && task.claimedBy !== actor.id && !actor.roles.includes('admin')) throw new HttpError(409, '只能释放自己签收的待办');
		if (!release && task.claimedBy && task.claimedBy !== actor.id) throw await this.claimedError(task.claimedBy);
		const at = this.time.now().toISOString();
		const updated = await this.store.tasks.setClaim(taskId, release ? undefined : actor.id, task.claimedBy, at);
		await this.store.audit.append({ id: randomUUID(), at, actorId: actor.id, action: release ? 'task.release' : 'task.claim', caseId: task.caseId, detail: { step: task.label } });
		return updated;
	}

	/** 告知承诺核查: the department's reviewer records whether a commitment was true; a false one revokes that item's licence. */
	async verify(actor: Actor, id: string, verificationId: string, raw: unknown) {
		const parsed = VerifyBody.safeParse(raw);
		if (!parsed.success) throw invalid('核查结论不完整', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
		const c = await this.get(id);
		if (c.version !== parsed.data.version) throw new ConflictError(`办件已被他人更新（当前第 ${c.version} 版，您提交的是第 ${parsed.data.version} 版），请查看最新状态后重试`, c);
		const next: CaseRecord = structuredClone(c);
		const v = ((next.extra.verifications as Verification[]) ?? []).find((x) => x.id === verificationId);
		if (!v) throw notFound(`核查任务「${verificationId}」`);
		if (v.status !== 'open') throw new HttpError(409, '该告知承诺已核查');
		if (!actor.roles.includes('reviewer') || actor.department !== v.department) throw forbidden('只有承诺所涉部门的审查人员可以核查');
		const now = this.time.now().toISOString();
		Object.assign(v, { status: parsed.data.result, note: parsed.data.note, by: actor.id, at: now });
		const record: CaseEvent = { seq: c.version + 1, at: now, actor, type: 'VERIFY', payload: { verification: v.id, material: v.material, result: parsed.data.result, note: parsed.data.note }, stateAfter: c.snapshot.value };
		Object.assign(next, { version: c.version + 1, updatedAt: now, events: [...c.events, record] });
		await this.store.cases.update(next, c.version);
		if (parsed.data.result === 'false')
			for (const r of next.extra.results as IssuedResult[])
				if (r.item === v.item && r.licence) await this.licences.revoke(r.licence.id, `告知承诺不实：${v.note}`, now);
		await this.store.audit.append({ id: randomUUID(), at: now, actorId: actor.id, action: 'case.VERIFY', caseId: c.id, detail: { verification: v.id, result: parsed.data.result } });
		await this.refreshTasks(next, await this.composeFor(next));
		return this.view(id, actor);
	}

	/** 容缺受理: a deferred material not supplied by its deadline ends the case (domain §8). Returns false when nothing was late. */
	async endIfDeferredLate(c: CaseRecord): Promise<boolean> {
		const now = this.time.now();
		const late = ((c.snapshot.context.pending as { material: string; dueAt: string }[]) ?? []).filter((p) => p.dueAt < now.toISOString());
		// the time to supply runs from 受理: nothing ends a case the front desk has not accepted yet
		if (c.status !== 'active' || !late.length || !c.events.some((e) => e.type === 'ACCEPT')) return false;
		const service = await this.composeFor(c);
		const names = late.map((p) => `「${service.materials.find((m) => m.id === p.material)?.name ?? p.material}」`).join('、');
		const reason = `容缺材料${names}未在承诺期限内补交，办件终止`;
		const { snapshot } = applyEvent(service.workflow, c.snapshot, { type: TERMINATE, reason });
		const at = now.toISOString();
		const record: CaseEvent = { seq: c.version + 1, at, actor: SYSTEM_ACTOR, type: TERMINATE, payload: { reason, materials: late.map((p) => p.material) }, stateAfter: snapshot.value };
		const next: CaseRecord = { ...structuredClone(c), snapshot, status: finalStatus(service.workflow, snapshot), version: c.version + 1, updatedAt: at };
		next.events = [...c.events, record];
		await this.store.cases.update(next, c.version);
		await this.store.audit.append({ id: randomUUID(), at, actorId: SYSTEM_ACTOR.id, action: `case.${TERMINATE}`, caseId: c.id, detail: { materials: late.map((p) => p.material) } });
		await this.refreshTasks(next, service);
		return true;
	}

	/** Rebuilds a case's snapshot by replaying its event log from the start. */
	async replay(id: string): Promise<CaseRecord['snapshot']> {
		const c = await this.get(id);
		const service = await this.composeFor(c);
		const initial = c.extra.initialContext as CaseContext;
		let snap = startSnapshot(service.workflow, initial);
		let data = initial.data;
		for (const e of c.events) {
			if (e.type === 'VERIFY') continue; // after the machine finished: not a transition
			if (e.type === 'RESUBMIT') data = e.payload.data as Record<string, unknown>;
			const context = structuredClone({ ...snap.context, data });
			settleBefore(e.type, e.payload, context, service.materials, this.calendar, e.at);
			snap = applyEvent(service.workflow, { ...snap, context }, eventOf(e)).snapshot;
		}
		return snap;
	}
}

/** The machine event a logged event stands for. */
function eventOf(e: CaseEvent) {
	const { branch, branches, ...payload } = e.payload as { branch?: string; branches?: string[] };
	return { type: e.type, branch, branches: branches ?? (branch ? [branch] : []), ...payload };
}
