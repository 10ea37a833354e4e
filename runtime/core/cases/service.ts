import { randomUUID } from 'node:crypto';
import { auditEntry } from '../audit';
import { consentActive } from '../consents';
import { z } from 'zod';
import { compose, pinsOf, type ComposedService, type ServiceSource } from '../compose';
import type { DefinitionService } from '../definitions';
import { HttpError, forbidden, invalid, notFound } from '../errors';
import { validateForm } from '../form-validate';
import { fileRefsIn } from '../form-data';
import { Lru } from '../lru';
import type { Bundle, Item } from '../model';
import { EVENT_TYPES, type EventType } from '../model/workflow';
import {
	ConflictError,
	type Account,
	type Actor,
	type AuditEntry,
	type CaseEvent,
	type CaseRecord,
	type Pin,
	type Store,
	type StoreTx,
	type Task
} from '../store';
import type { LicenceLibrary } from '../licences';
import type { SharedDataRegistry } from '../shared-data/registry';
import type { TimeSource } from '../time';
import { addWorkingDays, type WorkCalendar } from '../calendar';
import { walkStates } from '../workflow/graph';
import { freezeWorkflow } from '../workflow/machine';
import { eventLabelIn, wordingFor } from '../workflow/vocabulary';
import { branchPath, clocks, deriveTasks, finalStatus, mayAct, offers, type Offer } from './engine';
import { decide, emptyContext, start } from './decide';
import { isStale, machineEventOf, newCase, replayLog, timerDue } from './record';
import { EVENTS, ProvidedMaterial, SYSTEM_ACTOR } from './events';
import { ApplicantInputs, providedOf } from './inputs';
import { checkAnswers } from './answers';
import { checkEvent, type CheckEnv } from './checks';
import { stepStandards } from './standards';
import { checkStepFields, readableCase, stepFields, viewerAccess } from './access';
import { membersOf } from './combined';
import { platformEffects, runEffects } from './effects';
import { progressOf } from './progress';
import { verificationTasks, VerifyBody } from './verifications';
import { addresses, consultationsOf, consultationTasks, forApplicant, holdsTaskRole } from './consultations';
import type { CaseState, MachineState } from './state';
import { windowCentre, windowIntake, type OnBehalfOf } from './intake';
import { maskedApplicant } from '../names';
import { checkDelivery, DeliveryChoice } from './delivery';
import { acceptanceOf, deemedAcceptanceAt, deemedAcceptancePayload, latestSubmission, numberCounter, receiptNumberOf, recordAcceptance } from './acceptance';
import { errorText } from '../error-text';
import { caseData, kindsOfEvent, loadSubscriptions, scopeOf, webhookMessages, WebhookFanout } from '../webhooks';
import { activeRestrictions, commitmentRefusals, creditMessage, creditRecordFor, DEFAULT_RESTRICTION_DAYS } from '../credit';
import { caseFacts, type CaseFacts } from '../metrics/facts';

export const SubmitBody = z.strictObject({
	service: z.strictObject({ kind: z.enum(['item', 'bundle']), id: z.string().min(1) }),
	answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
	data: z.record(z.string(), z.unknown()).default({}),
	/** each material's choice, checked by CaseService.check (an unfinished one is named there, with every other problem) */
	materials: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
	/** licenceFetch: this application's consent to fetch the applicant's 电子证照; absent = the account's standing consent (runtime/core/consents.ts) */
	consents: z.strictObject({ licenceFetch: z.boolean().optional() }).default({}),
	/** 送达方式 chosen at application (an address for 邮寄); absent = the issuer takes the first allowed method */
	delivery: DeliveryChoice.optional()
});
export type SubmitBody = z.infer<typeof SubmitBody>;

export const EventBody = z.looseObject({
	type: z.enum(EVENT_TYPES, { message: `未知的操作，应为 ${EVENT_TYPES.join('、')} 之一` }),
	version: z.number({ message: '须提供办件版本号 version（乐观并发控制）' }).int().min(0),
	branch: z.string().optional(),
	comment: z.string().max(2000).optional(),
	/** 字段权限: values of the fields this step may change (可修改) or completes (本环节填写) */
	fields: z.record(z.string(), z.unknown()).optional()
});

const issuesOf = (e: z.ZodError) => e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

/** Creates cases from submissions and moves them with reviewer and applicant events, one transaction each. */
export class CaseService {
	/** composed services by (pinned versions, answers), the least recently used forgotten first; form validation keys its compiled shapes by these objects */
	private composed = new Lru<string, ComposedService>(1000);
	private inputs: ApplicantInputs;
	/** calendar days a false 告知承诺 bars commitments for the item (CREDIT_RESTRICTION_DAYS) */
	creditRestrictionDays = DEFAULT_RESTRICTION_DAYS;
	/** 统一公共支付 (set by the app): 出件 waits until the fees are paid; a case ending without its result is refunded */
	payments?: { requirePaid(c: CaseRecord): Promise<void>; settleEnded(caseId: string): Promise<void> };
	constructor(
		private store: Store,
		private defs: DefinitionService,
		readonly calendar: WorkCalendar,
		readonly time: TimeSource,
		licences: LicenceLibrary,
		/** 部门共享: the sharing departments' providers (materials fetched with the applicant's consent) */
		shared?: SharedDataRegistry
	) {
		this.inputs = new ApplicantInputs(store, licences, time, shared);
	}

