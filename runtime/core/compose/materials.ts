import type { Material } from '../model';
import { eitherCondition, evaluate, mapCondition, references } from '../model/condition';
import { copyJson } from './copy';
import type { ComposedMaterial, Conflict, Member, SharedInBundle } from './types';

const FORM_RANK = { original: 3, copy: 2, electronic: 1 } as const;

/** Identity used to ask a material once: licence type, shared key, or the item's own id. */
export function materialIdentity(itemId: string, m: Material, scoped: boolean): string {
	const licence = m.sources.find((s) => s.kind === 'licence');
	if (licence && licence.kind === 'licence') return `licence_${licence.licenceType}`;
	if (m.key) return m.key.replace(/[^A-Za-z0-9_-]/g, '_');
	return scoped ? `${itemId}__${m.id}` : m.id;
}

/** A licence another included member issues is shared inside the bundle, not asked of the applicant. */
function producedByOther(mat: Material, itemId: string, producers: Map<string, Member['item']>) {
	for (const s of mat.sources) {
		if (s.kind !== 'licence') continue;
		const item = producers.get(s.licenceType);
		if (item && item.id !== itemId) return { licenceType: s.licenceType, item };
	}
	return undefined;
}

/** Resolves situation-only conditions now; keeps field conditions for submission time. */
export function resolveRequirement(req: Material['required'], m: Member, answers: Record<string, unknown>): ComposedMaterial['required'] | 'excluded' {
	if (typeof req === 'string') return req;
	const refs = references(req.when);
	if (refs.fields.length === 0) return evaluate(req.when, { answers, answerKey: m.answerKey }) ? 'always' : 'excluded';
	return {
		when: mapCondition(req.when, { answer: m.answerKey, field: (p) => [m.fieldName(p.split('.')[0]), ...p.split('.').slice(1)].join('.') })
	};
}

function combineRequired(a: ComposedMaterial['required'], b: ComposedMaterial['required']): ComposedMaterial['required'] {
	if (a === 'always' || b === 'always') return 'always';
	if (a === 'optional') return b;
	if (b === 'optional') return a;
	return { when: eitherCondition(a.when, b.when) };
}

/** `canonical`: material id → the member whose requirements apply when members differ (a bundle's materialMappings). */
export function mergeMaterials(members: Member[], answers: Record<string, unknown>, scoped: boolean, canonical: Map<string, string> = new Map()) {
	const byId = new Map<string, ComposedMaterial>();
	const conflicts: Conflict[] = [];
	const sharedInBundle: SharedInBundle[] = [];
	let materialsMerged = 0;
	const included = members.filter((x) => x.included);
	const producers = new Map(scoped ? included.filter((m) => m.item.result.licenceType).map((m) => [m.item.result.licenceType!, m.item]) : []);
	for (const m of included) {
		for (const mat of m.item.materials) {
			const required = resolveRequirement(mat.required, m, answers);
			if (required === 'excluded') continue;
			const producer = producedByOther(mat, m.item.id, producers);
			if (producer) {
				sharedInBundle.push({
					material: mat.id,
					name: mat.name,
					item: m.item.id,
					licenceType: producer.licenceType,
					producedBy: producer.item.id,
					producedByName: producer.item.name
				});
				continue;
			}
			const id = materialIdentity(m.item.id, mat, scoped);
			const origin = { item: m.item.id, itemName: m.item.name, material: mat.id };
			const prev = byId.get(id);
			if (!prev) {
				byId.set(id, { ...copyJson(mat), id, required, origins: [origin] });
				continue;
			}
			materialsMerged++;
			const diffs: string[] = [];
			if (prev.copies !== mat.copies) diffs.push(`份数 ${prev.copies}/${mat.copies}`);
			if (JSON.stringify(prev.forms) !== JSON.stringify(mat.forms)) diffs.push(`形式 ${prev.forms.join('/')}≠${mat.forms.join('/')}`);
			if (diffs.length && !canonical.has(id))
				conflicts.push({
					kind: 'material',
					target: id,
					items: [...prev.origins.map((o) => o.item), m.item.id],
					message: `材料「${mat.name}」在多个事项中要求不同（${diffs.join('；')}），已按较严格的要求合并`
				});
			prev.origins.push(origin);
			prev.required = combineRequired(prev.required, required);
			prev.copies = Math.max(prev.copies, mat.copies);
			prev.forms = [...new Set([...prev.forms, ...mat.forms])].sort((a, b) => FORM_RANK[b] - FORM_RANK[a]);
			for (const s of mat.sources) if (!prev.sources.some((p) => JSON.stringify(p) === JSON.stringify(s))) prev.sources.push(s);
			prev.accept = prev.accept.filter((t) => mat.accept.includes(t));
			prev.maxSizeMB = Math.min(prev.maxSizeMB, mat.maxSizeMB);
			if (prev.deferrable.allowed && (!mat.deferrable.allowed || mat.deferrable.withinDays < prev.deferrable.withinDays)) prev.deferrable = mat.deferrable;
		}
	}
	for (const [id, itemId] of canonical) {
		const merged = byId.get(id);
		const own =
			merged && included.find((m) => m.item.id === itemId)?.item.materials.find((x) => x.id === merged.origins.find((o) => o.item === itemId)?.material);
		if (merged && own)
			Object.assign(merged, { copies: own.copies, forms: own.forms, accept: own.accept, maxSizeMB: own.maxSizeMB, deferrable: own.deferrable });
	}
	return { materials: [...byId.values()], conflicts, materialsMerged, sharedInBundle };
}
