import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Bundle, Item, type Dictionaries } from './model';
import type { Catalog } from './check';
import type { LiveCatalog } from './catalog/live';
import { summarise } from './catalog/summary';
import { inlineChecker, type CheckJob, type DefinitionChecker } from './definition-check';
import type { ServiceSource, Versioned } from './compose';
import { HttpError, invalid, notFound } from './errors';
import { guardDefinition } from './model/limits';
import { migrateDefinition, versionProblems } from './model/migrations';
import type { DefinitionKind, DefinitionRecord, Pin, Store } from './store';
import type { TimeSource } from './time';

/** How long a process trusts the latest published version it saw (another process may publish meanwhile). */
const LATEST_TRUSTED_MS = 2000;

export function stableStringify(v: unknown): string {
	if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
	if (v && typeof v === 'object')
		return `{${Object.keys(v)
			.sort()
			.filter((k) => (v as any)[k] !== undefined)
			.map((k) => `${JSON.stringify(k)}:${stableStringify((v as any)[k])}`)
			.join(',')}}`;
	return JSON.stringify(v);
}
export const contentHash = (v: unknown) => createHash('sha256').update(stableStringify(v)).digest('hex').slice(0, 16);

const SCHEMAS = { item: Item, bundle: Bundle } as const;
const LABEL = { item: '事项', bundle: '一件事' } as const;

export interface DefinitionSummary {
	kind: DefinitionKind;
	id: string;
	name: string;
	department?: string;
	status: 'draft' | 'published' | 'changed';
	latestVersion?: number;
	rev: number;
}

/** Drafts, immutable published versions, and the sources compose() needs. */
export class DefinitionService {
	private cache = new Map<string, Versioned<any>>();
	constructor(
		private store: Store,
		readonly dictionaries: Dictionaries,
		private time: TimeSource,
		private checker: DefinitionChecker = inlineChecker,
		/** the catalog in memory: told of every write, asked for 编码 lookups */
		private catalog?: LiveCatalog
	) {}

	/**
	 * Publishes every given catalog definition the store does not have yet, as version 1, in one unit of work (a definition
	 * another process seeded first is skipped). Returns how many were published.
	 */
	async seed(catalog: Pick<Catalog, 'items' | 'bundles'>): Promise<number> {
		const now = this.time.now().toISOString();
		const records: DefinitionRecord[] = [];
		for (const [kind, map] of [
			['item', catalog.items],
			['bundle', catalog.bundles]
		] as const)
			for (const [id, definition] of map) {
				const hash = contentHash(definition);
				records.push({ kind, id, rev: 0, versions: [{ version: 1, hash, publishedAt: now, publishedBy: 'catalog', note: '目录初始版本', definition }] });
				this.catalog?.remember(kind, id, hash, summarise(kind, id, definition));
			}
		const n = records.length ? await this.store.definitions.importMany(records) : 0;
		this.catalog?.invalidate();
		return n;
	}

	async record(kind: DefinitionKind, id: string): Promise<DefinitionRecord> {
		const r = (await this.store.definitions.get(kind, id)) ?? (kind === 'item' ? await this.findItemRecord(id) : undefined);
		if (!r) throw notFound(`${LABEL[kind]}「${id}」`);
		return r;
	}

	private async findItemRecord(code: string) {
		if (this.catalog) {
			const entry = (await this.catalog.fresh()).byCode(code);
			return entry && this.store.definitions.get('item', entry.id);
		}
		return (await this.store.definitions.list('item')).find((r) => {
			const d = (r.versions.at(-1)?.definition ?? r.draft?.definition) as Item | undefined;
			return d && (d.basicCode === code || d.implementationCode === code);
		});
	}

	async list(kind: DefinitionKind): Promise<DefinitionSummary[]> {
		return (await this.store.definitions.list(kind)).map((r) => {
			const def = (r.draft?.definition ?? r.versions.at(-1)?.definition) as { name?: string; department?: string; leadDepartment?: string };
			return {
				kind,
				id: r.id,
				name: def?.name ?? r.id,
				department: def?.department ?? def?.leadDepartment,
				status: !r.versions.length ? 'draft' : r.draft ? 'changed' : 'published',
				latestVersion: r.versions.at(-1)?.version,
				rev: r.rev
			};
		});
	}

	/** the latest published version number per definition, trusted for a moment: new applications start on it */
	private latest = new Map<string, { version: number; until: number }>();

