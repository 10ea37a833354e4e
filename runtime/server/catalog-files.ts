// The catalog folder at start-up, checked incrementally. A manifest from the last start that passed (DATA_DIR, see
// catalog-cache.ts) records each definition file's size and modification time under a key of the dictionaries, the shipped
// files and this build: files that match are not read again (they passed the same checks); changed and new files are
// checked in full, with the bundles that include a changed or removed item, and their 实施编码 against every other item's.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCatalog, type SourceFile } from '../core/check';
import type { DefinitionIssue } from '../core/issues';
import { Bundle, Item, type Dictionaries } from '../core/model';
import { migrateDefinition } from '../core/model/migrations';
import type { DefinitionKind } from '../core/store';
import { parseJsonText } from './catalog-dir';

/** bump when the manifest's meaning changes */
const FORMAT = 1;
const DIRS = { item: 'items', bundle: 'bundles' } as const;

/** a definition file as last checked: size, modification time, an item's 实施编码, a bundle's member items */
export type FileEntry = [size: number, mtimeMs: number, code: string | null, members: string[] | null];

export interface FilesManifest {
	key: string;
	item: Record<string, FileEntry>;
	bundle: Record<string, FileEntry>;
}

export interface CheckedCatalog {
	dictionaries: Dictionaries;
	/** the id (file name) of every definition file */
	ids: Record<DefinitionKind, string[]>;
	/** definitions parsed at this start: changed files and the members their checks needed */
	items: Map<string, Item>;
	bundles: Map<string, Bundle>;
	/** how many definition files were checked (the others matched the manifest) */
	checked: number;
	/** the manifest differs from the previous start's */
	dirty: boolean;
	manifest: FilesManifest;
	/** a definition file as the catalog defines it (parsed now if it was not) */
	load(kind: DefinitionKind, id: string): Item | Bundle;
}

/** This build: a new build checks every file once (its checks may have changed). */
function codeStamp(): string {
	try {
		return `${import.meta.url}@${statSync(fileURLToPath(import.meta.url)).mtimeMs}`;
	} catch {
		return import.meta.url;
	}
}

const jsonFiles = (dir: string) =>
	existsSync(dir)
		? readdirSync(dir)
				.filter((f) => f.endsWith('.json'))
				.sort()
		: [];

function readSource(root: string, file: string): SourceFile {
	const { data, error } = parseJsonText(readFileSync(join(root, file), 'utf8'));
	return { file, data, parseError: error };
}

/** size and modification time of each file: synchronous calls cost a third of the CPU of 40,000 promises */
function stats(dir: string, files: string[]): { size: number; mtimeMs: number }[] {
	return files.map((f) => statSync(join(dir, f)));
}

/** Checks the catalog folder against the previous start's manifest; `catalog` is absent when the dictionaries do not load. */
export async function checkCatalogDir(root: string, previous?: FilesManifest): Promise<{ catalog?: CheckedCatalog; issues: DefinitionIssue[] }> {
	const hash = createHash('sha256').update(`${FORMAT}\n${codeStamp()}\n`);
	const dictionaryFiles = jsonFiles(join(root, 'dictionaries')).map((f) => {
		const text = readFileSync(join(root, 'dictionaries', f), 'utf8');
		hash.update(`${f}\n${text}\n`);
		const { data, error } = parseJsonText(text);
		return { file: `dictionaries/${f}`, data, parseError: error };
	});
	const shipped = existsSync(join(root, 'files')) ? readdirSync(join(root, 'files')).map((f) => `files/${f}`) : [];
	hash.update(shipped.sort().join('\n'));
	const key = hash.digest('hex');
	const prev = previous?.key === key ? previous : undefined;

	const manifest: FilesManifest = { key, item: {}, bundle: {} };
	const changed: Record<DefinitionKind, Set<string>> = { item: new Set(), bundle: new Set() };
	const ids = {} as Record<DefinitionKind, string[]>;
	for (const kind of ['item', 'bundle'] as const) {
		ids[kind] = [];
		const files = jsonFiles(join(root, DIRS[kind]));
		const found = stats(join(root, DIRS[kind]), files);
		for (const [i, f] of files.entries()) {
			const id = f.slice(0, -'.json'.length);
			const st = found[i];
			const before = prev?.[kind][id];
			ids[kind].push(id);
			if (before && before[0] === st.size && before[1] === st.mtimeMs) manifest[kind][id] = before;
			else {
				manifest[kind][id] = [st.size, st.mtimeMs, null, null];
				changed[kind].add(id);
			}
		}
	}
	// bundles that include a changed or removed item are checked again with their members
	const removed = Object.keys(prev?.item ?? {}).filter((id) => !manifest.item[id]);
	const touched = new Set([...changed.item, ...removed]);
	const bundles = ids.bundle.filter((id) => changed.bundle.has(id) || manifest.bundle[id][3]?.some((m) => touched.has(m)));
	const source = (kind: DefinitionKind, id: string) => readSource(root, `${DIRS[kind]}/${id}.json`);
	const bundleFiles = bundles.map((id) => source('bundle', id));
	const memberIds = new Set(bundleFiles.flatMap((f) => memberIdsOf(f.data)).filter((m) => manifest.item[m]));
	const itemIds = new Set([...changed.item, ...memberIds]);
	const { catalog, issues: all } = checkCatalog({
		dictionaries: dictionaryFiles,
		items: [...itemIds].sort().map((id) => source('item', id)),
		bundles: bundleFiles,
		files: shipped
	});
	// issues of members read only to check a bundle were reported when they changed
	const mine = (file: string) => !file.startsWith(`${DIRS.item}/`) || changed.item.has(file.slice(DIRS.item.length + 1, -'.json'.length));
	const issues = all.filter((i) => mine(i.file));
	if (!catalog) return { issues };
	for (const [id, item] of catalog.items) if (changed.item.has(id)) manifest.item[id][2] = item.implementationCode;
	for (const [id, b] of catalog.bundles) manifest.bundle[id][3] = b.members.map((m) => m.item);
	// a changed item's 实施编码 must not be one an unchanged item already has
	const codes = new Map<string, string>();
	if (changed.item.size) for (const [id, e] of Object.entries(manifest.item)) if (!changed.item.has(id) && e[2]) codes.set(e[2], id);
	for (const id of changed.item) {
		const code = catalog.items.get(id)?.implementationCode;
		const other = code && codes.get(code);
		if (other) issues.push({ file: `${DIRS.item}/${id}.json`, path: 'implementationCode', message: `实施编码与事项「${other}」重复`, severity: 'error' });
	}
	return {
		issues,
		catalog: {
			dictionaries: catalog.dictionaries,
			ids,
			items: catalog.items,
			bundles: catalog.bundles,
			checked: changed.item.size + changed.bundle.size,
			dirty: !prev || removed.length > 0 || changed.item.size + changed.bundle.size > 0 || Object.keys(prev.bundle).some((id) => !manifest.bundle[id]),
			manifest,
			load(kind, id) {
				const known = kind === 'item' ? catalog.items.get(id) : catalog.bundles.get(id);
				if (known) return known;
				const { data, parseError } = source(kind, id);
				if (parseError) throw new Error(`${DIRS[kind]}/${id}.json: ${parseError}`);
				return kind === 'item' ? Item.parse(migrateDefinition(kind, data)) : Bundle.parse(migrateDefinition(kind, data));
			}
		}
	};
}

function memberIdsOf(data: unknown): string[] {
	const members = (data as { members?: unknown })?.members;
	return Array.isArray(members) ? members.map((m) => (m as { item?: unknown })?.item).filter((x): x is string => typeof x === 'string') : [];
}
