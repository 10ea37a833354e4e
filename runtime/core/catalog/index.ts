// The catalog in memory: one immutable snapshot of every definition's head and summary, with what the portal, the API list,
// the inbox and the identifier sealing ask of it. Search matches each word of the query (as typed, through a synonym, split
// into dictionary words, letters as full pinyin: query.ts) over a lower-case haystack per row (name, codes, keywords,
// department, pinyin initials). The portal ranks name matches first and, when nothing matches, guesses what the citizen
// meant from how the catalog sounds and is written (phonetic.ts): the rows of the first guess that finds some, and up to
// three guesses as suggestions.
import { semanticFieldName } from '../compose/form';
import type { Dictionaries } from '../model';
import type { DefinitionHead, DefinitionKind } from '../store';
import { SoundVocabulary } from './phonetic';
import { matcher, queryWords, readQuery, score, SynonymTable, type ReadOptions, type RowTexts } from './query';
import type { BundleSummary, ItemSummary, Summary } from './summary';

export type { BundleSummary, ItemSummary, Summary } from './summary';

/** A definition's head with the summary of its latest published version (of its draft while it has none). */
export type IndexEntry = DefinitionHead & { summary: Summary };

export type GroupBy = 'theme' | 'department';
export const OTHER_THEME = '其他';

/** A row of the portal's list: a bundle or an item with the group it is shown under. */
export type PortalRow =
	| { kind: 'bundle'; id: string; name: string; guide: string; group: string; department: string; members: string[] }
	| {
			kind: 'item';
			id: string;
			name: string;
			subName?: string;
			group: string;
			department: string;
			caseType?: string;
			promisedLimitDays?: number;
			visits?: number;
			onlineDepth?: number;
	  };

export interface StudioFilter {
	q?: string;
	department?: string;
	/** an item's 事项类型, or `bundle` */
	type?: string;
	status?: 'draft' | 'published' | 'changed';
}

export interface InboxStep {
	service: string;
	key: string;
	label: string;
	role: string;
}

/** The portal's search: one page of rows; `near` when none matched as typed and these sound or look like it. */
export interface PortalSearch {
	rows: PortalRow[];
	total: number;
	page: number;
	near: boolean;
	/** queries that find something (「您是不是要找」), when the query as typed finds nothing */
	suggestions: string[];
}

interface Row extends RowTexts {
	entry: IndexEntry;
	/** position in `all` (the sound vocabulary's row number) */
	n: number;
}

const collator = new Intl.Collator('zh-CN');
const MAX_SUGGESTIONS = 3;
/** guesses per word, and rewritten queries tried, when nothing matches */
const GUESSES_PER_WORD = 3;
const GUESSES_TRIED = 6;
const GUESS_SPREAD = 0.2;

/** lower case, skipping the (costly, for Chinese text) conversion when there is no capital letter */
const lower = (x: string | undefined) => (x === undefined ? '' : /[A-Z]/.test(x) ? x.toLowerCase() : x);
const byId = (a: Row, b: Row) => (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0);

export class CatalogIndex {
	private byId: Record<DefinitionKind, Map<string, Row>> = { item: new Map(), bundle: new Map() };
	private byCodeMap = new Map<string, IndexEntry>();
	/** every record of each kind, in id order */
	private rows: Record<DefinitionKind, Row[]> = { item: [], bundle: [] };
	private sorted = new Map<GroupBy, Row[]>();
	private departments: Map<string, string>;
	private steps?: Map<string, InboxStep[]>;
	/** every row, items then bundles (row numbers of the sound vocabulary) */
	private all: Row[] = [];
	private synonyms: SynonymTable;
	private sounds?: SoundVocabulary;
	/** published definitions */
	readonly size: { items: number; bundles: number };

	constructor(
		readonly entries: IndexEntry[],
		readonly dictionaries: Dictionaries
	) {
		this.departments = new Map(dictionaries.departments.map((d) => [d.id, d.name]));
		this.synonyms = new SynonymTable(dictionaries.searchSynonyms);
		const size = { items: 0, bundles: 0 };
		// items first: a bundle's haystack has its members' names
		for (const kind of ['item', 'bundle'] as const) {
			for (const entry of entries) {
				const s = entry.summary;
				if (entry.kind !== kind || s.kind !== kind) continue;
				const parts = [s.id, lower(s.name), s.initials, ...s.keywords.map(lower)];
				if (s.kind === 'item') {
					parts.push(lower(s.basicCode), lower(s.implementationCode), lower(this.department(s.department)), lower(s.subName));
					for (const code of [s.basicCode, s.implementationCode]) if (code && !this.byCodeMap.has(code)) this.byCodeMap.set(code, entry);
				} else {
					parts.push(lower(this.department(s.leadDepartment)));
					for (const m of s.members) parts.push(lower(this.byId.item.get(m)?.entry.summary.name));
				}
				const name = s.kind === 'item' && s.subName ? `${lower(s.name)} ${lower(s.subName)}` : lower(s.name);
				const row: Row = { entry, hay: parts.join(' '), name, keywords: s.keywords.map(lower).join(' '), n: this.all.length }; // hay: scanned as it is
				this.all.push(row);
				this.byId[kind].set(entry.id, row);
				this.rows[kind].push(row);
				if (entry.version !== undefined) size[kind === 'item' ? 'items' : 'bundles']++;
			}
			const rows = this.rows[kind];
			if (rows.some((r, i) => i > 0 && byId(rows[i - 1], r) > 0)) rows.sort(byId);
		}
		this.size = size;
	}

