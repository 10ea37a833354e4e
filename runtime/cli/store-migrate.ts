// npm run store:migrate -- --from-lowdb DIR [--dry-run]
// Imports a lowdb data folder into the configured store (PGlite in DATA_DIR/pg, or DATABASE_URL; STORE=lowdb also works).
// Reads both lowdb layouts: the old one (one file per collection, `{rows:[…]}`, cases with answers/data/materials/snapshot/
// extra) and the current one (DATA_DIR/store.json). Old cases are mapped to the typed CaseRecord and every case is checked
// against CaseState; a case that fails is reported with its id and not imported. File bytes are copied from DIR/files.
// Stop the server first (PGlite is one process's); import into a new, empty store (the server seeds only what is missing).
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CaseState } from '../core/cases/state';
import { verificationTasks } from '../core/cases/verifications';
import { SIDE_EVENTS } from '../core/cases/events/labels';
import {
	ConflictError,
	type Account,
	type AuditEntry,
	type CaseEvent,
	type CaseRecord,
	type DefinitionRecord,
	type Draft,
	type FileRecord,
	type Licence,
	type OutboxMessage,
	type Rating,
	type Store,
	type Task
} from '../core/store';
import { openStore, storeKind } from '../server/open-store';
import { readerCipher, SEALED_PREFIX } from '../server/pii';
import { openEverywhere } from '../server/pii-records';
import { runMain } from './run-main';

type Doc = Record<string, any>;

/** What was read from DIR, in the current record shapes (cases not yet validated). */
export interface LowdbSource {
	layout: 'old' | 'store.json';
	definitions: DefinitionRecord[];
	cases: { record: CaseRecord; tasks: Task[] }[];
	accounts: Account[];
	licences: Licence[];
	audit: AuditEntry[];
	files: FileRecord[];
	ratings: Rating[];
	drafts: Draft[];
	outbox: OutboxMessage[];
	meta: Record<string, unknown>;
	sequences: Record<string, number>;
}

const OLD_FILES = ['definitions', 'cases', 'tasks', 'accounts', 'licences', 'audit', 'files', 'ratings', 'drafts', 'meta'] as const;

function rowsOf(dir: string, name: string): Doc[] {
	const path = join(dir, `${name}.json`);
	if (!existsSync(path)) return [];
	const parsed = JSON.parse(readFileSync(path, 'utf8'));
	return Array.isArray(parsed?.rows) ? parsed.rows : [];
}

/** The earliest 容缺 deadline of an active case (the deadline timer's index key). */
const deferredDue = (c: CaseRecord) => (c.status === 'active' ? c.state.machine?.context?.pending?.map((p) => p.dueAt).sort()[0] : undefined);

/** Old events kept their branch in the payload; it is a field of the event now. */
function mapEvent(e: Doc): CaseEvent {
	const payload: Doc = { ...(e.payload ?? {}) };
	let branch: unknown = e.branch;
	if (branch === undefined && typeof payload.branch === 'string') {
		branch = payload.branch;
		delete payload.branch;
	}
	const out: CaseEvent = { seq: e.seq, at: e.at, actor: e.actor, type: e.type, payload, stateAfter: e.stateAfter ?? null };
	if (typeof branch === 'string') out.branch = branch;
	if (e.comment !== undefined) out.comment = e.comment;
	return out;
}

/** The per-branch versions the stale check reads: the seq of the last event that moved each branch ('*' = the whole case). */
function branchVersionsOf(events: CaseEvent[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const e of events) if (!SIDE_EVENTS.has(e.type)) out[e.branch ?? '*'] = e.seq;
	return out;
}

/**
 * An old case record → the current CaseRecord. The machine context now carries answers, data, materials and corrections
 * (old: fields of the record and extra.corrections); unknown context keys are kept so the strict CaseState check names them.
 * The initial materials are the current ones with every supplied 容缺 material set back to deferred (old records kept no
 * copy of the submitted materials; a RESUBMIT's replaced materials cannot be recovered).
 */
