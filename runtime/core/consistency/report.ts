// The 五级十五同 report: every implementation of each 基本编码 side by side, element by element, against a reference.
//
// The rule, in order:
// 1. Published items are grouped by 基本编码. A group whose implementations all sit in one region at one level has
//    nothing to compare (its items are that region's own 子项) and is listed apart.
// 2. The reference is the implementing region at the highest level (省 > 市 > 县 > 乡 > 村): the lower levels bind to the
//    province's catalog, not the other way round. Between regions at that level, the lowest region code.
// 3. Each of the reference region's implementations is one line (one 子项). Every other implementation is compared
//    with the reference implementation of its group it shares most elements with (a tie: the same name, then the
//    first by id): that is the 子项 it implements.
// 4. Each of the fifteen elements (elements.ts) is equal or differs, with what differs in words.
// 5. An implementation's score is its equal elements ÷ 15. A region's score is the share of equal elements over all of
//    its compared implementations; a region that only gives references has none (it is the 基准).
import type { Item } from '../model/item';
import { ELEMENTS, type ElementKey } from './elements';

export interface RegionInfo {
	code: string;
	name: string;
	level: string;
}

/** One published implementation. */
export interface Implementation {
	id: string;
	version?: number;
	item: Item;
	/** the department's name (实施主体) */
	departmentName?: string;
}

export interface Cell {
	key: ElementKey;
	label: string;
	values: string[];
	equal: boolean;
	/** what differs from the reference, in words; empty when equal */
	diff: string[];
}

export interface Column {
	id: string;
	version?: number;
	name: string;
	subName?: string;
	region: string;
	regionName: string;
	level: string;
	department: string;
	cells: Cell[];
	/** equal elements (the reference: all of them, by definition) */
	equal: number;
	/** equal ÷ 15; undefined for the reference */
	score?: number;
}

/** One 子项: the reference implementation and the implementations compared with it. */
export interface Line {
	reference: Column;
	compared: Column[];
}

export interface CodeGroup {
	basicCode: string;
	name: string;
	reference: RegionInfo;
	lines: Line[];
	/** implementations compared in this group and how many of them differ somewhere */
	compared: number;
	differing: number;
}

export interface RegionScore extends RegionInfo {
	/** implementations compared with a reference */
	compared: number;
	/** implementations that are a reference */
	references: number;
	equalElements: number;
	totalElements: number;
	/** equal ÷ total over compared implementations; undefined when the region is only a reference */
	score?: number;
}

export interface ConsistencyReport {
	groups: CodeGroup[];
	/** 基本编码 implemented in one region at one level only */
	singles: { basicCode: string; implementations: Pick<Column, 'id' | 'name' | 'subName' | 'region' | 'regionName' | 'level' | 'department'>[] }[];
	regions: RegionScore[];
	/** the number of elements compared */
	elements: number;
}

const LEVEL_RANK: Record<string, number> = { national: 0, provincial: 1, city: 2, county: 3, township: 4, village: 5 };
const rank = (level: string) => LEVEL_RANK[level] ?? 9;
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function column(impl: Implementation, regions: Map<string, RegionInfo>, reference?: Item): Column {
	const { item } = impl;
	const cells = ELEMENTS.map((e) => {
		const diff = reference ? e.diff(reference, item) : [];
		return { key: e.key, label: e.label, values: e.show(item), equal: diff.length === 0, diff };
	});
	const equal = cells.filter((c) => c.equal).length;
	return {
		id: impl.id,
		version: impl.version,
		name: item.name,
		subName: item.subName,
		region: item.region,
		regionName: regions.get(item.region)?.name ?? item.region,
		level: item.level,
		department: impl.departmentName ?? item.department,
		cells,
		equal,
		score: reference ? equal / ELEMENTS.length : undefined
	};
}

/** The reference implementation `impl` is compared with: most equal elements, then the same name, then the first by id. */
function closest(refs: Implementation[], impl: Implementation, regions: Map<string, RegionInfo>): [Implementation, Column] {
	let best: [Implementation, Column] | undefined;
	for (const r of refs) {
		const c = column(impl, regions, r.item);
		if (!best || c.equal > best[1].equal || (c.equal === best[1].equal && r.item.name === impl.item.name && best[0].item.name !== impl.item.name))
			best = [r, c];
	}
	return best!;
}

const regionKey = (i: Item) => `${i.level}/${i.region}`;

export function consistencyReport(implementations: Implementation[], regionList: RegionInfo[]): ConsistencyReport {
	const regions = new Map(regionList.map((r) => [r.code, r]));
	const byCode = new Map<string, Implementation[]>();
	for (const impl of [...implementations].sort(byId))
		(byCode.get(impl.item.basicCode) ?? byCode.set(impl.item.basicCode, []).get(impl.item.basicCode)!).push(impl);

	const groups: CodeGroup[] = [];
	const singles: ConsistencyReport['singles'] = [];
	const scores = new Map<string, RegionScore>();
	const score = (i: Item) => {
		const info = regions.get(i.region) ?? { code: i.region, name: i.region, level: i.level };
		return scores.get(i.region) ?? scores.set(i.region, { ...info, compared: 0, references: 0, equalElements: 0, totalElements: 0 }).get(i.region)!;
	};

	for (const [basicCode, impls] of [...byCode].sort(([a], [b]) => (a < b ? -1 : 1))) {
		if (new Set(impls.map((i) => regionKey(i.item))).size < 2) {
			singles.push({
				basicCode,
				implementations: impls.map((i) => {
					const { id, name, subName, region, regionName, level, department } = column(i, regions);
					return { id, name, subName, region, regionName, level, department };
				})
			});
			continue;
		}
		// the highest level, then the lowest region code
		const top = impls.map((i) => i.item).sort((a, b) => rank(a.level) - rank(b.level) || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0))[0];
		const refs = impls.filter((i) => regionKey(i.item) === regionKey(top));
		const lines = new Map(refs.map((r) => [r.id, { reference: column(r, regions), compared: [] as Column[] }]));
		for (const r of refs) score(r.item).references++;
		for (const impl of impls.filter((i) => !refs.includes(i))) {
			const [ref, col] = closest(refs, impl, regions);
			lines.get(ref.id)!.compared.push(col);
			const s = score(impl.item);
			s.compared++;
			s.equalElements += col.equal;
			s.totalElements += ELEMENTS.length;
		}
		const compared = [...lines.values()].flatMap((l) => l.compared);
		groups.push({
			basicCode,
			name: top.name,
			reference: regions.get(top.region) ?? { code: top.region, name: top.region, level: top.level },
			lines: [...lines.values()],
			compared: compared.length,
			differing: compared.filter((c) => c.equal < ELEMENTS.length).length
		});
	}
	const regionScores = [...scores.values()]
		.map((s) => ({ ...s, score: s.totalElements ? s.equalElements / s.totalElements : undefined }))
		.sort((a, b) => rank(a.level) - rank(b.level) || (a.code < b.code ? -1 : 1));
	return { groups, singles, regions: regionScores, elements: ELEMENTS.length };
}
