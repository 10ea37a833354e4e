// The catalog a process serves from memory, kept in step with the store: every write to definitions changes the store's
// stamp; a request reads the stamp at most once per `trustMs` (at once after this process wrote) and, when it moved,
// reloads the heads and summarises only the versions it has not seen (summaries are keyed by content hash).
import type { Dictionaries } from '../model';
import type { DefinitionHead, DefinitionKind, Store } from '../store';
import { CatalogIndex, type IndexEntry } from './index';
import { summarise, type Summary } from './summary';

/** What a process can save and start from next time: valid while the store's stamp is still `stamp`. */
export interface CatalogSnapshot {
	stamp: string;
	entries: IndexEntry[];
}

const hashKey = (kind: DefinitionKind, id: string, hash: string) => `${kind}/${id}/${hash}`;

export class LiveCatalog {
	private index: CatalogIndex;
	private stamp: string | undefined;
	private checkedAt = 0;
	private stale = true;
	private syncing?: Promise<void>;
	/** background work allowed (after the process has started serving) */
	private serving = false;
	/** summaries of published versions by kind, id and hash */
	private known = new Map<string, Summary>();

	constructor(
		private store: Store,
		readonly dictionaries: Dictionaries,
		private opts: {
			trustMs?: number;
			/** after each load; `asSaved`: the snapshot given to load() was used as it was */ onLoad?: (index: CatalogIndex, asSaved: boolean) => void;
		} = {}
	) {
		this.index = new CatalogIndex([], dictionaries);
	}

	/** The index as last loaded (no store access): for code that cannot wait, e.g. the inbox's filter choices. */
	get current(): CatalogIndex {
		return this.index;
	}

	/** The index, checked against the store's stamp at most once per trustMs (default 1 s), at once after invalidate(). */
	async fresh(): Promise<CatalogIndex> {
		if (this.stale || Date.now() - this.checkedAt >= (this.opts.trustMs ?? 1000)) {
			this.syncing ??= this.sync().finally(() => (this.syncing = undefined));
			await this.syncing;
		}
		return this.index;
	}

	/** This process wrote a definition: the next fresh() reads the stamp. */
	invalidate() {
		this.stale = true;
	}

	/** Summaries of versions this process knows without reading them (e.g. the ones it just seeded). */
	remember(kind: DefinitionKind, id: string, hash: string, summary: Summary) {
		this.known.set(hashKey(kind, id, hash), summary);
	}

	/** Loads at start: the snapshot as it is when the store's stamp still matches, else the store's heads (reusing its summaries). */
	async load(snapshot?: CatalogSnapshot): Promise<void> {
		const stamp = await this.store.definitions.stamp();
		if (snapshot && snapshot.stamp === stamp) this.use(snapshot.entries, stamp, true);
		else await this.reload(stamp, snapshot?.entries);
		this.checkedAt = Date.now();
		this.stale = false;
	}

	/** The process serves now: the pinyin and typo vocabulary is built after its first answers, in chunks between requests. */
	startServing() {
		this.serving = true;
		this.prepareSearchSoon();
	}

	private prepareSearchSoon() {
		const index = this.index;
		setTimeout(() => void index.prepareSearch(), 1000).unref();
	}

	snapshot(): CatalogSnapshot {
		return { stamp: this.stamp ?? '', entries: this.index.entries };
	}

	private async sync() {
		// the stamp is read before the heads: a write in between makes the next check reload again, never hides a change
		const stamp = await this.store.definitions.stamp();
		this.checkedAt = Date.now();
		this.stale = false;
		if (stamp !== this.stamp) await this.reload(stamp, this.index.entries);
	}

	private async reload(stamp: string, previous: IndexEntry[] = []) {
		const heads = await this.store.definitions.heads();
		const before = new Map(previous.map((e) => [`${e.kind}/${e.id}`, e]));
		const entries: IndexEntry[] = [];
		const missing: DefinitionHead[] = [];
		const drafts: DefinitionHead[] = [];
		for (const h of heads) {
			const old = before.get(`${h.kind}/${h.id}`);
			// the same record, or the same published version under a new draft: its summary as it was
			const same = old && (old.rev === h.rev || (h.hash !== undefined && old.hash === h.hash));
			const summary = same ? old.summary : h.hash ? this.known.get(hashKey(h.kind, h.id, h.hash)) : undefined;
			if (summary) entries.push({ ...h, summary });
			else (h.version !== undefined ? missing : drafts).push(h);
		}
		const wanted = new Map(missing.map((h) => [`${h.kind}/${h.id}`, h]));
		for (const v of await this.store.definitions.versions(missing.map((h) => ({ kind: h.kind, id: h.id, version: h.version! })))) {
			const summary = summarise(v.kind, v.id, v.definition);
			this.remember(v.kind, v.id, v.hash, summary);
			entries.push({ ...wanted.get(`${v.kind}/${v.id}`)!, summary });
		}
		for (const h of drafts) {
			const r = await this.store.definitions.get(h.kind, h.id);
			if (r) entries.push({ ...h, summary: summarise(h.kind, h.id, r.draft?.definition ?? r.versions.at(-1)?.definition) });
		}
		this.use(entries, stamp, false);
	}

	private use(entries: IndexEntry[], stamp: string, asSaved: boolean) {
		this.index.abandon();
		this.index = new CatalogIndex(entries, this.dictionaries);
		this.index.warm();
		if (this.serving) this.prepareSearchSoon();
		this.stamp = stamp;
		this.opts.onLoad?.(this.index, asSaved);
	}
}