	async published<T>(kind: DefinitionKind, id: string, version?: number): Promise<Versioned<T>> {
		const recent = version === undefined ? this.latest.get(`${kind}/${id}`) : undefined;
		if (recent && recent.until > Date.now()) version = recent.version;
		const key = `${kind}/${id}/${version ?? ''}`;
		if (version !== undefined && this.cache.has(key)) return this.cache.get(key)!;
		const r = await this.record(kind, id);
		const v = version === undefined ? r.versions.at(-1) : r.versions.find((x) => x.version === version);
		if (!v) throw notFound(`${LABEL[kind]}「${id}」${version === undefined ? '的已发布版本' : `第 ${version} 版`}`);
		if (version === undefined) this.latest.set(`${kind}/${id}`, { version: v.version, until: Date.now() + LATEST_TRUSTED_MS });
		// published versions are immutable: parsed once per process
		const cached = this.cache.get(`${kind}/${r.id}/${v.version}`);
		if (cached) return cached;
		// a version published under an older model is lifted to the current one; the stored version stays as it was
		const out = { definition: SCHEMAS[kind].parse(migrateDefinition(kind, v.definition)) as T, version: v.version, hash: v.hash };
		this.cache.set(`${kind}/${r.id}/${v.version}`, out);
		return out;
	}

	/** A published item version already loaded by published(). */
	cachedItem(id: string, version: number): Item | undefined {
		return this.cache.get(`item/${id}/${version}`)?.definition;
	}

	/** A published bundle version already loaded by published(). */
	cachedBundle(id: string, version: number): Bundle | undefined {
		return this.cache.get(`bundle/${id}/${version}`)?.definition as Bundle | undefined;
	}

	/** The latest published versions an application starts on. */
	async source(kind: DefinitionKind, id: string): Promise<ServiceSource> {
		if (kind === 'item') return { kind, item: await this.published<Item>('item', id) };
		const bundle = await this.published<Bundle>('bundle', id);
		const items = await Promise.all(bundle.definition.members.map((m) => this.published<Item>('item', m.item)));
		return { kind, bundle, items };
	}

	/** The exact versions a case is pinned to. */
	async sourceFromPins(pins: Pin[]): Promise<ServiceSource> {
		const items = await Promise.all(pins.filter((p) => p.kind === 'item').map((p) => this.published<Item>('item', p.id, p.version)));
		const b = pins.find((p) => p.kind === 'bundle');
		if (!b) return { kind: 'item', item: items[0] };
		return { kind: 'bundle', bundle: await this.published<Bundle>('bundle', b.id, b.version), items };
	}

	/**
	 * Limits (inline, linear), then the model, cross-reference and workflow checks through the checker (the server's runs them
	 * off the request loop with a time limit); returns the parsed definition or throws 413/422 with every problem.
	 * Publishing an item also checks every published bundle that includes it.
	 */
	async validate(kind: DefinitionKind, json: unknown, opts: { dependents?: boolean } = {}): Promise<Item | Bundle> {
		const refused = guardDefinition(json);
		if (refused.length)
			throw new HttpError(
				refused.some((p) => p.limit === 'bytes') ? 413 : 422,
				`${LABEL[kind]}定义超出限制或含有不允许的键名`,
				refused.map(({ path, message }) => ({ path, message }))
			);
		const job: CheckJob = { kind, json, dictionaries: this.dictionaries };
		if (kind === 'bundle') job.members = await this.memberItems(memberIds(json));
		else if (opts.dependents) job.dependents = await this.dependents(typeof (json as { id?: unknown }).id === 'string' ? (json as { id: string }).id : '');
		const r = await this.checker(job);
		if (!r.ok) throw invalid(r.message, r.errors);
		return r.definition;
	}

	/** The published versions of a bundle's members, by id; missing ones are left to checkBundle to report. */
	private async memberItems(ids: string[]): Promise<Record<string, Versioned<Item>>> {
		const items = new Map<string, Versioned<Item>>();
		for (const id of ids)
			try {
				items.set(id, await this.published<Item>('item', id));
			} catch {
				/* reported by checkBundle */
			}
		return Object.fromEntries(items); // own properties even for a key like __proto__
	}

	/** Published bundles that include the item, with their other members: a new item version must still compose in each. */
	private async dependents(itemId: string): Promise<NonNullable<CheckJob['dependents']>> {
		const out: NonNullable<CheckJob['dependents']> = [];
		const published = this.catalog
			? (await this.catalog.fresh())
					.list('bundle')
					.filter((e) => e.version !== undefined && e.summary.kind === 'bundle' && e.summary.members.includes(itemId))
					.map((e) => e.id)
			: (await this.list('bundle')).filter((s) => s.latestVersion).map((s) => s.id);
		for (const id of published) {
			const bundle = (await this.published<Bundle>('bundle', id)).definition;
			if (bundle.members.some((m) => m.item === itemId))
				out.push({ bundle, members: await this.memberItems(bundle.members.map((m) => m.item).filter((id) => id !== itemId)) });
		}
		return out;
	}