	/** The case's service: its pinned versions composed for its answers now (a 补正 may change them, never the items handled). */
	async composeFor(c: Pick<CaseRecord, 'pins'> & { state: { machine: { context: { answers: Record<string, unknown> } } } }): Promise<ComposedService> {
		return this.composeWith(c, c.state.machine.context.answers);
	}

	/** The case's pinned versions composed for other answers (a 补正 of a situation answer). */
	async composeWith(c: Pick<CaseRecord, 'pins'>, answers: Record<string, unknown>): Promise<ComposedService> {
		return this.composedOf(c.pins, answers, () => this.defs.sourceFromPins(c.pins));
	}

	/** compose() once per (pinned versions, answers): cases and submissions of one shape share it */
	private async composedOf(pins: Pick<Pin, 'kind' | 'id' | 'version'>[], answers: Record<string, unknown>, source: () => Promise<ServiceSource>) {
		const key = JSON.stringify([pins.map((p) => [p.kind, p.id, p.version]), answers]);
		let out = this.composed.get(key);
		if (!out) {
			out = compose(await source(), answers);
			freezeWorkflow(out.workflow);
			this.composed.set(key, out);
		}
		return out;
	}

	itemsOf(service: ComposedService): Item[] {
		return service.pins.filter((p) => p.kind === 'item').map((p) => this.defs.cachedItem(p.id, p.version)!);
	}

	private bundleOf(service: ComposedService): Bundle | undefined {
		const pin = service.pins.find((p) => p.kind === 'bundle');
		return pin && this.defs.cachedBundle(pin.id, pin.version);
	}

	/** An action's label in its item's words (准予许可, 予以确认…: workflow-vocabulary.json); a bundle member's by its branch. */
	private actionLabel(service: ComposedService, o: Offer): string {
		const items = this.itemsOf(service);
		const item = items.length === 1 ? items[0] : items.find((i) => branchPath(service.workflow, o.statePath).includes(i.id));
		return eventLabelIn(wordingFor(this.defs.dictionaries.workflowVocabulary, item?.type), o.type);
	}

	/** Files a case holds: uploads among its materials (now or in its log) and typed file fields of its form; never ids in text. */
	async holdsFile(c: CaseRecord, fileId: string): Promise<boolean> {
		const service = await this.composeFor(c);
		const ctx = c.state.machine.context;
		const materials = [
			ctx.materials,
			c.state.initial.context.materials,
			...c.events.flatMap((e) => [e.payload.materials, e.payload.provided ? { x: e.payload.provided } : undefined])
		];
		const inMaterials = materials.some((m) =>
			Object.values((m ?? {}) as Record<string, ProvidedMaterial>).some((p) => p?.source === 'upload' && p.files.includes(fileId))
		);
		const inFields = [ctx.data, c.state.initial.context.data].some((d) => fileRefsIn(service.form.schema, d).some((r) => r.id === fileId));
		return inMaterials || inFields || c.state.intake?.authorisation.file === fileId;
	}

	/** 电子证照 and 部门共享 data fetched with the applicant's consent are logged, one entry per licence or dataset. */
	private fetchedAudit(actor: Actor, caseId: string, provided: Record<string, ProvidedMaterial>, at: string): AuditEntry[] {
		return Object.entries(provided).flatMap(([material, p]) =>
			p.source === 'licence'
				? [auditEntry(at, actor.id, 'licence.fetch', caseId, { material, licenceId: p.licenceId })]
				: p.source === 'shared' && p.fetched
					? [auditEntry(at, actor.id, 'shared.fetch', caseId, { material, dataset: p.fetched.dataset, department: p.fetched.department })]
					: []
		);
	}

	/**
	 * The citizen a front-desk officer files for (帮办代办): refused unless the officer works at a service centre's front
	 * desk, the account is an applicant's, and the authorisation file was uploaded by the officer or the citizen.
	 */
	async citizenFor(officer: Actor, onBehalfOf: OnBehalfOf): Promise<Actor> {
		if (!windowCentre(this.defs.dictionaries, officer)) throw forbidden('只有政务服务中心综合受理窗口的工作人员可以代为提交申请');
		const account = await this.store.accounts.get(onBehalfOf.applicant);
		if (!account || !account.roles.includes('applicant'))
			throw invalid('申请人账号不存在', [{ path: 'onBehalfOf.applicant', message: `没有申请人账号「${onBehalfOf.applicant}」` }]);
		const file = onBehalfOf.authorisation.file;
		const owner = file ? (await this.store.files.get(file))?.ownerId : undefined;
		if (file && owner !== officer.id && owner !== account.id)
			throw invalid('授权委托书文件不存在', [{ path: 'onBehalfOf.authorisation.file', message: `文件 ${file} 不存在或不是您上传的` }]);
		return { id: account.id, name: account.name, roles: account.roles };
	}