	private published(kind: DefinitionKind) {
		return this.rows[kind].filter((r) => r.entry.version !== undefined);
	}

	department(id: string): string {
		return this.departments.get(id) ?? id;
	}

	get(kind: DefinitionKind, id: string): IndexEntry | undefined {
		return this.byId[kind].get(id)?.entry;
	}

	/** The item whose 基本编码 or 实施编码 this is. */
	byCode(code: string): IndexEntry | undefined {
		return this.byCodeMap.get(code);
	}

	/** A service's name: a bundle's first, then an item's. */
	name(id: string): string | undefined {
		return (this.get('bundle', id) ?? this.get('item', id))?.summary.name;
	}

	/** How the catalog sounds, built on first use (or by prepareSearch() after a load). */
	private vocabulary(): SoundVocabulary {
		return (this.sounds ??= new SoundVocabulary(this.all.length, (n) => {
			const s = this.all[n].entry.summary;
			return [s.name, ...(s.kind === 'item' && s.subName ? [s.subName] : []), ...s.keywords];
		}));
	}

	/** Builds the sound vocabulary in the background, so the first search in pinyin or with a typo does not wait for it. */
	prepareSearch(): Promise<void> {
		return this.vocabulary().prepare();
	}

	/** Stops a background preparation (this index has been replaced). */
	abandon() {
		this.sounds?.abandon();
	}

	/** The query read for matching (undefined: no words, everything matches): its words and whether a row matches each. */
	private read(q: string, opts: Omit<ReadOptions, 'typed'> = {}) {
		const words = readQuery(q, this.synonyms, { ...opts, typed: (letters) => this.vocabulary().typed(letters) });
		if (!words.length) return undefined;
		const test = matcher(words);
		return { words, matches: (r: Row) => test(r.hay) };
	}

	private filter(rows: Row[], q: string): Row[] {
		const read = this.read(q);
		return read ? rows.filter(read.matches) : rows;
	}

	/** Every record of a kind (drafts too) in id order, filtered by the search words of `q`. */
	list(kind: DefinitionKind, q = ''): IndexEntry[] {
		return this.filter(this.rows[kind], q).map((r) => r.entry);
	}

	/** One page of list(): the records from (page - 1) * limit, and how many match in all. */
	listPage(kind: DefinitionKind, q: string, page: number, limit: number): { entries: IndexEntry[]; total: number } {
		const rows = this.filter(this.rows[kind], q);
		return { entries: rows.slice((page - 1) * limit, page * limit).map((r) => r.entry), total: rows.length };
	}

	/** The studio's list: items then bundles, each in id order, narrowed by search words, department, 事项类型 (or `bundle`) and status. */
	studioPage(f: StudioFilter, page: number, limit: number): { entries: IndexEntry[]; total: number; page: number } {
		const status = (e: IndexEntry) => (e.version === undefined ? 'draft' : e.draft ? 'changed' : 'published');
		const found = this.filter([...this.rows.item, ...this.rows.bundle], f.q ?? '').filter(({ entry: e }) => {
			const s = e.summary;
			if (f.type && (f.type === 'bundle' ? s.kind !== 'bundle' : s.kind !== 'item' || s.type !== f.type)) return false;
			if (f.department && (s.kind === 'item' ? s.department : s.leadDepartment) !== f.department) return false;
			return !f.status || status(e) === f.status;
		});
		const last = Math.max(1, Math.ceil(found.length / limit));
		const at = Math.min(Math.max(1, Math.floor(page)), last);
		return { entries: found.slice((at - 1) * limit, at * limit).map((r) => r.entry), total: found.length, page: at };
	}

	private group(s: Summary, by: GroupBy): string {
		if (by === 'theme') return s.theme || OTHER_THEME;
		return this.department(s.kind === 'item' ? s.department : s.leadDepartment);
	}

