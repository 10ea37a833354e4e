// What the catalog in memory keeps of a definition: the portal's row, the search words, the staff steps and the identifier
// fields. Computed once per published version (keyed by its hash) from the stored JSON, tolerant of a raw studio draft;
// nothing here depends on the dictionaries, so a summary stays valid when they change.
import { pinyin } from 'pinyin-pro';
import { migrateDefinition } from '../model/migrations';
import type { DefinitionKind } from '../store';

/** A staff step of an item's workflow (the inbox's filter choices). */
export interface Step {
	key: string;
	label: string;
	role: string;
	department: string;
	/** also runs inside a bundle the item belongs to (its own intake and issuance do not) */
	inBundle: boolean;
}

export interface ItemSummary {
	kind: 'item';
	id: string;
	name: string;
	subName?: string;
	theme?: string;
	/** 事项类型 (ITEM_TYPES) */
	type?: string;
	department: string;
	/** 实施区划 (regions dictionary code) */
	region?: string;
	caseType?: string;
	promisedLimitDays?: number;
	visits?: number;
	onlineDepth?: number;
	keywords: string[];
	basicCode?: string;
	implementationCode?: string;
	/** pinyin initials of the name, lower case (search by 拼音首字母) */
	initials: string;
	steps: Step[];
	/** form fields (names at any depth) whose format marks a personal identifier */
	identifierFields: string[];
	/** form fields with a semantic key: the key's dictionary entry may mark them as identifiers */
	keyedFields: [name: string, semanticKey: string][];
}

export interface BundleSummary {
	kind: 'bundle';
	id: string;
	name: string;
	guide?: string;
	theme?: string;
	leadDepartment: string;
	keywords: string[];
	members: string[];
	initials: string;
	frontDesk?: { department: string; label: string };
	issuance?: { department: string; label: string };
	fieldMappings: { item: string; field: string; target: string }[];
}

export type Summary = ItemSummary | BundleSummary;

const SENSITIVE_FORMATS = new Set(['id-number', 'phone']);
const initialsCache = new Map<string, string>();

/** Pinyin initials of a name, computed once per name. */
export function initials(text: string): string {
	let out = initialsCache.get(text);
	if (out === undefined) {
		out = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
		initialsCache.set(text, out);
	}
	return out;
}

type Raw = Record<string, any>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const obj = (v: unknown): Raw => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});

/** The staff steps of a workflow, each with the department it acts in; a skipped top-level state hides its sub-states from bundles. */
function stepsOf(workflow: Raw, department: string): Step[] {
	const out: Step[] = [];
	const walk = (states: Raw, dept: string, inBundle: boolean, top: boolean) => {
		for (const [key, s] of Object.entries(states)) {
			const node = obj(s);
			const meta = obj(node.meta);
			const here = top ? !(key === 'issuing' || meta.phase === 'intake' || meta.phase === 'issue') : inBundle;
			const d = str(meta.department) ?? dept;
			if (node.type !== 'final' && str(meta.role) && !node.states)
				out.push({ key, label: str(meta.label) ?? key, role: meta.role, department: d, inBundle: here });
			walk(obj(node.states), d, here, false);
		}
	};
	walk(obj(workflow.states), department, true, true);
	return out;
}

/** Form fields marked as identifiers by their format, and fields with a semantic key (resolved against the dictionary later). */
function formFields(form: Raw): Pick<ItemSummary, 'identifierFields' | 'keyedFields'> {
	const identifiers = new Set<string>();
	const keyed: [string, string][] = [];
	const fields = obj(form.fields);
	const walk = (props: Raw, path: string) => {
		for (const [name, p] of Object.entries(props)) {
			const prop = obj(p);
			if (SENSITIVE_FORMATS.has(prop.format) || SENSITIVE_FORMATS.has(obj(prop.items).format)) identifiers.add(name);
			const key = str(obj(fields[path + name]).semanticKey);
			if (key) keyed.push([name, key]);
			walk(obj(prop.properties), `${path}${name}.`);
			walk(obj(obj(prop.items).properties), `${path}${name}.`);
		}
	};
	walk(obj(obj(form.schema).properties), '');
	return { identifierFields: [...identifiers], keyedFields: keyed };
}

/** The summary of one stored definition (a published version or a draft); `id` is the record's, whatever the JSON says. */
export function summarise(kind: DefinitionKind, id: string, stored: unknown): Summary {
	let d: Raw;
	try {
		d = obj(migrateDefinition(kind, stored));
	} catch {
		d = obj(stored); // a draft saved under a model this version cannot lift: shown by its raw fields
	}
	const name = str(d.name) ?? id;
	const common = { id, name, theme: str(d.theme), keywords: strings(d.keywords), initials: initials(name) };
	if (kind === 'bundle') {
		const desk = obj(d.frontDesk);
		const issuance = obj(d.issuance);
		return {
			kind,
			...common,
			guide: str(d.guide),
			leadDepartment: str(d.leadDepartment) ?? '',
			members: (Array.isArray(d.members) ? d.members : []).map((m) => str(obj(m).item)).filter((x): x is string => !!x),
			frontDesk: str(desk.department) ? { department: desk.department, label: str(desk.label) ?? '综合受理' } : undefined,
			issuance: str(issuance.department) ? { department: issuance.department, label: str(issuance.label) ?? '统一出件' } : undefined,
			fieldMappings: (Array.isArray(d.fieldMappings) ? d.fieldMappings : [])
				.map((m) => obj(m))
				.filter((m) => str(m.item) && str(m.field) && str(m.target))
				.map((m) => ({ item: m.item, field: m.field, target: m.target }))
		};
	}
	const department = str(d.department) ?? '';
	return {
		kind,
		...common,
		subName: str(d.subName),
		type: str(d.type),
		department,
		region: str(d.region),
		caseType: str(d.caseType),
		promisedLimitDays: num(d.promisedLimitDays),
		visits: num(d.visits),
		onlineDepth: num(d.onlineDepth),
		basicCode: str(d.basicCode),
		implementationCode: str(d.implementationCode),
		steps: stepsOf(obj(d.workflow), department),
		...formFields(obj(d.form))
	};
}