	/**
	 * Files an application. `onBehalfOf` (帮办代办 / 窗口收件): a front-desk officer of a service centre files for a citizen,
	 * with the citizen's authorisation; the case is the citizen's, and its intake record names the officer and the centre.
	 */
	/**
	 * Checks a submission without filing it (the 核对 step, and submit itself): every problem of the situation answers, the
	 * fields and the materials in one list, each named.
	 */
	async check(actor: Actor, body: SubmitBody, onBehalfOf?: OnBehalfOf) {
		if (!onBehalfOf && !actor.roles.includes('applicant')) throw forbidden('只有申请人可以提交申请');
		const source = await this.defs.source(body.service.kind, body.service.id);
		const service = await this.composedOf(pinsOf(source), body.answers, async () => source);
		// the officer's right to file is checked first: a citizen sending onBehalfOf learns nothing about the account named
		const applicant = onBehalfOf ? await this.citizenFor(actor, onBehalfOf) : actor;
		const intake = onBehalfOf && windowIntake(this.defs.dictionaries, actor, onBehalfOf.authorisation, this.itemsOf(service));
		const uploader = onBehalfOf ? actor.id : undefined;
		const answerErrors = checkAnswers(service.questions, body.answers);
		const form = validateForm(service.form, body.data, body.answers);
		const consent = body.consents.licenceFetch ?? consentActive(await this.store.accounts.get(applicant.id), 'licenceFetch');
		const { provided, errors: shapeErrors } = providedOf(service.materials, body.materials, body.answers, form.value);
		const named = new Set(shapeErrors.map((e) => e.path));
		const materialErrors = (await this.inputs.materialErrors(applicant, service.materials, provided, body.answers, form.value, consent, uploader)).filter(
			(e) => !named.has(e.path)
		);
		const fileErrors = await this.inputs.foreignFiles(service, form.value, applicant, uploader);
		const delivery = checkDelivery(body.delivery, service.guide.delivery);
		// 信用记录: a false commitment bars 告知承诺 for that item for a while
		const restricted = activeRestrictions(await this.store.credit.bySubject(applicant.id), this.time.now());
		const creditErrors = commitmentRefusals(service.materials, provided, restricted).filter((e) => !named.has(e.path));
		const errors = [
			...answerErrors,
			...form.errors.map((e) => ({ path: `data.${e.path}`, message: errorText.fieldError(e) })),
			...fileErrors,
			...shapeErrors,
			...materialErrors,
			...creditErrors,
			...delivery.errors
		];
		return { service, applicant, intake, form, provided, consent, delivery: delivery.value, errors };
	}

	async submit(actor: Actor, body: SubmitBody, onBehalfOf?: OnBehalfOf) {
		const { service, applicant, intake, form, provided, delivery, errors } = await this.check(actor, body, onBehalfOf);
		if (errors.length) throw invalid(`申请有 ${errors.length} 处需要修改`, errors);
		const now = this.time.now();

		const context = emptyContext({
			answers: body.answers,
			data: form.value,
			materials: provided,
			commitments: Object.entries(provided)
				.filter(([, p]) => p.source === 'commitment')
				.map(([id]) => id),
			pending: service.materials
				.filter((m) => provided[m.id]?.source === 'deferred' && m.deferrable.allowed)
				.map((m) => ({ material: m.id, dueAt: addWorkingDays(this.calendar, now, m.deferrable.allowed ? m.deferrable.withinDays : 0) })),
			...(delivery ? { delivery } : {})
		});
		const machine = start(service.workflow, context);
		const at = now.toISOString();
		// 收件编号 QZyyyymmdd + a daily sequence, unique across processes; taken apart from the submission so the counter is not
		// locked for its whole write (a number is lost only if the write below fails). The 受理编号 comes at 受理.
		const seq = await this.store.takeNumber(numberCounter('receipt', now));
		const c = newCase({
			id: `c${now.getTime().toString(36)}${randomUUID().slice(0, 8)}`,
			receiptNumber: receiptNumberOf(now, seq),
			service,
			applicantId: applicant.id,
			machine,
			at,
			intake,
			calendar: this.calendar
		});
		const tasks = this.tasksOf(c, service, []);
		const filed = intake && {
			onBehalfOf: applicant.id,
			authorisation: intake.authorisation.kind,
			receiving: intake.receiving.department,
			...(intake.crossRegion ? { crossRegion: true } : {})
		};
		const audits = [auditEntry(at, actor.id, 'case.SUBMIT', c.id, filed), ...this.fetchedAudit(actor, c.id, provided, at)];
		const hooks = webhookMessages(await loadSubscriptions(this.store), ['case.step', 'case.submitted'], scopeOf(service), c.id, at, caseData(c));
		if (!hooks.length) await this.store.cases.create(c, tasks, audits, this.factsOf(c, service));
		// with subscribers, the deliveries commit with the case
		else
			await this.store.transaction(async (tx) => {
				await tx.cases.insert(c);
				await tx.caseMetrics.put(this.factsOf(c, service));
				for (const a of audits) await tx.audit.append(a);
				await tx.tasks.replaceForCase(c.id, tasks);
				await WebhookFanout.append(tx, hooks);
			});
		return this.viewOf(c, service, tasks, actor);
	}

