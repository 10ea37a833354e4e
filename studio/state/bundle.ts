// The bundle composer's logic: validation with the catalog checks, conflict resolution as saved mappings, reform figures,
// 前置事项 choices, and issues placed at their controls.
import { checkBundle } from '$core/check';
import { semanticFieldName, type Conflict, type Versioned } from '$core/compose';
import { Bundle, type Dictionaries, type Item } from '$core/model';
import { parseJsonPath } from '$core/issues';
import { fromCheck, fromZod, type StudioIssue } from './validate';
type Json = Record<string, any>;

export function validateBundle(json: unknown, items: Versioned<Item>[], dictionaries: Dictionaries): StudioIssue[] {
	const parsed = Bundle.safeParse(json);
	const names = (id: string) => items.find((v) => v.definition.id === id)?.definition.name;
	if (!parsed.success) return fromZod(parsed.error.issues, () => 'compose', json, names);
	const map = new Map(items.map((v) => [v.definition.id, v]));
	return fromCheck(checkBundle(parsed.data, map, dictionaries, `bundles/${parsed.data.id}.json`), () => 'compose', json, names);
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

/** The reform figures are counted in core (runtime/core/compose/reform.ts), shared with /figures and the workbench. */
export { reformFigures } from '$core/compose/reform';

/** Ticks or unticks `item` as a 前置事项 of the member at `index` (the list keeps member order). */
export function setRequires(bundle: Json, index: number, item: string, on: boolean): Json {
	const members: Json[] = bundle.members ?? [];
	const m = members[index];
	if (!m) return bundle;
	const current: string[] = m.requires ?? [];
	const order = members.map((x) => x.item);
	const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
	const requires = on ? [...new Set([...current, item])].sort((a, b) => rank(a) - rank(b)) : current.filter((r) => r !== item);
	return { ...bundle, members: members.map((x, i) => (i === index ? { ...m, requires } : x)) };
}

/** Removes the member at `index`, and it from the others' 前置事项. */
export function removeMember(bundle: Json, index: number): Json {
	const members: Json[] = bundle.members ?? [];
	const gone = members[index]?.item;
	const rest = members
		.filter((_, i) => i !== index)
		.map((m) => (m.requires?.includes(gone) ? { ...m, requires: m.requires.filter((r: string) => r !== gone) } : m));
	return { ...bundle, members: rest };
}

/** Whether `from` needs `target`, directly or through other 前置事项. */
function reaches(bundle: Json, from: string, target: string, seen = new Set<string>()): boolean {
	const requires: string[] = (bundle.members ?? []).find((m: Json) => m.item === from)?.requires ?? [];
	return requires.some((r) => r === target || (!seen.has(r) && (seen.add(r), reaches(bundle, r, target, seen))));
}

export interface PrerequisiteChoice {
	item: string;
	checked: boolean;
	/** index in the member's `requires` (the JSON path of its errors) */
	at?: number;
	/** ticking it would make the two members wait for each other */
	cycle: boolean;
	/** listed in `requires` but not a member of the bundle (kept so it can be unticked) */
	stray: boolean;
}

/** The 前置事项 checkboxes of the member at `index`: every other member, then any listed entry that is not one. */
export function prerequisiteChoices(bundle: Json, index: number): PrerequisiteChoice[] {
	const members: Json[] = bundle.members ?? [];
	const m = members[index];
	if (!m) return [];
	const requires: string[] = m.requires ?? [];
	const others = members.filter((_, i) => i !== index).map((x) => x.item as string);
	const stray = requires.filter((r) => !others.includes(r));
	return [...others, ...new Set(stray)].map((item) => {
		const at = requires.indexOf(item);
		return { item, checked: at >= 0, ...(at >= 0 ? { at } : {}), cycle: item === m.item || reaches(bundle, item, m.item), stray: !others.includes(item) };
	});
}

/** A server path (`members[2].requires[0]` from the checks, `members.2.requires.0` from zod) as segments. */
export function pathSegments(path: string): (string | number)[] {
	if (!path || path === '(根)') return [];
	if (path.includes('[')) return parseJsonPath(path);
	return path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export type PlacedIssue = Pick<StudioIssue, 'segments' | 'message' | 'severity'>;

/** The live check's issues and the server's refusal together, once each, ready to be shown at their controls. */
export function placeIssues(live: StudioIssue[], server: { path: string; message: string }[] = []): PlacedIssue[] {
	const all: PlacedIssue[] = [...live, ...server.map((e) => ({ segments: pathSegments(e.path), message: e.message, severity: 'error' as const }))];
	const seen = new Set<string>();
	return all.filter((i) => {
		const key = `${i.segments.join('.')}|${i.message}`;
		return !seen.has(key) && !!seen.add(key);
	});
}

/** Issues at `path` or under it; `except` leaves out sub-paths shown by their own control. */
export function issuesAt(issues: PlacedIssue[], path: (string | number)[], except: (string | number)[][] = []): PlacedIssue[] {
	const under = (i: PlacedIssue, p: (string | number)[]) => p.every((s, k) => i.segments[k] === s);
	return issues.filter((i) => under(i, path) && !except.some((p) => under(i, [...path, ...p])));
}