	/** Published bundles then items, by group (collated, 其他 last) and id. */
	private ordered(by: GroupBy): Row[] {
		let out = this.sorted.get(by);
		if (out) return out;
		// groups collated (其他 last); within a group the id order the rows already have
		const sortRows = (rows: Row[]) => {
			const groups = new Map<string, Row[]>();
			for (const r of rows) {
				const g = this.group(r.entry.summary, by);
				(groups.get(g) ?? groups.set(g, []).get(g)!).push(r);
			}
			const keys = [...groups.keys()].sort((a, b) => Number(a === OTHER_THEME) - Number(b === OTHER_THEME) || collator.compare(a, b));
			return keys.flatMap((k) => groups.get(k)!);
		};
		out = [...sortRows(this.published('bundle')), ...sortRows(this.published('item'))];
		this.sorted.set(by, out);
		return out;
	}

	/**
	 * The portal's search: one page of published bundles, then items, matching every word of `q`, name matches first (a
	 * page past the end: the last). When none match: the rows that sound or look like it (`near`) and suggestions.
	 */
	search(q: string, by: GroupBy, page: number, pageSize: number): PortalSearch {
		let found = this.ordered(by);
		let near = false;
		let suggestions: string[] = [];
		if (queryWords(q).length) {
			found = this.ranked(q, by);
			if (!found.length) ({ found, near, suggestions } = this.nothingFound(q, by));
		}
		const last = Math.max(1, Math.ceil(found.length / pageSize));
		const at = Math.min(Math.max(1, Math.floor(page)), last);
		const start = (at - 1) * pageSize;
		const rows = found.slice(start, start + pageSize).map((r) => this.portalRow(r.entry.summary, by));
		return { rows, total: found.length, page: at, near, suggestions };
	}

	/** Published rows matching every word: bundles, then items, each by score (name matches first), then group order. */
	private ranked(q: string, by: GroupBy, opts: Omit<ReadOptions, 'typed'> = {}): Row[] {
		const read = this.read(q, opts);
		if (!read) return [];
		// buckets by score, in the order ordered() has (bundles first): a sort of thousands of rows costs more than this
		const buckets = new Map<number, Row[]>();
		for (const r of this.ordered(by)) {
			if (!read.matches(r)) continue;
			const s = score(r, read.words) + (r.entry.kind === 'bundle' ? 1000 : 0);
			(buckets.get(s) ?? buckets.set(s, []).get(s)!).push(r);
		}
		return [...buckets.keys()].sort((a, b) => b - a).flatMap((s) => buckets.get(s)!);
	}

	/**
	 * Nothing matches: each word that finds nothing alone is replaced by what it probably meant (phonetic.ts), and the rows
	 * of the first rewritten query that finds some are shown (`near`); up to three such queries are suggested. Several words
	 * that find nothing together: each word that finds something alone is suggested too.
	 */
	private nothingFound(q: string, by: GroupBy): { found: Row[]; near: boolean; suggestions: string[] } {
		const words = queryWords(q);
		// one word: it finds nothing (the query did not)
		const finds = words.length > 1 ? words.map((w) => this.findsAny(w)) : [false];
		let guesses: { words: string[]; weight: number }[] = [{ words: [], weight: 0 }];
		words.forEach((w, i) => {
			const options = finds[i] ? [{ text: w, weight: 1 }] : this.vocabulary().near(w).slice(0, GUESSES_PER_WORD);
			guesses = guesses.flatMap((g) => options.map((o) => ({ words: [...g.words, o.text], weight: g.weight + o.weight })));
		});
		guesses = guesses.filter((g) => g.words.some((w, i) => w !== words[i])).sort((a, b) => b.weight - a.weight);
		// each guess tried is a pass over the catalog: only the few nearly as good as the best
		guesses = guesses.filter((g) => g.weight >= guesses[0].weight - GUESS_SPREAD * words.length).slice(0, GUESSES_TRIED);
		let found: Row[] = [];
		const suggestions = new Set<string>();
		for (const g of guesses) {
			if (suggestions.size >= MAX_SUGGESTIONS) break;
			const rows = this.ranked(g.words.join(' '), by, { strict: new Set(g.words.filter((w, i) => w !== words[i])) });
			if (!rows.length) continue;
			if (!found.length) found = rows;
			suggestions.add(g.words.join(' '));
		}
		if (words.length > 1) words.forEach((w, i) => finds[i] && suggestions.size < MAX_SUGGESTIONS && suggestions.add(w));
		return { found, near: found.length > 0, suggestions: [...suggestions] };
	}

	/** Does a query find a published row? */
	private findsAny(q: string): boolean {
		const read = this.read(q);
		return !!read && this.all.some((r) => r.entry.version !== undefined && read.matches(r));
	}

	/** Prepares the portal's orders (done once per snapshot, so the first request after a reload does not pay for it). */
	warm() {
		this.ordered('theme');
		this.ordered('department');
	}

