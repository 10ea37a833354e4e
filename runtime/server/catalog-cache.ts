// DATA_DIR/catalog-cache.json: what the last start learnt about the catalog, so the next one need not learn it again — the
// definition files that passed their checks (catalog-files.ts) and the catalog index as of the store's stamp (catalog/live.ts).
// Only a cache: a missing, damaged or foreign file costs one slow start (every file checked, summaries rebuilt), nothing else.
// Compact, as reading it is most of a start: entries are arrays, and the workflow steps, form fields and member lists many
// definitions share (a template's) are stored once and shared again in memory.
import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IndexEntry, Summary } from '../core/catalog/index';
import type { CatalogSnapshot } from '../core/catalog/live';
import type { FilesManifest } from './catalog-files';

const FORMAT = 6;
const NAME = 'catalog-cache.json';

export interface CatalogCache {
	files?: FilesManifest;
	catalog?: CatalogSnapshot;
}

/** summary fields in row order after kind, id, rev, draft, version, hash (absent values as null); * = an index into `shared` */
const ITEM = [
	'name',
	'subName',
	'theme',
	'keywords',
	'initials',
	'type',
	'department',
	'region',
	'caseType',
	'promisedLimitDays',
	'visits',
	'onlineDepth',
	'basicCode',
	'implementationCode',
	'*steps',
	'*identifierFields',
	'*keyedFields'
];
const BUNDLE = ['name', 'theme', 'keywords', 'initials', 'guide', 'leadDepartment', '*members', 'frontDesk', 'issuance', 'fieldMappings'];
const FIELDS = { item: ITEM, bundle: BUNDLE } as const;

type Row = unknown[];
interface Stored {
	format: number;
	files?: FilesManifest;
	catalog?: { stamp: string; shared: unknown[]; rows: Row[] };
}

function encode(snapshot: CatalogSnapshot): NonNullable<Stored['catalog']> {
	const shared: unknown[] = [];
	const at = new Map<string, number>();
	const ref = (v: unknown) => {
		const key = JSON.stringify(v);
		let i = at.get(key);
		if (i === undefined) at.set(key, (i = shared.push(v) - 1));
		return i;
	};
	const rows = snapshot.entries.map((e): Row => {
		const s = e.summary as unknown as Record<string, unknown>;
		const fields = FIELDS[e.kind].map((f) => (f.startsWith('*') ? ref(s[f.slice(1)]) : (s[f] ?? null)));
		return [e.kind, e.id, e.rev, e.draft ? 1 : 0, e.version ?? null, e.hash ?? null, ...fields];
	});
	return { stamp: snapshot.stamp, shared, rows };
}

/** per kind: each row column's summary field and whether it is an index into `shared` */
const COLUMNS = {
	item: ITEM.map((f) => [f.replace('*', ''), f.startsWith('*')] as const),
	bundle: BUNDLE.map((f) => [f.replace('*', ''), f.startsWith('*')] as const)
};

function decode(stored: NonNullable<Stored['catalog']>): CatalogSnapshot {
	const { shared } = stored;
	const entries = stored.rows.map((row): IndexEntry => {
		const [kind, id, rev, draft, version, hash] = row as [IndexEntry['kind'], string, number, 0 | 1, number | null, string | null];
		const summary: Record<string, unknown> = { kind, id };
		const columns = COLUMNS[kind];
		for (let i = 0; i < columns.length; i++) {
			const v = row[6 + i];
			const [field, isShared] = columns[i];
			if (isShared) summary[field] = shared[v as number];
			else if (v !== null) summary[field] = v;
		}
		const entry: IndexEntry = { kind, id, rev, draft: draft === 1, summary: summary as unknown as Summary };
		if (version !== null) Object.assign(entry, { version, hash });
		return entry;
	});
	return { stamp: stored.stamp, entries };
}

export function readCatalogCache(dataDir: string): CatalogCache {
	let text: string;
	try {
		text = readFileSync(join(dataDir, NAME), 'utf8');
	} catch {
		return {};
	}
	try {
		const stored = JSON.parse(text) as Stored;
		if (stored.format === FORMAT)
			return {
				files: stored.files,
				catalog: stored.catalog && decode(stored.catalog)
			};
	} catch {
		console.warn(`${join(dataDir, NAME)} 已损坏，本次启动将重新检查目录`);
	}
	return {};
}

/** Written beside and renamed over the old one: a crash leaves the old cache or the new, never half of one. */
export async function writeCatalogCache(dataDir: string, cache: CatalogCache): Promise<void> {
	const path = join(dataDir, NAME);
	const temp = `${path}.${process.pid}.tmp`;
	const stored: Stored = {
		format: FORMAT,
		files: cache.files,
		catalog: cache.catalog && encode(cache.catalog)
	};
	await writeFile(temp, JSON.stringify(stored));
	await rename(temp, path);
}
