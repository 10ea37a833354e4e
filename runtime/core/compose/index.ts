import type { Bundle, Form, Item } from '../model';
import { evaluate, references } from '../model/condition';
import { fieldNamer, mergeForms } from './form';
import { composeAccess, splitStaffFields, staffFieldNames } from './access';
import { mergeMaterials } from './materials';
import { guideOf } from './guide';
import { factsOf } from './facts';
import { bundleWorkflow, itemWorkflow } from './workflow';
import type { Pin } from '../store';
import type { ComposedQuestion, ComposedService, Member, ServiceSource } from './types';

export * from './types';
export { semanticFieldName } from './form';
export { materialIdentity } from './materials';
export { factsOf, reviewDepartments, sharedOnce, type ServiceFacts, type SharedOnce } from './facts';

/** Drops fields whose visibility depends only on situation answers and is false; keeps field-driven conditions. */
function applyAnswers(form: Form, answers: Record<string, unknown>): Form {
	const properties = { ...form.schema.properties };
	const fields = { ...form.fields };
	for (const [path, meta] of Object.entries(form.fields)) {
		if (!meta.visibleWhen || references(meta.visibleWhen).fields.length) continue;
		if (evaluate(meta.visibleWhen, { answers })) fields[path] = { ...meta, visibleWhen: undefined };
		else if (!path.includes('.')) {
			delete properties[path];
			delete fields[path];
		}
	}
	for (const [k, v] of Object.entries(fields)) if (!v.visibleWhen) delete (fields[k] as { visibleWhen?: unknown }).visibleWhen;
	const names = Object.keys(properties);
	const kept = new Set(names);
	return {
		schema: { ...form.schema, properties, required: (form.schema.required ?? []).filter((r) => kept.has(r)) },
		uiSchema: { ...form.uiSchema, 'ui:order': ((form.uiSchema['ui:order'] as string[]) ?? names).filter((n) => kept.has(n)) },
		fields
	};
}

/** Origins of the fields the answers left in the form (applyAnswers only removes fields). */
function originsOf<T>(origins: Record<string, T>, form: Form): Record<string, T> {
	const props = form.schema.properties;
	const all = Object.keys(origins);
	if (all.length === Object.keys(props).length) return origins;
	return Object.fromEntries(all.filter((k) => k in props).map((k) => [k, origins[k]]));
}

/** The questions to ask now: a question whose askWhen is false for the answers so far is left out. */
function questionsOf(members: Member[], answers: Record<string, unknown>, bundle?: Bundle): ComposedQuestion[] {
	const out: ComposedQuestion[] = (bundle?.situations ?? [])
		.filter((s) => !s.askWhen || evaluate(s.askWhen, { answers }))
		.map((s) => ({ ...s, key: s.id, origins: [bundle!.id] }));
	for (const m of members.filter((x) => x.included)) {
		for (const s of m.item.situations) {
			if (s.askWhen && !evaluate(s.askWhen, { answers, answerKey: m.answerKey })) continue;
			const key = m.answerKey(s.id);
			const existing = out.find((q) => q.key === key);
			if (existing) existing.origins.push(m.item.id);
			else out.push({ ...s, key, origins: [m.item.id] });
		}
	}
	return out;
}

/** The exact definition versions a source stands for: the bundle first, then its items. */
export function pinsOf(source: ServiceSource): Pin[] {
	const items = source.kind === 'bundle' ? source.items : [source.item];
	return [
		...(source.kind === 'bundle'
			? [{ kind: 'bundle' as const, id: source.bundle.definition.id, version: source.bundle.version, hash: source.bundle.hash }]
			: []),
		...items.map((v) => ({ kind: 'item' as const, id: v.definition.id, version: v.version, hash: v.hash }))
	];
}

