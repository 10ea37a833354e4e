// 一份指南: what a citizen reads before applying, for the members this application includes.
import type { Bundle, Item } from '../model';

export interface ComposedGuide {
	/** the bundle's own words, or the item's name and sub-item */
	summary: string;
	conditions: { item: string; text: string }[];
	legalBasis: { item: string; title: string; article: string }[];
	/** 不收费 when every member is free */
	fees: { item: string; name: string; standard: string }[];
	consultPhones: string[];
	complaintPhones: string[];
	locations: { name: string; address: string; hours: string }[];
	/** the most visits any member needs (0 = 一趟不用跑) */
	visits: 0 | 1 | 'n';
	/** the least online depth among members (4 = 全程网办) */
	onlineDepth: number;
	delivery: ('window' | 'post' | 'online')[];
}

const unique = <T>(xs: T[], key: (x: T) => string = (x) => JSON.stringify(x)) => [...new Map(xs.map((x) => [key(x), x])).values()];

export function guideOf(items: Item[], bundle?: Bundle): ComposedGuide {
	const visitRank = (v: 0 | 1 | 'n') => (v === 'n' ? 2 : v);
	return {
		summary: bundle?.guide ?? `${items[0]?.name ?? ''}${items[0]?.subName ? `（${items[0].subName}）` : ''}`,
		conditions: items.flatMap((i) => i.acceptanceConditions.map((text) => ({ item: i.id, text }))),
		legalBasis: items.flatMap((i) => i.legalBasis.map((b) => ({ item: i.id, title: b.title, article: b.article }))),
		fees: items.flatMap((i) => (i.fees.free ? [] : i.fees.items.map((f) => ({ item: i.id, name: f.name, standard: f.standard })))),
		consultPhones: unique(items.map((i) => i.consultPhone)),
		complaintPhones: unique(items.map((i) => i.complaintPhone)),
		locations: unique(items.flatMap((i) => i.locations)),
		visits: items.reduce<0 | 1 | 'n'>((max, i) => (visitRank(i.visits) > visitRank(max) ? i.visits : max), 0),
		onlineDepth: Math.min(4, ...items.map((i) => i.onlineDepth)),
		delivery: bundle ? bundle.issuance.delivery : unique(items.flatMap((i) => i.delivery))
	};
}