	/**
	 * Saves the draft (optimistic on `expectedRev`). `check: false` is the studio's autosave of work in progress: only the limits,
	 * the model version and the id are checked; the full check runs when it is published.
	 */
	async saveDraft(
		kind: DefinitionKind,
		id: string,
		json: unknown,
		actorId: string,
		expectedRev?: number,
		opts: { check?: boolean } = {}
	): Promise<DefinitionRecord> {
		const def = opts.check === false ? this.uncheckedHead(kind, json) : await this.validate(kind, json);
		json = migrateDefinition(kind, json); // stored at the current model version
		// an item may also be addressed by its 基本编码 or 实施编码
		const existing = (await this.store.definitions.get(kind, id)) ?? (kind === 'item' ? await this.findItemRecord(id) : undefined);
		if (def.id !== (existing?.id ?? id)) throw invalid('标识不一致', [{ path: 'id', message: `路径中的标识为「${id}」，定义中的为「${def.id}」` }]);
		id = def.id;
		const rev = existing?.rev ?? 0;
		if (expectedRev !== undefined && expectedRev !== rev) throw new HttpError(409, '定义已被他人修改，请刷新后重试', undefined, { current: existing });
		const record: DefinitionRecord = existing
			? { ...existing, draft: { definition: json, updatedAt: this.time.now().toISOString(), updatedBy: actorId } }
			: { kind, id, rev: 0, versions: [], draft: { definition: json, updatedAt: this.time.now().toISOString(), updatedBy: actorId } };
		const stored = await this.store.definitions.put(record, rev);
		this.catalog?.invalidate();
		return stored;
	}

	/** What an unchecked draft must still be: within the limits, at a known model version, with a well-formed id. */
	private uncheckedHead(kind: DefinitionKind, json: unknown): { id: string } {
		const refused = guardDefinition(json);
		if (refused.length)
			throw new HttpError(
				refused.some((p) => p.limit === 'bytes') ? 413 : 422,
				`${LABEL[kind]}定义超出限制或含有不允许的键名`,
				refused.map(({ path, message }) => ({ path, message }))
			);
		const version = versionProblems(json);
		if (version.length) throw invalid('定义的模型版本不受支持', version);
		const defId = (json as { id?: unknown })?.id;
		if (typeof defId !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(defId))
			throw invalid(`${LABEL[kind]}标识不正确`, [
				{ path: 'id', message: `${LABEL[kind]}标识「${String(defId ?? '')}」只能包含小写字母、数字和连字符，且以字母或数字开头`, label: `${LABEL[kind]}标识` }
			]);
		return { id: defId };
	}

	/** Validates the draft and appends it as a new immutable version. */
	async publish(kind: DefinitionKind, id: string, note: string, actorId: string): Promise<DefinitionRecord> {
		const existing = await this.record(kind, id);
		if (!existing.draft) throw new HttpError(409, `${LABEL[kind]}「${id}」没有待发布的草稿`);
		if (!note?.trim()) throw invalid('请填写变更说明', [{ path: 'note', message: '发布须附变更说明' }]);
		await this.validate(kind, existing.draft.definition, { dependents: true });
		const definition = migrateDefinition(kind, existing.draft.definition); // a draft saved under an older model is published at the current one
		const version = (existing.versions.at(-1)?.version ?? 0) + 1;
		const next: DefinitionRecord = {
			...existing,
			draft: undefined,
			versions: [
				...existing.versions,
				{ version, hash: contentHash(definition), publishedAt: this.time.now().toISOString(), publishedBy: actorId, note: note.trim(), definition }
			]
		};
		delete next.draft;
		const stored = await this.store.definitions.put(next, existing.rev);
		this.latest.delete(`${kind}/${id}`);
		this.catalog?.invalidate();
		return stored;
	}
}

/** The member ids a raw bundle names (strings only; the model check reports the rest). */
function memberIds(json: unknown): string[] {
	const members = (json as { members?: unknown })?.members;
	if (!Array.isArray(members)) return [];
	return [...new Set(members.map((m) => (m as { item?: unknown })?.item).filter((id): id is string => typeof id === 'string'))];
}

export const PublishBody = z.strictObject({ note: z.string().trim().min(2, '请填写变更说明') });