	/** Every open task of the case: its workflow steps, 核查 and 征求意见 requests. */
	tasksOf(c: CaseRecord, service: ComposedService, previous: Task[]): Task[] {
		const clock = this.clockOf(c, service);
		const tasks = [
			...deriveTasks({ workflow: service.workflow, c, clock, calendar: this.calendar, previous }),
			...verificationTasks(c, previous),
			...consultationTasks(c, previous)
		];
		// the inbox lists the applicant's name masked, without loading the case
		const applicant = maskedApplicant(c.state.machine.context.data);
		return applicant ? tasks.map((t) => ({ ...t, applicant })) : tasks;
	}

	/** The case's facts row for the figures (case_metrics): written with every save of the case. */
	factsOf(c: CaseRecord, service: ComposedService): CaseFacts {
		const regions = new Map(this.defs.dictionaries.departments.map((d) => [d.id, d.region]));
		const items = c.pins.filter((p) => p.kind === 'item').flatMap((p) => this.defs.cachedItem(p.id, p.version) ?? []);
		return caseFacts(c, service, this.clockOf(c, service).case, { regionOf: (d) => regions.get(d), items });
	}

	clockOf(c: CaseRecord, service: ComposedService) {
		const branchLimits =
			service.kind === 'bundle' ? Object.fromEntries(service.members.filter((m) => m.included).map((m) => [m.item, m.promisedLimitDays])) : {};
		return clocks({ workflow: service.workflow, c, limitDays: service.limits.promisedDays, branchLimits, calendar: this.calendar, now: this.time.now() });
	}

	async get(id: string): Promise<CaseRecord> {
		const c = await this.store.cases.get(id);
		if (!c) throw notFound(`办件「${id}」`);
		return c;
	}

	/** Who may see a case: its applicant, staff of a department it involves, administrators. */
	async canSee(actor: Actor, c: Omit<CaseRecord, 'events'>, service?: ComposedService): Promise<boolean> {
		if (actor.id === c.applicantId || actor.roles.includes('admin')) return true;
		if (!actor.department) return false;
		// the centre that received it at a window (it hands back the results of 异地代收)
		if (c.state.intake?.receiving.department === actor.department) return true;
		// a department (or officer) asked for its opinion (征求意见) reads the case to answer
		if (consultationsOf(c).some((x) => addresses(x, actor))) return true;
		const s = service ?? (await this.composeFor(c));
		return walkStates(s.workflow).some((e) => e.node.meta?.department === actor.department);
	}

	async view(id: string, actor: Actor) {
		const c = await this.get(id);
		const service = await this.composeFor(c);
		if (!(await this.canSee(actor, c, service))) throw forbidden('您无权查看该办件');
		if (actor.id !== c.applicantId) await this.store.audit.append(auditEntry(this.time.now().toISOString(), actor.id, 'case.view', c.id));
		return this.viewOf(c, service, await this.store.tasks.query({ caseId: c.id }), actor);
	}

	private viewOf(c: CaseRecord, service: ComposedService, tasks: Task[], actor: Actor) {
		const clock = this.clockOf(c, service);
		const mine = c.status === 'active' ? offers(service.workflow, c.state.machine.value).filter((o) => mayAct(actor, o, c.applicantId)) : [];
		const applicant = actor.id === c.applicantId;
		// 字段权限: staff read what their steps may see
		const readable = applicant
			? undefined
			: readableCase(
					c,
					service,
					viewerAccess(
						service,
						actor,
						mine.map((o) => o.statePath)
					)
				);
		return {
			// the applicant never sees what was asked or answered in a 征求意见
			case: readable?.case ?? forApplicant(c),
			clock,
			/** 受理: the 受理编号 (an old case's receiptNumber), when, and whether the timer deemed it (视为受理) */
			acceptance: acceptanceOf(c),
			/** while the front desk has yet to decide: when the case will count as accepted */
			deemedAcceptanceAt: deemedAcceptanceAt(service.workflow, c, this.calendar),
			actions: mine.map((o) => ({
				...o,
				...(o.role === 'applicant' ? {} : { stepForm: stepFields(service, o.statePath, o.type) }),
				label: this.actionLabel(service, o),
				stateLabel: o.label,
				...(o.type === 'INSPECT' ? { checklist: this.checklistOf(service, o), jointWith: this.jointCandidates(service, c, o) } : {}),
				...(stepStandards(service.workflow, o.statePath, o.type).length ? { standards: stepStandards(service.workflow, o.statePath, o.type) } : {})
			})),
			tasks,
			progress: progressOf(service.workflow, c.state.machine.value),
			service: {
				kind: service.kind,
				id: service.id,
				name: service.name,
				members: service.members,
				questions: service.questions,
				materials: readable?.materials ?? service.materials,
				form: readable?.form ?? service.form,
				limits: service.limits,
				/** 送达方式 the service allows (the issuer is offered only these) */
				delivery: service.guide.delivery
			}
		};
	}

