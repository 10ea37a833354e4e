// What the citizen texts and the studio's 改革成效 say about a composed service, counted once here so they agree.
import type { StateNodeDef, Workflow } from '../model';
import type { ComposedMaterial, SharedInBundle } from './types';

/** A material passed on inside the bundle, once, with every member that receives it. */
export interface SharedOnce {
	licenceType: string;
	name: string;
	producedBy: string;
	producedByName: string;
	/** the members that get it instead of asking the applicant, in member order */
	items: { item: string; name: string }[];
}

export interface ServiceFacts {
	/** department ids that review, each once, in member order; parallel branches inside a member's own workflow included */
	reviewDepartments: string[];
	sharedOnce: SharedOnce[];
	/** fields typed if each member were applied for separately, and in the one form */
	fields: { separately: number; once: number };
	/** materials asked for separately, in the one set, and passed on inside the bundle (each once) */
	materials: { separately: number; once: number; shared: number };
}

/** Steps that are not a department's review: the applicant's, the front desk's, the issuing window's. */
const NOT_REVIEW_ROLES = new Set(['applicant', 'frontDesk', 'issuer']);
const NOT_REVIEW_PHASES = new Set(['intake', 'issue']);

function collectDepartments(states: Record<string, StateNodeDef>, out: Set<string>): void {
	for (const s of Object.values(states)) {
		if (s.type === 'final') continue;
		const meta = s.meta;
		if (meta?.phase && NOT_REVIEW_PHASES.has(meta.phase)) continue;
		if (meta?.role && NOT_REVIEW_ROLES.has(meta.role)) continue;
		// a region (a member's branch, a department's parallel branch) names its department before its steps
		if (meta?.department && (meta.role || s.states)) out.add(meta.department);
		if (s.states) collectDepartments(s.states, out);
	}
}

/** The departments that review a composed workflow, each once; `fallback` (the members' own) when no step reviews. */
export function reviewDepartments(workflow: Workflow, fallback: string[]): string[] {
	const out = new Set<string>();
	collectDepartments(workflow.states, out);
	return out.size ? [...out] : [...new Set(fallback)];
}

/**
 * One row per shared material (by licence type) instead of one per member and material. The members' own name when they
 * agree, else the name of what the producing member issues (`results`: item id → result name).
 */
export function sharedOnce(shared: SharedInBundle[], names: Record<string, string>, results: Record<string, string> = {}): SharedOnce[] {
	const byType = new Map<string, SharedOnce & { names: Set<string> }>();
	for (const s of shared) {
		const row = byType.get(s.licenceType);
		const member = { item: s.item, name: names[s.item] ?? s.item };
		if (!row)
			byType.set(s.licenceType, {
				licenceType: s.licenceType,
				name: s.name,
				producedBy: s.producedBy,
				producedByName: s.producedByName,
				items: [member],
				names: new Set([s.name])
			});
		else {
			row.names.add(s.name);
			if (!row.items.some((x) => x.item === s.item)) row.items.push(member);
		}
	}
	return [...byType.values()].map(({ names: own, ...row }) => ({ ...row, name: own.size === 1 ? row.name : (results[row.producedBy] ?? row.name) }));
}

export function factsOf(input: {
	workflow: Workflow;
	members: { item: string; name: string; department: string; included: boolean }[];
	/** item id → the name of its result (营业执照…), for a shared material the members name differently */
	results?: Record<string, string>;
	properties: string[];
	fieldOrigins: Record<string, { items: string[] }>;
	materials: ComposedMaterial[];
	sharedInBundle: SharedInBundle[];
}): ServiceFacts {
	const included = input.members.filter((m) => m.included);
	const names = Object.fromEntries(input.members.map((m) => [m.item, m.name]));
	const shared = sharedOnce(input.sharedInBundle, names, input.results);
	// every field of the form stands for one field in each member that asks for it
	const separately = input.properties.reduce((n, p) => n + (input.fieldOrigins[p]?.items.length ?? 1), 0);
	return {
		reviewDepartments: reviewDepartments(
			input.workflow,
			included.map((m) => m.department)
		),
		sharedOnce: shared,
		fields: { separately, once: input.properties.length },
		materials: {
			separately: input.materials.reduce((n, m) => n + m.origins.length, 0) + input.sharedInBundle.length,
			once: input.materials.length,
			shared: shared.length
		}
	};
}