	private portalRow(s: Summary, by: GroupBy): PortalRow {
		const group = this.group(s, by);
		if (s.kind === 'bundle')
			return {
				kind: 'bundle',
				id: s.id,
				name: s.name,
				guide: s.guide ?? '',
				group,
				department: this.department(s.leadDepartment),
				members: s.members.map((m) => this.get('item', m)?.summary.name ?? m)
			};
		const { id, name, subName, caseType, promisedLimitDays, visits, onlineDepth } = s;
		return { kind: 'item', id, name, subName, group, department: this.department(s.department), caseType, promisedLimitDays, visits, onlineDepth };
	}

	/** Every staff step of the published catalog, by acting department (a bundle's intake and issuance, its members' reviews). */
	stepsByDepartment(): Map<string, InboxStep[]> {
		if (this.steps) return this.steps;
		const out = new Map<string, InboxStep[]>();
		const add = (department: string, step: InboxStep) => (out.get(department) ?? out.set(department, []).get(department)!).push(step);
		for (const r of this.published('item')) {
			const s = r.entry.summary as ItemSummary;
			for (const st of s.steps) add(st.department, { service: s.id, key: st.key, label: st.label, role: st.role });
		}
		for (const r of this.published('bundle')) {
			const b = r.entry.summary as BundleSummary;
			if (b.frontDesk) add(b.frontDesk.department, { service: b.id, key: 'intake', label: b.frontDesk.label, role: 'frontDesk' });
			if (b.issuance) add(b.issuance.department, { service: b.id, key: 'issuing', label: b.issuance.label, role: 'issuer' });
			for (const m of b.members) {
				const item = this.get('item', m);
				if (item?.version === undefined || item.summary.kind !== 'item') continue;
				for (const st of item.summary.steps) if (st.inBundle) add(st.department, { service: b.id, key: st.key, label: st.label, role: st.role });
			}
		}
		return (this.steps = out);
	}

	/** Field names that hold personal identifiers (see identifierNames). */
	identifierNames(): Set<string> {
		return identifierNames(this.entries, this.dictionaries);
	}

	/** Field names that hold the applicant's name (see applicantNameFields). */
	applicantNameFields(): Set<string> {
		return applicantNameFields(this.entries);
	}
}

/** The semantic key of the applicant's name: the inbox finds a case by it (keyed hash). */
export const APPLICANT_NAME_KEY = 'applicant.name';

/** Field names holding the applicant's name in published forms: by their semantic key, also as scoped in a bundle (item__field). */
export function applicantNameFields(entries: IndexEntry[]): Set<string> {
	const out = new Set([semanticFieldName(APPLICANT_NAME_KEY)]);
	for (const { summary: s, version } of entries) {
		if (version === undefined || s.kind !== 'item') continue;
		for (const [n, key] of s.keyedFields) if (key === APPLICANT_NAME_KEY) out.add(n);
	}
	return out;
}

/**
 * Field names that hold personal identifiers: sensitive semantic keys (and their profile names), the identifier fields of
 * published forms (PiiFields also matches them as scoped in a bundle, item__field), and the bundle fields they are mapped to.
 */
export function identifierNames(entries: IndexEntry[], dictionaries: Pick<Dictionaries, 'semanticKeys'>): Set<string> {
	const keys = new Map(dictionaries.semanticKeys.map((k) => [k.key, k]));
	const sensitive = (k: string) => {
		const entry = keys.get(k);
		return !!entry && (entry.sensitive === true || entry.format === 'id-number' || entry.format === 'phone');
	};
	const out = new Set<string>();
	for (const k of dictionaries.semanticKeys) if (sensitive(k.key)) [semanticFieldName(k.key), ...(k.profile ? [k.profile] : [])].forEach((n) => out.add(n));
	const byItem = new Map<string, Set<string>>();
	const published = entries.filter((e) => e.version !== undefined);
	// forms of one template share their field lists (see catalog-cache.ts): each list pair is resolved once
	const memo = new Map<string[], Map<ItemSummary['keyedFields'], Set<string>>>();
	const fieldsOf = (s: ItemSummary) => {
		const byKeyed = memo.get(s.identifierFields) ?? memo.set(s.identifierFields, new Map()).get(s.identifierFields)!;
		let mine = byKeyed.get(s.keyedFields);
		if (!mine) byKeyed.set(s.keyedFields, (mine = new Set([...s.identifierFields, ...s.keyedFields.filter(([, k]) => sensitive(k)).map(([n]) => n)])));
		return mine;
	};
	for (const { summary: s } of published) {
		if (s.kind !== 'item') continue;
		const mine = fieldsOf(s);
		byItem.set(s.id, mine);
		for (const n of mine) out.add(n);
	}
	for (const { summary: s } of published)
		if (s.kind === 'bundle') for (const m of s.fieldMappings) if (byItem.get(m.item)?.has(m.field.split('.').pop()!)) out.add(m.target);
	return out;
}