	/** Applies a reviewer or applicant event in one transaction: role, department, payload, claim and branch version are all checked. */
	async act(actor: Actor, id: string, raw: unknown) {
		const parsed = EventBody.safeParse(raw);
		if (!parsed.success) throw invalid('操作请求不正确', issuesOf(parsed.error));
		const { type, version, branch, comment, fields, ...rest } = parsed.data;
		const module = EVENTS[type];
		const payloadResult = module.payload.safeParse(rest);
		if (!payloadResult.success) throw invalid(`「${module.label}」缺少必要信息`, issuesOf(payloadResult.error));
		const payload = payloadResult.data as Record<string, any>;
		let ended = false;
		await this.mutate(id, async (c) => {
			const service = await this.composeFor(c);
			// before any answer that describes the case (a stale version's 409 carries it whole)
			if (!(await this.canSee(actor, c, service))) throw forbidden('您无权查看该办件');
			if (c.status !== 'active') throw new HttpError(409, '办件已办结，不能再操作');
			const candidates = offers(service.workflow, c.state.machine.value).filter((o) => o.type === type && (!branch || o.branch === branch));
			if (!candidates.length) {
				if (c.version !== version) throw this.stale(c, version);
				throw new HttpError(409, `当前环节不能执行「${module.label}」`);
			}
			const allowed = candidates.filter((o) => mayAct(actor, o, c.applicantId));
			if (!allowed.length) throw forbidden(`您的角色或部门不能在「${candidates[0].label}」环节执行「${module.label}」`);
			const branches = [...new Set(allowed.map((o) => o.branch).filter((b): b is string => !!b))];
			const applicant = module.sender === 'applicant';
			if (branches.length > 1 && !applicant) throw invalid('请指定部门分支', [{ path: 'branch', message: `可选：${branches.join('、')}` }]);
			const joint = this.jointBranches(service, c, type, payload, branches);
			const eventBranch = branches.length === 1 && !applicant && !joint.length ? branches[0] : undefined;
			const stale = joint.length ? [...branches, ...joint].some((b) => isStale(c, version, b)) : isStale(c, version, eventBranch);
			if (stale) throw this.stale(c, version);
			const offer = allowed[0];
			await this.refuseIfClaimedByOther(await this.store.tasks.query({ caseId: c.id }), offer, actor, false);
			if (type === 'ISSUE') await this.payments?.requirePaid(c);
			const now = this.time.now();
			const env: CheckEnv = {
				service,
				context: c.state.machine.context,
				intake: c.state.intake,
				offer,
				now,
				calendar: this.calendar,
				checklistFor: (b) => this.checklistOfBranch(service, b),
				materialErrors: (materials, provided, data, consent, answers) =>
					this.inputs.materialErrors(actor, materials, provided, answers ?? c.state.machine.context.answers, data, consent),
				foreignFiles: (data, other) => this.inputs.foreignFiles(other ?? service, data, actor),
				composeWith: (answers) => this.composeWith(c, answers)
			};
			// every branch the event passes through (a member's own parallel review sits inside its bundle branch)
			const path = [...new Set([...allowed.flatMap((o) => branchPath(service.workflow, o.statePath)), ...joint.flatMap((j) => [j])])];
			const ctx = c.state.machine.context;
			const step = checkStepFields(service, offer.statePath, type, offer.label, ctx.data, ctx.answers, fields);
			if (step.errors.length) throw invalid(`「${offer.label}」环节的字段需要修改`, step.errors);
			const logged = {
				...payload,
				...(await checkEvent(type, env, payload)),
				...(Object.keys(step.changed).length ? { fields: step.changed } : {}),
				...(path.length > (eventBranch ? 1 : 0) ? { branches: path } : {})
			};
			const record: CaseEvent = {
				seq: c.version + 1,
				at: now.toISOString(),
				actor,
				type,
				...(eventBranch ? { branch: eventBranch } : {}),
				payload: logged,
				...(comment ? { comment } : {}),
				stateAfter: null
			};
			const { state, effects, moved } = decide(service.workflow, c.state.machine, machineEventOf(record));
			if (!moved) throw new HttpError(422, `条件不满足，不能执行「${module.label}」`);
			const status = finalStatus(service.workflow, state);
			if (status === 'closed' && state.context.pending.length) throw new HttpError(409, '容缺材料尚未补齐，办件不能办结');
			ended = status !== 'active' && status !== 'closed';
			const audits = [
				auditEntry(record.at, actor.id, `case.${type}`, c.id, { ...(eventBranch ? { branch: eventBranch } : {}), ...(comment ? { comment } : {}) })
			];
			if (type === 'RESUBMIT' || type === 'SUPPLY')
				audits.push(...this.fetchedAudit(actor, c.id, type === 'SUPPLY' ? { [payload.material]: payload.provided } : payload.materials, record.at));
			const write = await this.writer(
				c,
				service,
				record,
				state,
				status,
				platformEffects(effects, type, status === 'closed', state.context.commitments.length),
				audits
			);
			return async (tx) => {
				await this.refuseIfClaimedByOther(await tx.tasks.forCase(c.id), offer, actor, true);
				await write(tx);
			};
		});
		if (ended) await this.payments?.settleEnded(id);
		return this.view(id, actor);
	}