export function mapOldCase(old: Doc): CaseRecord {
	const extra: Doc = old.extra ?? {};
	const snapshot: Doc = old.snapshot ?? {};
	const events = ((old.events ?? []) as Doc[]).map(mapEvent);
	const now: Doc = snapshot.context ?? {};
	const first: Doc = extra.initialContext ?? {};
	const context = (ctx: Doc, fallback: { answers: unknown; data: unknown; materials: unknown; corrections: unknown }) => ({
		...ctx,
		answers: ctx.answers ?? fallback.answers ?? {},
		data: fallback.data ?? ctx.data ?? {},
		materials: ctx.materials ?? fallback.materials ?? {},
		commitments: ctx.commitments ?? [],
		pending: ctx.pending ?? [],
		outcomes: ctx.outcomes ?? {},
		outcomeReasons: ctx.outcomeReasons ?? {},
		corrections: ctx.corrections ?? fallback.corrections ?? []
	});
	const submitted: Doc = { ...(old.materials ?? {}) };
	for (const e of events) if (e.type === 'SUPPLY' && typeof e.payload.material === 'string') submitted[e.payload.material] = { source: 'deferred' };
	const record = {
		id: old.id,
		receiptNumber: old.receiptNumber,
		version: old.version ?? events.length,
		service: old.service,
		pins: old.pins ?? [],
		applicantId: old.applicantId,
		status: old.status,
		state: {
			machine: {
				value: snapshot.value,
				status: snapshot.status === 'done' ? 'done' : 'active',
				context: context(now, { answers: old.answers, data: old.data, materials: old.materials, corrections: extra.corrections })
			},
			initial: {
				value: extra.initialValue ?? snapshot.value,
				status: 'active',
				context: context(first, { answers: old.answers, data: first.data, materials: submitted, corrections: [] })
			},
			branchVersions: branchVersionsOf(events),
			results: extra.results ?? [],
			verifications: extra.verifications ?? []
		},
		createdAt: old.createdAt,
		updatedAt: old.updatedAt ?? old.createdAt,
		events
	} as CaseRecord;
	const due = deferredDue(record);
	if (due) record.deferredDueAt = due;
	return record;
}

