// The bundle composer's logic: validation with the catalog checks, conflict resolution as saved mappings, reform figures.
import { checkBundle } from '$core/check';
import { semanticFieldName, type ComposedService, type Conflict, type Versioned } from '$core/compose';
import { Bundle, type Dictionaries, type Item } from '$core/model';
import { fromCheck, fromZod, type StudioIssue } from './validate';
type Json = Record<string, any>;

export function validateBundle(json: unknown, items: Versioned<Item>[], dictionaries: Dictionaries): StudioIssue[] {
	const parsed = Bundle.safeParse(json);
	if (!parsed.success) return fromZod(parsed.error.issues, () => 'compose');
	const map = new Map(items.map((v) => [v.definition.id, v]));
	return fromCheck(checkBundle(parsed.data, map, dictionaries, `bundles/${parsed.data.id}.json`), () => 'compose');
}

/** The name of the item field that becomes `target` in the composed form. */
export function itemFieldFor(item: Item, target: string): string | undefined {
	return Object.keys(item.form.schema.properties).find((name) => {
		const key = item.form.fields[name]?.semanticKey;
		return (key && semanticFieldName(key) === target) || name === target || `${item.id}__${name}` === target;
	});
}

/** Resolves a field conflict: this item's definition of the field wins (saved as a canonical mapping). */
export function resolveConflict(bundle: Json, conflict: Conflict, item: Item): Json {
	const field = itemFieldFor(item, conflict.target);
	if (!field) return bundle;
	const mappings = (bundle.fieldMappings ?? []).filter((m: Json) => !(m.target === conflict.target && m.canonical));
	return { ...bundle, fieldMappings: [...mappings, { item: item.id, field, target: conflict.target, canonical: true }] };
}

/** Resolves a material conflict: this member's requirements apply (saved as a material mapping). */
export function resolveMaterialConflict(bundle: Json, conflict: Conflict, itemId: string): Json {
	const mappings = (bundle.materialMappings ?? []).filter((m: Json) => m.material !== conflict.target);
	return { ...bundle, materialMappings: [...mappings, { material: conflict.target, canonical: itemId }] };
}

/** The figures the reform counts: what the citizen does once instead of N times. */
export function reformFigures(s: ComposedService, items: Item[]) {
	const included = s.members.filter((m) => m.included).map((m) => items.find((i) => i.id === m.item)!).filter(Boolean);
	const fieldsSeparately = included.reduce((n, i) => n + Object.keys(i.form.schema.properties).length, 0);
	const materialsSeparately = included.reduce((n, i) => n + i.materials.length, 0);
	const visitsSeparately = included.reduce((n, i) => n + (i.visits === 'n' ? 2 : i.visits), 0);
	return {
		items: included.length,
		fields: { once: Object.keys(s.form.schema.properties).length, separately: fieldsSeparately },
		materials: { once: s.materials.length, separately: materialsSeparately, shared: s.sharedInBundle.length },
		visits: { once: Math.max(0, ...included.map((i) => (i.visits === 'n' ? 2 : i.visits))), separately: visitsSeparately },
		days: { promised: s.limits.promisedDays, sequential: s.limits.sequentialDays, legal: s.limits.legalDays }
	};
}