	/**
	 * Runs `plan` on the case as read (every check, every read outside the transaction), then its write in one transaction
	 * that first confirms the case has not moved meanwhile; if it has, the plan runs again on the fresh case. Services that log
	 * an event beside the workflow (征求意见) write through it too.
	 */
	async mutate<T>(id: string, plan: (c: CaseRecord) => Promise<(tx: StoreTx) => Promise<T>>): Promise<T> {
		for (let attempt = 0; ; attempt++) {
			const seen = await this.get(id);
			const write = await plan(seen);
			const moved = Symbol('moved');
			try {
				return await this.store.transaction(async (tx) => {
					const c = await tx.cases.get(id);
					if (!c || c.version !== seen.version) throw moved;
					return write(tx);
				});
			} catch (e) {
				if (e !== moved) throw e;
				if (attempt >= 3) throw new HttpError(409, '办件正被频繁更新，请稍后重试');
			}
		}
	}

	/** Prepares writing one event: the new state, the effects' results, tasks, audit and outbox, all in one transaction. */
	private async writer(
		c: CaseRecord,
		service: ComposedService,
		record: CaseEvent,
		machine: MachineState,
		status: CaseRecord['status'],
		effects: ReturnType<typeof platformEffects>,
		audits: AuditEntry[]
	) {
		const applicant = await this.store.accounts.get(c.applicantId);
		const subs = await loadSubscriptions(this.store);
		return (tx: StoreTx) => this.commit(tx, c, service, record, machine, status, effects, audits, applicant, subs);
	}

	private async commit(
		tx: StoreTx,
		c: CaseRecord,
		service: ComposedService,
		record: CaseEvent,
		machine: MachineState,
		status: CaseRecord['status'],
		effects: ReturnType<typeof platformEffects>,
		audits: AuditEntry[],
		applicant?: Account,
		subs: Awaited<ReturnType<typeof loadSubscriptions>> = []
	) {
		record.stateAfter = machine.value;
		const joint = (record.payload.joint as string[] | undefined) ?? [];
		const keys = record.branch ? [record.branch] : joint.length ? (record.payload.branches as string[]) : ['*'];
		const next: CaseRecord = {
			...c,
			status,
			version: c.version + 1,
			updatedAt: record.at,
			state: { ...c.state, machine, branchVersions: { ...c.state.branchVersions, ...Object.fromEntries(keys.map((k) => [k, record.seq])) } },
			events: [...c.events, record]
		};
		await recordAcceptance(c, next, record, (n) => tx.nextSequence(n));
		next.deferredDueAt = timerDue(next, service.workflow, this.calendar);
		await runEffects(effects, {
			tx,
			next,
			event: record,
			service,
			items: this.itemsOf(service),
			bundle: this.bundleOf(service),
			applicant,
			calendar: this.calendar,
			now: new Date(record.at),
			licenceTypes: this.defs.dictionaries.licenceTypes
		});
		await tx.cases.update(next, c.version, [record]);
		await tx.caseMetrics.put(this.factsOf(next, service));
		for (const a of audits) await tx.audit.append(a);
		await tx.tasks.replaceForCase(c.id, this.tasksOf(next, service, await tx.tasks.forCase(c.id)));
		await WebhookFanout.append(tx, webhookMessages(subs, kindsOfEvent(record.type), scopeOf(service), c.id, record.at, caseData(next, record)));
	}

	private stale(c: CaseRecord, version: number) {
		return new ConflictError(`办件已被他人更新（当前第 ${c.version} 版，您提交的是第 ${version} 版），请查看最新状态后重试`, c);
	}

	/** 签收: once an officer claims a task, colleagues cannot act on it until it is released (checked again inside the transaction). */
	private async refuseIfClaimedByOther(tasks: Task[], offer: Offer, actor: Actor, inTransaction: boolean) {
		if (offer.role === 'applicant') return;
		const task = tasks.find((t) => t.statePath === offer.statePath);
		if (task?.claimedBy && task.claimedBy !== actor.id)
			throw inTransaction ? new HttpError(409, '该待办已由他人签收，请其释放后再办理') : await this.claimedError(task.claimedBy);
	}

	/** 409 naming the colleague who holds the claim (also for 征求意见 tasks) */
	async claimedError(claimedBy: string) {
		const owner = await this.store.accounts.get(claimedBy);
		return new HttpError(409, `该待办已由 ${owner?.name ?? claimedBy} 签收，请其释放后再办理`);
	}

	private checklistOf(service: ComposedService, offer: Offer): Item['inspectionChecklist'] {
		return this.checklistOfBranch(service, offer.branch);
	}

	/** Other branches at an inspection step now, which one visit can inspect together (进一次门、查多项事). */
	private jointCandidates(service: ComposedService, c: CaseRecord, own: Offer) {
		return offers(service.workflow, c.state.machine.value)
			.filter((o) => o.type === 'INSPECT' && o.branch && o.branch !== own.branch && own.branch)
			.map((o) => ({ branch: o.branch!, name: service.members.find((m) => m.item === o.branch)?.name ?? o.branch!, checklist: this.checklistOf(service, o) }));
	}

