// 改革成效 in working days, from the definitions: where a bundle's time saving comes from. Applied for separately, one after
// another, the members take the sum of their limits; the bundle promises its slowest member. The difference splits into
// 承诺时限压缩 (legal → promised), 并联审批 (independent reviews no longer wait for one another) and 共享结果 (a member needing
// another's licence no longer waits for it to be issued: it is passed on inside the bundle). Materials are counted, not timed.
import type { Bundle, Item } from '../model';
import { evaluate, references } from '../model/condition';
import type { ComposedService, SharedInBundle } from './types';

export interface DaySavings {
	/** Σ legal limits: every member on its own, one after another, at the legal limit (before the reform) */
	legalSerial: number;
	/** Σ promised limits: one after another at the promised limits */
	promisedSerial: number;
	/** separately, each member started as soon as the licences it needs were issued: the longest chain of 前置事项 */
	chainDays: number;
	/** the bundle's promise: its members reviewed in parallel */
	bundleDays: number;
	saved: { promise: number; parallel: number; shared: number; total: number };
	/** total saved as a share of the legal serial sum, whole percent */
	percent: number;
}

export interface MaterialSavings {
	/** materials asked for if each member were applied for separately */
	separately: number;
	/** materials in the one set */
	once: number;
	/** asked by two or more members, asked once */
	merged: number;
	/** issued by one member and passed on to another inside the bundle */
	passedOn: number;
	/** in the one set, fetched from the licence library or another department by default (免提交) */
	fetched: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Day savings of the members a bundle includes; `requires` maps a member to the members it waits for separately (dependenciesOf). */
export function daySavings(members: Pick<Item, 'id' | 'promisedLimitDays' | 'legalLimitDays'>[], requires: Record<string, string[]> = {}): DaySavings {
	const byId = new Map(members.map((m) => [m.id, m]));
	const chain = new Map<string, number>();
	// longest chain ending at a member; prerequisites are acyclic (the check refuses cycles), `seen` guards a bad definition
	const chainOf = (id: string, seen: Set<string>): number => {
		if (chain.has(id)) return chain.get(id)!;
		const before = (requires[id] ?? []).filter((r) => byId.has(r) && !seen.has(r));
		const days = byId.get(id)!.promisedLimitDays + Math.max(0, ...before.map((r) => chainOf(r, new Set([...seen, id]))));
		chain.set(id, days);
		return days;
	};
	const legalSerial = members.reduce((n, m) => n + m.legalLimitDays, 0);
	const promisedSerial = members.reduce((n, m) => n + m.promisedLimitDays, 0);
	const chainDays = Math.max(0, ...members.map((m) => chainOf(m.id, new Set())));
	const bundleDays = Math.max(0, ...members.map((m) => m.promisedLimitDays));
	const total = legalSerial - bundleDays;
	return {
		legalSerial: round(legalSerial),
		promisedSerial: round(promisedSerial),
		chainDays: round(chainDays),
		bundleDays: round(bundleDays),
		saved: {
			promise: round(legalSerial - promisedSerial),
			parallel: round(promisedSerial - chainDays),
			shared: round(chainDays - bundleDays),
			total: round(total)
		},
		percent: legalSerial > 0 ? Math.round((total / legalSerial) * 100) : 0
	};
}

/** Material savings of a composed service, from the same counts as its facts. */
export function materialSavings(s: ComposedService): MaterialSavings {
	const origins = s.materials.reduce((n, m) => n + m.origins.length, 0);
	return {
		separately: s.facts.materials.separately,
		once: s.facts.materials.once,
		merged: origins - s.materials.length,
		passedOn: s.sharedInBundle.length,
		fetched: s.materials.filter((m) => m.sources[0] && (m.sources[0].kind === 'licence' || m.sources[0].kind === 'shared')).length
	};
}

export interface Scenario {
	/** the answers that lead here, one set per question the members depend on (several when they lead to the same members) */
	answers: Record<string, unknown>[];
	items: string[];
}

/**
 * The distinct sets of members a bundle's situations can include (two or more members), each with the answers leading
 * there. Multiple-choice questions are tried one option at a time; at most `limit` combinations are tried.
 */
export function scenariosOf(bundle: Bundle, limit = 256): Scenario[] {
	const asked = new Set(bundle.members.flatMap((m) => references(m.includeWhen).answers));
	// a question asked only after another answer depends on that one too
	for (const q of bundle.situations) if (asked.has(q.id)) for (const a of references(q.askWhen).answers) asked.add(a);
	const questions = bundle.situations.filter((q) => asked.has(q.id));
	let combos: Record<string, unknown>[] = [{}];
	for (const q of questions) {
		const next: Record<string, unknown>[] = [];
		for (const c of combos) {
			if (q.askWhen && !evaluate(q.askWhen, { answers: c })) next.push(c);
			else for (const o of q.options) next.push({ ...c, [q.id]: q.multiple ? [o.value] : o.value });
		}
		combos = next.slice(0, limit);
	}
	const byMembers = new Map<string, Scenario>();
	for (const answers of combos) {
		const items = bundle.members.filter((m) => evaluate(m.includeWhen, { answers })).map((m) => m.item);
		if (items.length < 2) continue;
		const key = items.join(' ');
		const row = byMembers.get(key);
		if (row) row.answers.push(answers);
		else byMembers.set(key, { answers: [answers], items });
	}
	return [...byMembers.values()];
}

/**
 * What each member waits for when applied for separately: its 前置事项, and the members whose licence it needs (passed on
 * inside the bundle, 免提交). The all-or-nothing rule is an outcome rule, not a wait, and is left out.
 */
export function dependenciesOf(bundle: Pick<Bundle, 'members'>, sharedInBundle: SharedInBundle[] = []): Record<string, string[]> {
	const out: Record<string, Set<string>> = {};
	for (const m of bundle.members) out[m.item] = new Set(m.requires ?? []);
	for (const s of sharedInBundle) (out[s.item] ??= new Set()).add(s.producedBy);
	return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));
}
