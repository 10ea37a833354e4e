// 一份指南: what a citizen reads before applying, for the members this application includes.
import type { Bundle, Item } from '../model';
import type { FeeCharge } from '../model/fees';

export interface ComposedGuide {
	/** the bundle's own words, or the item's name and sub-item */
	summary: string;
	conditions: { item: string; text: string }[];
	legalBasis: { item: string; title: string; article: string }[];
	/** 不收费 when every member is free */
	fees: { item: string; name: string; standard: string; charge?: FeeCharge }[];
	consultPhones: string[];
	complaintPhones: string[];
	locations: { name: string; address: string; hours: string }[];
	/** the most visits any member needs (0 = 一趟不用跑) */
	visits: 0 | 1 | 'n';
	/** the least online depth among members (4 = 全程网办) */
	onlineDepth: number;
	delivery: ('window' | 'post' | 'online')[];
	/** the bundle's outcome rule and member prerequisites, in words (empty for an item) */
	outcomeRules: string[];
}

/** 办结规则 and 前置事项 said as a citizen reads them. */
export function outcomeRulesOf(items: Item[], bundle?: Bundle): string[] {
	if (!bundle) return [];
	const name = (id: string) => items.find((i) => i.id === id)?.name ?? id;
	const included = new Set(items.map((i) => i.id));
	const rule =
		bundle.outcomeRule === 'all'
			? '各事项须全部获准才办结出证：任一事项不予许可，其他事项一并终止办理。'
			: '各事项分别审批：获准的事项照常出证，不予许可的事项单独告知理由。';
	const prerequisites = bundle.members
		.filter((m) => included.has(m.item) && m.requires.some((r) => included.has(r)))
		.map(
			(m) =>
				`「${name(m.item)}」以「${m.requires
					.filter((r) => included.has(r))
					.map(name)
					.join('」「')}」获准为前提；前提事项不予许可的，本事项终止办理并告知理由。`
		);
	const combined = bundle.combinedResult
		? [
				bundle.outcomeRule === 'all'
					? `多证合一：全部事项获准后，另出具「${bundle.combinedResult.name}」，列明各事项的审批结果。`
					: `多证合一：各事项均作出决定后，另出具「${bundle.combinedResult.name}」，列明获准事项的审批结果。`
			]
		: [];
	return [rule, ...prerequisites, ...combined];
}

const unique = <T>(xs: T[], key: (x: T) => string = (x) => JSON.stringify(x)) => [...new Map(xs.map((x) => [key(x), x])).values()];

export function guideOf(items: Item[], bundle?: Bundle): ComposedGuide {
	const visitRank = (v: 0 | 1 | 'n') => (v === 'n' ? 2 : v);
	return {
		summary: bundle?.guide ?? `${items[0]?.name ?? ''}${items[0]?.subName ? `（${items[0].subName}）` : ''}`,
		conditions: items.flatMap((i) => i.acceptanceConditions.map((text) => ({ item: i.id, text }))),
		legalBasis: items.flatMap((i) => i.legalBasis.map((b) => ({ item: i.id, title: b.title, article: b.article }))),
		fees: items.flatMap((i) =>
			i.fees.free ? [] : i.fees.items.map((f) => ({ item: i.id, name: f.name, standard: f.standard, ...(f.charge ? { charge: f.charge } : {}) }))
		),
		consultPhones: unique(items.map((i) => i.consultPhone)),
		complaintPhones: unique(items.map((i) => i.complaintPhone)),
		locations: unique(items.flatMap((i) => i.locations)),
		visits: items.reduce<0 | 1 | 'n'>((max, i) => (visitRank(i.visits) > visitRank(max) ? i.visits : max), 0),
		onlineDepth: Math.min(4, ...items.map((i) => i.onlineDepth)),
		delivery: bundle ? bundle.issuance.delivery : unique(items.flatMap((i) => i.delivery)),
		outcomeRules: outcomeRulesOf(items, bundle)
	};
}
