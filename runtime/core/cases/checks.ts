// What an event must satisfy before it is decided, beyond its payload schema; returns the fields the log keeps for replay.
// Kept apart from the event modules (events/), which the browser loads for labels and forms: checks need the validator and the store.
import { invalid } from '../errors';
import { validateForm } from '../form-validate';
import type { ComposedService } from '../compose';
import type { Item } from '../model';
import type { WorkCalendar } from '../calendar';
import { addWorkingDays } from '../calendar';
import type { EventType } from '../model/workflow';
import type { Offer } from './engine';
import type { ProvidedMaterial, Problem } from './events';
import type { Answers, CaseContext } from './state';
import { reanswer } from './reanswer';
import { issueDelivery } from './delivery';
import type { Intake } from './intake';
import { errorText } from '../error-text';
import { nodeAt } from '../workflow/graph';
import { checkStandards, stepStandards, type StandardTick } from './standards';
import { EVENT_LABELS } from './events/labels';

export interface CheckEnv {
	service: ComposedService;
	context: CaseContext;
	/** how the case came in at a window (帮办代办, 异地代收); absent for online applications */
	intake?: Intake;
	offer: Offer;
	now: Date;
	calendar: WorkCalendar;
	/** the inspection checklist of a branch's item (the case's item when there are no branches) */
	checklistFor(branch: string | undefined): Item['inspectionChecklist'];
	/** material problems of provided materials (uploads owned by the applicant, licences with consent…); answers default to the case's */
	materialErrors(
		materials: ComposedService['materials'],
		provided: Record<string, ProvidedMaterial>,
		data: Record<string, unknown>,
		consent: boolean,
		answers?: Answers
	): Promise<{ path: string; message: string }[]>;
	/** the case's service (same pinned versions) composed for other situation answers */
	composeWith(answers: Answers): Promise<ComposedService>;
	/** file fields (of `service`, default the case's) pointing at files the applicant did not upload */
	foreignFiles(data: Record<string, unknown>, service?: ComposedService): Promise<{ path: string; message: string }[]>;
}

/** After submission a material must really be provided: it cannot be deferred (again). */
export const deferredAgain = (provided: Record<string, ProvidedMaterial>) =>
	Object.entries(provided)
		.filter(([, p]) => p.source === 'deferred')
		.map(([id]) => ({ path: `materials.${id}`, message: '补正或补交时须实际提供材料，不能再容缺' }));

type Check = (env: CheckEnv, payload: Record<string, any>) => Promise<Record<string, unknown>> | Record<string, unknown>;