/** Old tasks lacked the service id and 受理编号 (inbox filters without a join); open 告知承诺核查 get their tasks. */
function tasksFor(record: CaseRecord, old: Doc[]): Task[] {
	const tasks = old.map((t) => ({ ...t, serviceId: t.serviceId ?? record.service?.id, receiptNumber: t.receiptNumber ?? record.receiptNumber }) as Task);
	const have = new Set(tasks.map((t) => t.id));
	let verify: Task[] = [];
	try {
		verify = verificationTasks(record, tasks).filter((t) => !have.has(t.id));
	} catch {
		/* a malformed case: caseProblems reports it and it is not imported */
	}
	return [...tasks, ...verify.map((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as Task)];
}

/** Reads DIR in whichever layout it has. */
export function readLowdbDir(dir: string): LowdbSource {
	if (existsSync(join(dir, 'store.json'))) {
		const text = readFileSync(join(dir, 'store.json'), 'utf8');
		// personal identifiers sealed by that folder's server are opened here and sealed again by the target store
		const d: Doc = text.includes(SEALED_PREFIX) ? openEverywhere(JSON.parse(text), readerCipher(process.env, dir)) : JSON.parse(text);
		const tasks = Object.values((d.tasks ?? {}) as Record<string, Task>);
		const byCase = new Map<string, Task[]>();
		for (const t of tasks) (byCase.get(t.caseId) ?? byCase.set(t.caseId, []).get(t.caseId)!).push(t);
		return {
			layout: 'store.json',
			definitions: Object.values(d.definitions ?? {}),
			cases: Object.values((d.cases ?? {}) as Record<string, CaseRecord>).map((record) => ({ record, tasks: byCase.get(record.id) ?? [] })),
			accounts: Object.values(d.accounts ?? {}),
			licences: Object.values(d.licences ?? {}),
			audit: d.audit ?? [],
			files: Object.values(d.files ?? {}),
			ratings: Object.values(d.ratings ?? {}),
			drafts: Object.values(d.drafts ?? {}),
			outbox: Object.values(d.outbox ?? {}),
			meta: d.meta ?? {},
			sequences: d.sequences ?? {}
		};
	}
	if (!OLD_FILES.some((f) => existsSync(join(dir, `${f}.json`)))) throw new Error(`${dir}: neither store.json nor the old lowdb files (cases.json, …)`);
	const tasks = rowsOf(dir, 'tasks');
	const byCase = new Map<string, Doc[]>();
	for (const t of tasks) (byCase.get(t.caseId) ?? byCase.set(t.caseId, []).get(t.caseId)!).push(t);
	const meta: Record<string, unknown> = {};
	for (const r of rowsOf(dir, 'meta')) meta[r.key] = r.value;
	const sequences: Record<string, number> = {};
	// the old receipt counters lived in meta (receipt:yyyymmdd); they are store sequences now
	for (const [k, v] of Object.entries(meta))
		if (k.startsWith('receipt:') && typeof v === 'number') {
			sequences[k] = v;
			delete meta[k];
		}
	return {
		layout: 'old',
		definitions: rowsOf(dir, 'definitions') as DefinitionRecord[],
		cases: rowsOf(dir, 'cases').map((old) => {
			const record = mapOldCase(old);
			return { record, tasks: tasksFor(record, byCase.get(old.id) ?? []) };
		}),
		accounts: rowsOf(dir, 'accounts') as Account[],
		licences: rowsOf(dir, 'licences') as Licence[],
		audit: rowsOf(dir, 'audit') as AuditEntry[],
		files: rowsOf(dir, 'files') as FileRecord[],
		ratings: rowsOf(dir, 'ratings') as Rating[],
		drafts: rowsOf(dir, 'drafts') as Draft[],
		outbox: [],
		meta,
		sequences
	};
}

export interface CaseProblem {
	id: string;
	problems: string[];
}

/** Why a mapped case cannot be imported: its state against CaseState, and the record's own invariants. */
export function caseProblems(c: CaseRecord): string[] {
	const out: string[] = [];
	if (typeof c.id !== 'string' || !c.id) out.push('id: missing');
	if (typeof c.receiptNumber !== 'string' || !c.receiptNumber) out.push('receiptNumber: missing');
	if (!c.service?.id || !c.service?.kind) out.push('service: missing');
	if (!Array.isArray(c.events) || c.events.some((e, i) => e.seq !== i + 1)) out.push('events: seq must run 1, 2, …');
	else if (c.version !== c.events.length) out.push(`version: ${c.version}, but ${c.events.length} events`);
	const parsed = CaseState.safeParse(c.state);
	if (!parsed.success) for (const i of parsed.error.issues.slice(0, 10)) out.push(`state.${i.path.join('.')}: ${i.message}`);
	return out;
}

export interface MigrateReport {
	layout: LowdbSource['layout'];
	counts: Record<string, { imported: number; skipped: number; failed: number }>;
	failedCases: CaseProblem[];
	warnings: string[];
}

/** The store.meta key recording a finished import (a second run is refused). */
export const IMPORT_MARK = 'lowdbImport';

/** Moves a named counter up to at least `floor` (never down, never past it); all or nothing. */
async function raiseSequence(store: Store, name: string, floor: number) {
	const unchanged = Symbol('unchanged');
	await store
		.transaction(async (tx) => {
			let v = await tx.nextSequence(name);
			if (v > floor) throw unchanged; // already past: roll the increment back
			while (v < floor) v = await tx.nextSequence(name);
		})
		.catch((e) => {
			if (e !== unchanged) throw e;
		});
}

const chunks = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** Imports `dir` into `target` (everything, or with dryRun only reads, maps and checks). */
export async function migrateFromLowdb(
	dir: string,
	target: Store | undefined,
	opts: { batch?: number; log?: (line: string) => void } = {}
): Promise<MigrateReport> {
	const log = opts.log ?? (() => {});
	const batch = opts.batch ?? 500;
	const src = readLowdbDir(dir);
	const report: MigrateReport = { layout: src.layout, counts: {}, failedCases: [], warnings: [] };
	const count = (name: string) => (report.counts[name] ??= { imported: 0, skipped: 0, failed: 0 });
	log(`${dir}: ${src.layout === 'old' ? 'old layout (one file per collection)' : 'store.json'}, ${src.cases.length} cases`);

	const good: LowdbSource['cases'] = [];
	for (const c of src.cases) {
		const problems = caseProblems(c.record);
		if (problems.length) {
			report.failedCases.push({ id: c.record.id ?? '(no id)', problems });
			count('cases').failed++;
		} else good.push(c);
	}
	if (!target) {
		count('cases').imported = good.length;
		for (const k of ['definitions', 'accounts', 'licences', 'files', 'ratings', 'drafts', 'audit', 'outbox'] as const) count(k).imported = src[k].length;
		return report;
	}
	const mark = await target.meta.get<{ from: string; at: string }>(IMPORT_MARK);
	if (mark) throw new Error(`this store already holds an import (from ${mark.from} at ${mark.at}); import into a fresh DATA_DIR or database`);

	// definitions first: cases are pinned to their published versions
	for (const d of src.definitions) {
		const existing = await target.definitions.get(d.kind, d.id);
		const samePrefix = (a: DefinitionRecord, b: DefinitionRecord) =>
			a.versions.every((v, i) => b.versions[i]?.version === v.version && b.versions[i]?.hash === v.hash);
		try {
			if (!existing) await target.definitions.put({ ...d, rev: 0 }, 0);
			else if (samePrefix(existing, d) && d.versions.length > existing.versions.length)
				await target.definitions.put({ ...d, draft: d.draft ?? existing.draft }, existing.rev);
			else if (samePrefix(d, existing)) {
				count('definitions').skipped++;
				continue;
			} else {
				report.warnings.push(
					`definition ${d.kind}/${d.id}: the store already has other published versions; kept the store's (cases pinned to the old ones will not open)`
				);
				count('definitions').failed++;
				continue;
			}
			count('definitions').imported++;
		} catch (e) {
			report.warnings.push(`definition ${d.kind}/${d.id}: ${(e as Error).message}`);
			count('definitions').failed++;
		}
	}
	for (const a of src.accounts) {
		try {
			await target.accounts.put(a);
			count('accounts').imported++;
		} catch (e) {
			if (!(e instanceof ConflictError)) throw e;
			report.warnings.push(`account ${a.id} (${a.username}): ${e.message}`);
			count('accounts').failed++;
		}
	}
	for (const l of src.licences) {
		await target.licences.put(l);
		count('licences').imported++;
	}
	for (const f of src.files) {
		const path = join(dir, 'files', f.id);
		if (!/^[A-Za-z0-9_-]+$/.test(f.id) || !existsSync(path)) {
			report.warnings.push(`file ${f.id} (${f.name}): no bytes in ${join(dir, 'files')}`);
			count('files').failed++;
			continue;
		}
		await target.files.put(f, new Uint8Array(await readFile(path)));
		count('files').imported++;
	}

	// cases and their tasks through the bulk path, a batch per transaction; ids already in the store are left alone
	for (const part of chunks(good, batch)) {
		const present = new Set((await target.cases.list({ ids: part.map((c) => c.record.id), limit: part.length })).map((c) => c.id));
		const fresh = part.filter((c) => !present.has(c.record.id));
		count('cases').skipped += part.length - fresh.length;
		if (fresh.length) await target.cases.importMany(fresh);
		count('cases').imported += fresh.length;
		count('tasks').imported += fresh.reduce((n, c) => n + c.tasks.length, 0);
		log(`  cases ${count('cases').imported + count('cases').skipped}/${good.length}`);
	}

	for (const r of src.ratings) {
		try {
			await target.ratings.create(r);
			count('ratings').imported++;
		} catch (e) {
			if (!(e instanceof ConflictError)) throw e;
			count('ratings').skipped++;
		}
	}
	for (const d of src.drafts) {
		await target.drafts.put(d);
		count('drafts').imported++;
	}
	for (const part of chunks(src.audit, 1000)) {
		await target.transaction(async (tx) => {
			for (const e of part) await tx.audit.append(e);
		});
		count('audit').imported += part.length;
	}
	for (const part of chunks(src.outbox, 1000)) {
		await target.transaction(async (tx) => {
			for (const m of part) await tx.outbox.append(m);
		});
		count('outbox').imported += part.length;
	}

	// counters: at least the stored ones and the highest 受理编号 of each day, so new numbers never collide
	const floors = { ...src.sequences };
	for (const { record } of good) {
		const m = /^QZ(\d{8})(\d{6})$/.exec(record.receiptNumber);
		if (m) floors[`receipt:${m[1]}`] = Math.max(floors[`receipt:${m[1]}`] ?? 0, Number(m[2]));
	}
	for (const [name, floor] of Object.entries(floors)) {
		await raiseSequence(target, name, floor);
		count('sequences').imported++;
	}
	// other meta (session secret, settings): the store's own values win
	for (const [key, value] of Object.entries(src.meta)) {
		if (key === IMPORT_MARK || (await target.meta.get(key)) !== undefined) {
			count('meta').skipped++;
			continue;
		}
		await target.meta.set(key, value);
		count('meta').imported++;
	}
	await target.meta.set(IMPORT_MARK, { from: resolve(dir), at: new Date().toISOString(), counts: report.counts });
	return report;
}

function printReport(r: MigrateReport, dryRun: boolean) {
	console.log(dryRun ? '\n(dry run: nothing written)' : '');
	console.log('collection     imported  skipped  failed');
	for (const [name, c] of Object.entries(r.counts))
		console.log(`${name.padEnd(14)} ${String(c.imported).padStart(8)} ${String(c.skipped).padStart(8)} ${String(c.failed).padStart(7)}`);
	for (const w of r.warnings) console.log(`warning: ${w}`);
	for (const f of r.failedCases) console.log(`case ${f.id} not imported:\n  ${f.problems.join('\n  ')}`);
}

async function main(argv: string[]) {
	const at = argv.indexOf('--from-lowdb');
	const dir = at >= 0 ? argv[at + 1] : undefined;
	const dryRun = argv.includes('--dry-run');
	if (!dir) {
		console.error(
			'usage: npm run store:migrate -- --from-lowdb DIR [--dry-run]\n  imports into the store DATA_DIR / DATABASE_URL / STORE select, as the server would open it'
		);
		return 2;
	}
	const source = resolve(dir);
	const dataDir = resolve(process.env.DATA_DIR ?? 'data');
	const kind = storeKind();
	if (kind === 'lowdb' && source === dataDir && existsSync(join(source, 'store.json'))) {
		console.error(`${source} is both the source and the target store`);
		return 2;
	}
	const target = dryRun ? undefined : await openStore({ dataDir });
	console.log(
		dryRun
			? `checking ${source}`
			: `importing ${source} into ${kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : kind === 'pglite' ? `PGlite in ${join(dataDir, 'pg')}` : `lowdb in ${dataDir}`}`
	);
	try {
		const report = await migrateFromLowdb(source, target, { log: (l) => console.log(l) });
		printReport(report, dryRun);
		return report.failedCases.length ? 1 : 0;
	} finally {
		await target?.close();
	}
}

runMain(import.meta.url, main, 'store:migrate: ', 1);