	/** 联合踏勘: the other branches named in an INSPECT, each of which must be at an inspection step itself. */
	private jointBranches(service: ComposedService, c: CaseRecord, type: EventType, payload: Record<string, unknown>, own: string[]): string[] {
		const joint = type === 'INSPECT' ? ((payload.joint as string[] | undefined) ?? []) : [];
		if (!joint.length) return [];
		const inspecting = offers(service.workflow, c.state.machine.value).filter((o) => o.type === 'INSPECT' && o.branch);
		const errors = joint.flatMap((b, i) =>
			own.includes(b) || !inspecting.some((o) => o.branch === b)
				? [{ path: `joint.${i}`, message: `「${service.members.find((m) => m.item === b)?.name ?? b}」当前不在踏勘环节` }]
				: []
		);
		if (!own.length) errors.push({ path: 'branch', message: '联合踏勘须由参与分支的踏勘人员发起' });
		if (errors.length) throw invalid('联合踏勘的部门不正确', errors);
		return joint;
	}

	private checklistOfBranch(service: ComposedService, branch: string | undefined): Item['inspectionChecklist'] {
		const itemId = branch ?? service.pins.find((p) => p.kind === 'item')?.id;
		const pin = service.pins.find((p) => p.kind === 'item' && p.id === itemId);
		return (pin && this.defs.cachedItem(pin.id, pin.version)?.inspectionChecklist) || [];
	}

	async claim(actor: Actor, taskId: string, release = false): Promise<Task> {
		const task = await this.store.tasks.get(taskId);
		if (!task) throw notFound(`待办「${taskId}」`);
		// a 征求意见 task: its department's staff, or the officer it names
		if (!holdsTaskRole(actor, task.role) || actor.department !== task.department) throw forbidden('您不能签收该待办');
		if (release && task.claimedBy !== actor.id && !actor.roles.includes('admin')) throw new HttpError(409, '只能释放自己签收的待办');
		if (!release && task.claimedBy && task.claimedBy !== actor.id) throw await this.claimedError(task.claimedBy);
		const at = this.time.now().toISOString();
		const updated = await this.store.tasks.setClaim(taskId, release ? undefined : actor.id, task.claimedBy, at);
		await this.store.audit.append(auditEntry(at, actor.id, release ? 'task.release' : 'task.claim', task.caseId, { step: task.label }));
		return updated;
	}

	/** 告知承诺核查: the department's reviewer records whether a commitment was true; a false one revokes that item's licence. */
	async verify(actor: Actor, id: string, verificationId: string, raw: unknown) {
		const parsed = VerifyBody.safeParse(raw);
		if (!parsed.success) throw invalid('核查结论不完整', issuesOf(parsed.error));
		await this.mutate(id, async (c) => {
			if (!(await this.canSee(actor, c))) throw forbidden('您无权查看该办件');
			if (c.version !== parsed.data.version) throw this.stale(c, parsed.data.version);
			const v = c.state.verifications.find((x) => x.id === verificationId);
			if (!v) throw notFound(`核查任务「${verificationId}」`);
			if (v.status !== 'open') throw new HttpError(409, '该告知承诺已核查');
			if (!actor.roles.includes('reviewer') || actor.department !== v.department) throw forbidden('只有承诺所涉部门的审查人员可以核查');
			const service = await this.composeFor(c);
			const at = this.time.now().toISOString();
			const done = { ...v, status: parsed.data.result, note: parsed.data.note, by: actor.id, at };
			const record: CaseEvent = {
				seq: c.version + 1,
				at,
				actor,
				type: 'VERIFY',
				payload: { verification: v.id, material: v.material, result: parsed.data.result, note: parsed.data.note },
				stateAfter: c.state.machine.value
			};
			const state: CaseState = { ...c.state, verifications: c.state.verifications.map((x) => (x.id === v.id ? done : x)) };
			const next: CaseRecord = { ...c, state, version: c.version + 1, updatedAt: at, events: [...c.events, record] };
			const subs = await loadSubscriptions(this.store);
			const itemName = service.materials.find((m) => m.id === v.material)?.origins.find((o) => o.item === v.item)?.itemName ?? v.item;
			const subjectName = (await this.store.accounts.get(c.applicantId))?.name ?? '';
			const credit =
				parsed.data.result === 'false' && creditRecordFor(c, v, parsed.data.note, { id: actor.id, subjectName, itemName }, at, this.creditRestrictionDays);
			return async (tx) => {
				await tx.cases.update(next, c.version, [record]);
				// 信用记录 with the finding, in the same transaction, and the applicant told
				if (credit) {
					await tx.credit.add(credit);
					await tx.messages.append(creditMessage(credit));
				}
				await tx.caseMetrics.put(this.factsOf(next, service));
				if (parsed.data.result === 'false')
					for (const r of c.state.results)
						// a combined licence (多证合一) that lists the member falls with it
						if (r.licence && (r.item === v.item || membersOf(r.licence).some((m) => m.item === v.item))) {
							const licence = await tx.licences.get(r.licence.id);
							if (licence && !licence.revokedAt) {
								await tx.licences.put({ ...licence, revokedAt: at, revokedReason: `告知承诺不实：${parsed.data.note}` });
								const data = { ...caseData(next), licence: { id: licence.id, item: r.item, revokedAt: at } };
								await WebhookFanout.append(tx, webhookMessages(subs, ['licence.revoked'], scopeOf(service), c.id, at, data));
							}
						}
				await tx.audit.append(auditEntry(at, actor.id, 'case.VERIFY', c.id, { verification: v.id, result: parsed.data.result }));
				await tx.tasks.replaceForCase(c.id, this.tasksOf(next, service, await tx.tasks.forCase(c.id)));
			};
		});
		return this.view(id, actor);
	}