const CHECKS: Partial<Record<EventType, Check>> = {
	/** the time to supply a 容缺 material runs from 受理 */
	ACCEPT: ({ context, service, calendar, now }) => {
		const due: Record<string, string> = {};
		for (const p of context.pending) {
			const m = service.materials.find((x) => x.id === p.material);
			if (m?.deferrable.allowed) due[p.material] = addWorkingDays(calendar, now, m.deferrable.withinDays);
		}
		return Object.keys(due).length ? { deferredDue: due } : {};
	},
	REQUEST_CORRECTION: ({ service, offer }, payload) => {
		const known = {
			field: new Set(Object.keys(service.form.schema.properties)),
			material: new Set(service.materials.map((m) => m.id)),
			answer: new Set(service.questions.map((q) => q.key))
		};
		const noun = { field: '字段', material: '材料', answer: '办事情形' };
		const bad = (payload.problems as Problem[]).map((p, i) => ({ p, i })).filter(({ p }) => !known[p.target.kind].has(p.target.id));
		if (bad.length)
			throw invalid(
				'补正通知引用了不存在的字段、材料或办事情形',
				bad.map(({ p, i }) => ({ path: `problems.${i}.target.id`, message: `不存在的${noun[p.target.kind]}「${p.target.id}」` }))
			);
		return { statePath: offer.statePath };
	},
	RESUBMIT: async (env, payload) => {
		const open = env.context.corrections.filter((x) => !x.resolvedAt);
		const listed = (kind: Problem['target']['kind']) => new Set(open.flatMap((x) => x.problems.filter((p) => p.target.kind === kind).map((p) => p.target.id)));
		const fields = listed('field');
		const mats = listed('material');
		const posted = (payload.answers ?? {}) as Answers;
		let service = env.service;
		let answers = env.context.answers;
		const extra: { path: string; message: string }[] = [];
		if (Object.keys(posted).length) {
			// a changed answer re-composes the form: what it newly asks may (and must) be given now
			const r = await reanswer(env.service, env.context, posted, env.composeWith);
			const answersListed = listed('answer');
			for (const k of Object.keys(posted))
				if (!answersListed.has(k) && !r.questions.includes(k)) extra.push({ path: `answers.${k}`, message: '该办事情形不在补正通知中，不能修改' });
			if (!extra.length && r.errors.length) throw invalid('修改后的办事情形不正确', r.errors);
			({ service, answers } = r);
			for (const f of r.fields) fields.add(f);
			for (const m of r.materials) mats.add(m);
		}
		extra.push(
			...Object.keys(payload.data)
				.filter((k) => !fields.has(k))
				.map((k) => ({ path: `data.${k}`, message: '该字段不在补正通知中，不能修改' })),
			...Object.keys(payload.materials)
				.filter((k) => !mats.has(k))
				.map((k) => ({ path: `materials.${k}`, message: '该材料不在补正通知中，不能修改' }))
		);
		if (extra.length) throw invalid('只能修改补正通知中列出的内容', extra);
		const form = validateForm(service.form, { ...env.context.data, ...payload.data }, answers);
		// the materials changed, and those the new answers require and were never provided
		const changedMaterials = service.materials.filter((m) => m.id in payload.materials || (mats.has(m.id) && !env.context.materials[m.id]));
		const errors = [
			...form.errors.map((e) => ({ path: `data.${e.path}`, message: errorText.fieldError(e) })),
			...(await env.foreignFiles(payload.data, service)),
			...(await env.materialErrors(changedMaterials, payload.materials, form.value, payload.licenceConsent, answers)),
			...deferredAgain(payload.materials)
		];
		if (errors.length) throw invalid(`补正内容有 ${errors.length} 处需要修改`, errors);
		// the fields staff completed (字段权限) are not the applicant's to resend: they stay as they were
		const staffData = Object.fromEntries(Object.entries(env.context.data).filter(([k]) => k in service.staffForm.schema.properties));
		return { merged: { ...staffData, ...form.value }, changed: Object.keys(payload.data), answersAfter: answers };
	},
	INSPECT: ({ checklistFor, offer }, payload) => {
		const ticks = payload.checklist as { id: string; passed: boolean; remark?: string; branch?: string }[];
		const joint = (payload.joint ?? []) as string[];
		const own = offer.branch;
		const branchOf = (t: { branch?: string }) => t.branch ?? own;
		const missing: { path: string; message: string }[] = [];
		for (const b of [own, ...joint]) {
			const ticked = new Set(ticks.filter((t) => branchOf(t) === b).map((t) => t.id));
			for (const x of checklistFor(b))
				if (!ticked.has(x.id)) missing.push({ path: `checklist.${joint.length && b ? `${b}.` : ''}${x.id}`, message: `未勾选「${x.standard}」` });
		}
		if (missing.length) throw invalid('踏勘记录须逐项勾选', missing);
		// each tick with the standard's text and whether it is required, as recorded in the log (and replayed)
		return {
			checklist: ticks.map((t) => {
				const standard = checklistFor(branchOf(t)).find((x) => x.id === t.id);
				return {
					...t,
					...(joint.length && branchOf(t) ? { branch: branchOf(t) } : {}),
					standard: standard?.standard ?? t.id,
					required: standard?.required ?? true
				};
			})
		};
	},
	/** 异地代收: the results go back to the receiving centre */
	ISSUE: ({ intake, context, service }, payload) => {
		const { method, errors } = issueDelivery(payload, context.delivery?.method, service.guide.delivery);
		if (errors.length) throw invalid('出件信息需要修改', errors);
		return { delivery: method, ...(intake?.crossRegion ? { returnTo: { department: intake.receiving.department, name: intake.receiving.name } } : {}) };
	},
	SUPPLY: async (env, payload) => {
		if (!env.context.pending.some((p) => p.material === payload.material))
			throw invalid('没有待补交的该项容缺材料', [{ path: 'material', message: `「${payload.material}」不在容缺清单中` }]);
		const supplied = { [payload.material]: payload.provided } as Record<string, ProvidedMaterial>;
		const material = env.service.materials.filter((m) => m.id === payload.material);
		const errors = [...(await env.materialErrors(material, supplied, env.context.data, payload.licenceConsent)), ...deferredAgain(supplied)];
		if (errors.length) throw invalid('补交的材料需要修改', errors);
		return {};
	}
};

/** Runs the event's check; what it returns joins the logged payload. */
export async function checkEvent(type: EventType, env: CheckEnv, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
	// 开卷式审批: the step's standards as ticked; 领导签批: the event was taken at a leadership step (the metrics count it)
	const standards = checkStandards(
		stepStandards(env.service.workflow, env.offer.statePath, type),
		type,
		payload.standards as StandardTick[],
		EVENT_LABELS[type]
	);
	const leadership = nodeAt(env.service.workflow, env.offer.statePath)?.meta?.leadership;
	return {
		...((await CHECKS[type]?.(env, payload)) ?? {}),
		...(standards.length ? { standards } : {}),
		...(leadership ? { leadership: true } : {})
	};
}
