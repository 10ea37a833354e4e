// Lifts stored and imported definitions to the current model before anything parses them, so tightening the model never breaks a published version.
import { invalid } from '../errors';
import { Bundle } from './bundle';
import { SCHEMA_VERSION } from './common';

type Kind = 'item' | 'bundle';
type Doc = Record<string, unknown>;

export interface Migration {
	from: number;
	to: number;
	up(kind: Kind, doc: Doc): Doc;
}

const hasKey = (schema: unknown, key: string) => key in ((schema as { shape?: object }).shape ?? {});

/** In order; each returns a new document and never mutates the old one. */
export const MIGRATIONS: Migration[] = [
	{
		// version 1 (no schemaVersion): bundle members were decided each on its own
		from: 1,
		to: 2,
		up: (kind, doc) => ({
			...doc,
			...(kind === 'bundle' && doc.outcomeRule === undefined && hasKey(Bundle, 'outcomeRule') ? { outcomeRule: 'each' } : {}),
			schemaVersion: 2
		})
	}
];

/** What refuses a definition's schemaVersion: not a positive integer, or newer than this build knows. */
export function versionProblems(raw: unknown): { path: string; message: string }[] {
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return []; // the schema names what is wrong
	const v = (raw as Doc).schemaVersion ?? 1;
	if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
		return [{ path: 'schemaVersion', message: `模型版本 schemaVersion 应为 1 到 ${SCHEMA_VERSION} 的整数` }];
	if (v > SCHEMA_VERSION) return [{ path: 'schemaVersion', message: `定义的模型版本为 ${v}，本系统最高支持 ${SCHEMA_VERSION}，请先升级系统` }];
	return [];
}

/** The definition lifted to the current SCHEMA_VERSION (absent = version 1); throws 422 for a version this build does not know. */
export function migrateDefinition(kind: Kind, raw: unknown): unknown {
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
	const problems = versionProblems(raw);
	if (problems.length) throw invalid('定义的模型版本不受支持', problems);
	let doc = raw as Doc;
	for (let at = (doc.schemaVersion as number | undefined) ?? 1; at < SCHEMA_VERSION;) {
		const m = MIGRATIONS.find((x) => x.from === at);
		if (!m) throw new Error(`no migration from schema version ${at}`);
		doc = m.up(kind, doc);
		at = m.to;
	}
	return doc;
}
