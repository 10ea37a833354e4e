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
import type { CaseContext } from './state';

export interface CheckEnv {
	service: ComposedService;
	context: CaseContext;
	offer: Offer;
	now: Date;
	calendar: WorkCalendar;
	/** the inspection checklist of a branch's item (the case's item when there are no branches) */
	checklistFor(branch: string | undefined): Item['inspectionChecklist'];
	/** material problems of provided materials (uploads owned by the applicant, licences with consent…) */
	materialErrors(
		materials: ComposedService['materials'],
		provided: Record<string, ProvidedMaterial>,
		data: Record<string, unknown>,
		consent: boolean
	): Promise<{ path: string; message: string }[]>;
	/** file fields pointing at files the applicant did not upload */
	foreignFiles(data: Record<string, unknown>): Promise<{ path: string; message: string }[]>;
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
		const fields = new Set(Object.keys(service.form.schema.properties));
		const mats = new Set(service.materials.map((m) => m.id));
		const bad = (payload.problems as Problem[]).map((p, i) => ({ p, i })).filter(({ p }) => !(p.target.kind === 'field' ? fields : mats).has(p.target.id));
		if (bad.length)
			throw invalid(
				'补正通知引用了不存在的字段或材料',
				bad.map(({ p, i }) => ({ path: `problems.${i}.target.id`, message: `不存在的${p.target.kind === 'field' ? '字段' : '材料'}「${p.target.id}」` }))
			);
		return { statePath: offer.statePath };
	},
	RESUBMIT: async (env, payload) => {
		const open = env.context.corrections.filter((x) => !x.resolvedAt);
		const listed = (kind: 'field' | 'material') => new Set(open.flatMap((x) => x.problems.filter((p) => p.target.kind === kind).map((p) => p.target.id)));
		const fields = listed('field');
		const mats = listed('material');
		const extra = [
			...Object.keys(payload.data)
				.filter((k) => !fields.has(k))
				.map((k) => ({ path: `data.${k}`, message: '该字段不在补正通知中，不能修改' })),
			...Object.keys(payload.materials)
				.filter((k) => !mats.has(k))
				.map((k) => ({ path: `materials.${k}`, message: '该材料不在补正通知中，不能修改' }))
		];
		if (extra.length) throw invalid('只能修改补正通知中列出的内容', extra);
		const form = validateForm(env.service.form, { ...env.context.data, ...payload.data }, env.context.answers);
		const changedMaterials = env.service.materials.filter((m) => m.id in payload.materials);
		const errors = [
			...form.errors.map((e) => ({ path: `data.${e.path}`, message: `${e.field}：${e.message}` })),
			...(await env.foreignFiles(payload.data)),
			...(await env.materialErrors(changedMaterials, payload.materials, form.value, payload.licenceConsent)),
			...deferredAgain(payload.materials)
		];
		if (errors.length) throw invalid(`补正内容有 ${errors.length} 处需要修改`, errors);
		return { merged: form.value, changed: Object.keys(payload.data) };
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
	return (await CHECKS[type]?.(env, payload)) ?? {};
}