/** The members of a bundle (or the one item): how each names its answers and fields; every member included without answers. */
export function membersOf(bundle: Bundle | undefined, items: Item[], answers?: Record<string, unknown>): Member[] {
	const mappings = bundle?.fieldMappings ?? [];
	const bundleQuestions = new Set((bundle?.situations ?? []).map((s) => s.id));
	return items.map((item) => {
		const spec = bundle?.members.find((x) => x.item === item.id);
		const answerKey = (id: string) => (!bundle ? id : (spec?.answers?.[id] ?? (bundleQuestions.has(id) ? id : `${item.id}.${id}`)));
		return {
			item,
			included: !answers || !spec?.includeWhen || evaluate(spec.includeWhen, { answers }),
			answerKey,
			fieldName: fieldNamer(item.id, item.form, mappings, !!bundle)
		};
	});
}

/** Turns an item or a bundle plus the applicant's situation answers into one live service. */
export function compose(source: ServiceSource, answers: Record<string, unknown> = {}): ComposedService {
	const isBundle = source.kind === 'bundle';
	const bundle = isBundle ? source.bundle.definition : undefined;
	const versionedItems = isBundle ? source.items : [source.item];
	const mappings = bundle?.fieldMappings ?? [];
	const members = membersOf(
		bundle,
		versionedItems.map((v) => v.definition),
		answers
	);
	const included = members.filter((m) => m.included);

	const merged = mergeForms(members, mappings);
	const whole = applyAnswers(merged.form, answers);
	const { form, staffForm } = splitStaffFields(whole, staffFieldNames(included, merged.fieldOrigins));
	const mats = mergeMaterials(members, answers, isBundle, new Map((bundle?.materialMappings ?? []).map((m) => [m.material, m.canonical])));
	const promised = included.map((m) => m.item.promisedLimitDays);
	const legal = included.map((m) => m.item.legalLimitDays);

	const composedMembers = members.map((m) => ({
		item: m.item.id,
		name: m.item.name,
		department: m.item.department,
		included: m.included,
		promisedLimitDays: m.item.promisedLimitDays,
		legalLimitDays: m.item.legalLimitDays
	}));
	// what the applicant fills: the citizen's figures leave out the fields staff complete
	const fieldOrigins = originsOf(merged.fieldOrigins, form);
	const workflow = isBundle
		? bundleWorkflow(
				bundle!,
				included.map((m) => m.item)
			)
		: itemWorkflow(source.item.definition);

	return {
		kind: source.kind,
		id: isBundle ? bundle!.id : source.item.definition.id,
		name: isBundle ? bundle!.name : source.item.definition.name,
		pins: pinsOf(source),
		guide: guideOf(
			included.map((m) => m.item),
			bundle
		),
		questions: questionsOf(members, answers, bundle),
		members: composedMembers,
		form,
		staffForm,
		fieldOrigins: originsOf(merged.fieldOrigins, whole),
		names: Object.fromEntries(
			members.map((m) => [
				m.item.id,
				{
					fields: Object.fromEntries(Object.keys(m.item.form.schema.properties).map((f) => [f, m.fieldName(f)])),
					answers: Object.fromEntries(m.item.situations.map((q) => [q.id, m.answerKey(q.id)]))
				}
			])
		),
		materials: mats.materials,
		access: composeAccess(included, isBundle, mats.materials),
		sharedInBundle: mats.sharedInBundle,
		conflicts: [...merged.conflicts, ...mats.conflicts],
		workflow,
		limits: {
			promisedDays: Math.max(0, ...promised),
			legalDays: Math.max(0, ...legal),
			sequentialDays: promised.reduce((a, b) => a + b, 0)
		},
		savings: { fieldsMerged: merged.fieldsMerged, materialsMerged: mats.materialsMerged, materialsShared: mats.sharedInBundle.length },
		facts: factsOf({
			workflow,
			members: composedMembers,
			results: Object.fromEntries(members.map((m) => [m.item.id, m.item.result.name])),
			properties: Object.keys(form.schema.properties),
			fieldOrigins,
			materials: mats.materials,
			sharedInBundle: mats.sharedInBundle
		})
	};
}

export type { Item };