	/** 容缺受理: a deferred material not supplied by its deadline ends the case (domain §8). Returns false when nothing was late. */
	async endIfDeferredLate(caseId: string): Promise<boolean> {
		const now = this.time.now();
		// the time to supply runs from 受理: nothing ends a case the front desk has not accepted yet
		const lateIn = (c: CaseRecord | undefined) =>
			c && c.status === 'active' && c.events.some((e) => e.type === 'ACCEPT') ? c.state.machine.context.pending.filter((p) => p.dueAt < now.toISOString()) : [];
		if (!lateIn(await this.store.cases.get(caseId)).length) return false;
		const ended = await this.mutate(caseId, async (c) => {
			// decided again on the case as it is now: another sweep (this process's or another server's) may have ended it
			const late = lateIn(c);
			if (!late.length) return async () => false;
			const service = await this.composeFor(c);
			const names = late.map((p) => `「${service.materials.find((m) => m.id === p.material)?.name ?? p.material}」`).join('、');
			const reason = `容缺材料${names}未在承诺期限内补交，办件终止`;
			const at = now.toISOString();
			const record: CaseEvent = {
				seq: c.version + 1,
				at,
				actor: SYSTEM_ACTOR,
				type: 'TERMINATE',
				payload: { reason, materials: late.map((p) => p.material) },
				stateAfter: null
			};
			const { state, effects } = decide(service.workflow, c.state.machine, machineEventOf(record));
			const audits = [auditEntry(at, SYSTEM_ACTOR.id, 'case.TERMINATE', c.id, { materials: late.map((p) => p.material) })];
			const write = await this.writer(c, service, record, state, finalStatus(service.workflow, state), platformEffects(effects, 'TERMINATE', false, 0), audits);
			return async (tx) => {
				await write(tx);
				return true;
			};
		});
		if (ended) await this.payments?.settleEnded(caseId);
		return ended;
	}

	/**
	 * 视为受理 (行政许可法 art. 32): a case the front desk left undecided for 5 working days after its latest (re)submission is
	 * accepted by the system, logged as a 受理 marked deemed. Returns false when the case is not (or no longer) due.
	 */
	async acceptIfDeemed(caseId: string): Promise<boolean> {
		const now = this.time.now();
		const dueIn = async (c: CaseRecord | undefined) => {
			if (!c) return undefined;
			const service = await this.composeFor(c);
			const dueAt = deemedAcceptanceAt(service.workflow, c, this.calendar);
			return dueAt && dueAt <= now.toISOString() ? { service, dueAt } : undefined;
		};
		if (!(await dueIn(await this.store.cases.get(caseId)))) return false;
		return this.mutate(caseId, async (c) => {
			const due = await dueIn(c);
			const offer = due && offers(due.service.workflow, c.state.machine.value).find((o) => o.type === 'ACCEPT' && o.role !== 'applicant');
			if (!due || !offer) return async () => false;
			const { service } = due;
			const at = now.toISOString();
			// the 容缺 clock starts at 受理, as when the front desk accepts
			const env = { service, context: c.state.machine.context, offer, now, calendar: this.calendar } as CheckEnv;
			const payload = { ...deemedAcceptancePayload(due.dueAt, latestSubmission(c)), ...(await checkEvent('ACCEPT', env, {})) };
			const record: CaseEvent = { seq: c.version + 1, at, actor: SYSTEM_ACTOR, type: 'ACCEPT', payload, stateAfter: null };
			const { state, effects, moved } = decide(service.workflow, c.state.machine, machineEventOf(record));
			if (!moved) return async () => false;
			const audits = [auditEntry(at, SYSTEM_ACTOR.id, 'case.ACCEPT', c.id, { deemed: true })];
			const status = finalStatus(service.workflow, state);
			const write = await this.writer(c, service, record, state, status, platformEffects(effects, 'ACCEPT', false, 0), audits);
			return async (tx) => {
				await write(tx);
				return true;
			};
		});
	}

	/** Recomputes the tasks (and so the due dates) of open cases with a deadline in one of `years`: after an official calendar is loaded. */
	async recomputeDeadlines(years: number[]): Promise<number> {
		if (!years.length) return 0;
		const from = `${Math.min(...years) - 1}-12-31`;
		const ids = new Set<string>();
		let cursor: string | undefined;
		do {
			const page = await this.store.tasks.page({}, 500, cursor);
			for (const t of page.rows) if ((t.limitDueAt ?? t.dueAt ?? '') >= from || (t.dueAt ?? '') >= from) ids.add(t.caseId);
			cursor = page.next;
		} while (cursor);
		for (const id of ids)
			await this.mutate(id, async (c) => {
				const service = await this.composeFor(c);
				return async (tx) => tx.tasks.replaceForCase(c.id, this.tasksOf(c, service, await tx.tasks.forCase(c.id)));
			});
		return ids.size;
	}

	/** Rebuilds a case's machine state by replaying its event log from the start. */
	async replay(id: string): Promise<MachineState> {
		const c = await this.get(id);
		const service = await this.composeFor(c);
		return replayLog(service, c);
	}
}
